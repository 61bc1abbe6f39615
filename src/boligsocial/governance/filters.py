"""FilterSets for people, plan roles, bodies and memberships, shared by the list pages and the
API. They narrow querysets already limited to what the user may read; a filter that names a
plan only matches plans the user may read, so filtering never reveals a hidden plan's people.

`on=YYYY-MM-DD` keeps the rows in force on that date (valid_from ≤ date and valid_to empty or
≥ date); without it every row is listed, past and future."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.accounts.selectors import appearing_in, plans_readable_by
from boligsocial.governance.models import (
    FORMER_BODY_KINDS,
    FORMER_MEMBERSHIP_ROLES,
    FORMER_PLAN_ROLE_KINDS,
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Person,
    PlanRole,
    PlanRoleKind,
)
from boligsocial.governance.selectors import in_force_on
from boligsocial.organisations.filters import AliasedChoiceFilter, IdFilter, search


class InForceFilterSet(django_filters.FilterSet):
    on = django_filters.DateFilter(method="filter_on", label=_("In force on the date"))

    def filter_on(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset.filter(in_force_on(value))


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    employer_id = IdFilter(field_name="employer", label=_("Employer id"))
    plan_id = IdFilter(
        method="filter_plan_id", label=_("Has a role or a seat in a body of the plan")
    )

    class Meta:
        model = Person
        fields = ("q", "employer_id", "plan_id")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Name and title only: e-mail and phone are not public, so they are not searched.
        return search(queryset, ("name", "title"), value)

    def filter_plan_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        user: Any = getattr(self.request, "user", None)
        return queryset.filter(appearing_in(plans_readable_by(user).filter(pk=value).values("pk")))


class PlanRoleFilterSet(InForceFilterSet):
    plan_id = IdFilter(field_name="plan", label=_("Plan id"))
    person_id = IdFilter(field_name="person", label=_("Person id"))
    kind = AliasedChoiceFilter(
        choices=PlanRoleKind.choices, aliases=FORMER_PLAN_ROLE_KINDS, label=_("Role")
    )

    class Meta:
        model = PlanRole
        fields = ("plan_id", "person_id", "kind", "on")


class BodyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    plan_id = IdFilter(field_name="plan", label=_("Plan id"))
    kind = AliasedChoiceFilter(choices=BodyKind.choices, aliases=FORMER_BODY_KINDS, label=_("Kind"))
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Body
        fields = ("q", "plan_id", "kind", "active")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name", "description"), value)


class MembershipFilterSet(InForceFilterSet):
    body_id = IdFilter(field_name="body", label=_("Body id"))
    plan_id = IdFilter(field_name="body__plan", label=_("Plan id"))
    person_id = IdFilter(field_name="person", label=_("Person id"))
    represents_id = IdFilter(field_name="represents", label=_("Represented organisation id"))
    organisation_id = IdFilter(
        method="filter_organisation_id",
        label=_("Seats of the organisation: on its behalf or held by its staff"),
    )
    role = AliasedChoiceFilter(
        choices=MembershipRole.choices, aliases=FORMER_MEMBERSHIP_ROLES, label=_("Role")
    )
    body_kind = AliasedChoiceFilter(
        field_name="body__kind",
        choices=BodyKind.choices,
        aliases=FORMER_BODY_KINDS,
        label=_("Kind of body"),
    )

    class Meta:
        model = Membership
        fields = (
            "body_id",
            "plan_id",
            "person_id",
            "represents_id",
            "organisation_id",
            "role",
            "body_kind",
            "on",
        )

    def filter_organisation_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(represents_id=value) | Q(person__employer_id=value))
