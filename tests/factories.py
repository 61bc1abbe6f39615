"""factory_boy factories for every model. Reference data (regions, municipalities, fund rounds,
focus areas) comes from the migrations, so factories look those up instead of making them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.areas.models import Afdeling, Area
from boligsocial.funding.models import FundRound
from boligsocial.governance.models import (
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Person,
    PlanRole,
    PlanRoleKind,
)
from boligsocial.organisations.models import Municipality, Organisation, OrganisationKind
from boligsocial.plans.models import Plan, PlanStatus
from tests.kit import valid_cvr


def municipality(name: str = "Aarhus") -> Municipality:
    return Municipality.objects.get(name=name)


def fund_round(code: str = "2019–26") -> FundRound:
    return FundRound.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.OTHER
    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class HousingOrganisationFactory(OrganisationFactory):
    kind = OrganisationKind.HOUSING
    name = factory.Sequence(lambda n: f"Boligforeningen Testhus {n}")
    slug = factory.Sequence(lambda n: f"boligforeningen-testhus-{n}")
    cvr = factory.Sequence(valid_cvr)


class SecretariatFactory(OrganisationFactory):
    kind = OrganisationKind.SECRETARIAT
    name = "Det Boligsociale Fællessekretariat"
    slug = "faellessekretariatet"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Testparken {n}")
    slug = factory.Sequence(lambda n: f"testparken-{n}")
    municipality = factory.LazyFunction(municipality)
    residents = 1500


class AfdelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Afdeling

    organisation = factory.SubFactory(HousingOrganisationFactory)
    number = factory.Sequence(lambda n: str(1000 + n))  # clear of numbers tests choose
    name = factory.Sequence(lambda n: f"Afdeling {n + 1}")
    area = factory.SubFactory(AreaFactory)
    dwellings = 400


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Helhedsplan {n}")
    slug = factory.Sequence(lambda n: f"helhedsplan-{n}")
    fund_round = factory.LazyFunction(fund_round)
    start_date = date(2023, 1, 1)
    end_date = date(2026, 12, 31)
    status = PlanStatus.RUNNING
    published = True

    @factory.post_generation
    def afdelinger(self, create, extracted, **kwargs):
        if create and extracted:
            self.afdelinger.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Testperson {n}")
    title = "Konsulent"
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class PlanRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanRole

    plan = factory.SubFactory(PlanFactory)
    person = factory.SubFactory(PersonFactory)
    kind = PlanRoleKind.STAFF
    fte = Decimal("1.00")
    valid_from = date(2023, 1, 1)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    plan = factory.SubFactory(PlanFactory)
    kind = BodyKind.BOARD
    name = factory.Sequence(lambda n: f"Bestyrelse {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    represents = factory.SubFactory(OrganisationFactory)
    role = MembershipRole.MEMBER
    valid_from = date(2023, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "test-password-123")

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


def user_with_role(role: str, **scope) -> object:
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def person_created_by(user: object, **kwargs) -> Person:
    """A person whose first history row names `user` as its creator, as when the user creates
    the person on the web or through the API."""
    person = PersonFactory.build(**kwargs)
    person._history_user = user
    person.save()
    return person


__all__ = ["Role"]
