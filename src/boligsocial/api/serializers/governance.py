from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from boligsocial.accounts.rules import can_edit_plan, can_see_private_contact
from boligsocial.accounts.selectors import (
    bodies_readable_by,
    people_assignable_by,
    plans_readable_by,
)
from boligsocial.api.fields import DateField, EnumField, IdField
from boligsocial.api.permissions import NOT_PLAN_EDITOR
from boligsocial.api.serializers.base import OutputSerializer, context_user, request_scopes
from boligsocial.api.serializers.organisations import OrganisationBriefSerializer
from boligsocial.api.serializers.people import PersonBriefSerializer
from boligsocial.api.serializers.plans import PlanBriefSerializer
from boligsocial.core.validation import LONG_TEXT_MAX
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
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan

# People -------------------------------------------------------------------------------------


class PersonSerializer(OutputSerializer):
    """A person. `email` and `phone` are given to logged-in users only."""

    employer = OrganisationBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ("id", "name", "title", "employer", "email", "phone")
        optional_fields = ("email", "phone")

    def to_representation(self, instance: Person) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        if not can_see_private_contact(request_scopes(self)):
            data.pop("email", None)
            data.pop("phone", None)
        return data


class PersonWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    employer = IdField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    confirm_new = serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text=_(
            "On creation: a person whose name (ignoring case and spaces) and employer match "
            "an existing person's is refused with 400 on `name`, listing them, unless this is "
            "true (it is another person with the same name). Ignored on changes."
        ),
    )


class PersonMergeSerializer(serializers.Serializer):
    remove = IdField(
        queryset=Person.objects.all(),
        help_text=_(
            "The other record of the same person: their roles and seats move to this person, "
            "then they are deleted."
        ),
    )


# Writes that belong to a plan ---------------------------------------------------------------


class ScopedRelationsSerializer(serializers.Serializer):
    """An id of a plan, body or person that the user may not use answers exactly as an id that
    does not exist: `Invalid pk "…" - object does not exist.`"""

    # `plan` is looked up among the plans the user may read, `body` among their bodies, and
    # `person` among the people the user may assign (`accounts.selectors`).

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = context_user(self)
        scoped = {
            "plan": lambda: plans_readable_by(user),
            "body": lambda: bodies_readable_by(user),
            "person": lambda: people_assignable_by(user),
        }
        for name, queryset in scoped.items():
            field = self.fields.get(name)
            if isinstance(field, serializers.PrimaryKeyRelatedField):
                field.queryset = queryset()


class PlanScopedSerializer(ScopedRelationsSerializer):
    """The plan a new row is for must be one the user may change (administrators and that
    plan's leader may): 403 for a plan the user may read but not change. An id of a plan, body
    or person that the user may not use answers exactly as an id that does not exist:
    `Invalid pk "…" - object does not exist.`"""

    # The plan (or body) field comes first, so it is checked before any other field.

    def check_plan(self, plan: Plan | int) -> None:
        plan_id = plan if isinstance(plan, int) else plan.pk
        if not can_edit_plan(request_scopes(self), plan_id):
            raise PermissionDenied(NOT_PLAN_EDITOR)


def _fte_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("1.00"),
        help_text=_("Share of a full-time position, 0.01 to 1.00."),
        **kwargs,
    )


class PlanRoleSerializer(OutputSerializer):
    plan = PlanBriefSerializer(read_only=True)
    person = PersonBriefSerializer(read_only=True)
    kind = EnumField(PlanRoleKind, read_only=True)

    class Meta:
        model = PlanRole
        fields = ("id", "plan", "person", "kind", "title", "fte", "valid_from", "valid_to")


class PlanRoleCreateSerializer(PlanScopedSerializer):
    plan = IdField(queryset=Plan.objects.all())
    person = IdField(queryset=Person.objects.none())
    kind = EnumField(PlanRoleKind, aliases=FORMER_PLAN_ROLE_KINDS)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    fte = _fte_field(required=False)
    valid_from = DateField()
    valid_to = DateField(required=False, allow_null=True)

    def validate_plan(self, plan: Plan) -> Plan:
        self.check_plan(plan)
        return plan


class PlanRoleUpdateSerializer(ScopedRelationsSerializer):
    person = IdField(queryset=Person.objects.none(), required=False)
    kind = EnumField(PlanRoleKind, aliases=FORMER_PLAN_ROLE_KINDS)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    fte = _fte_field(required=False)
    valid_from = DateField()
    valid_to = DateField(required=False, allow_null=True)


class BodySerializer(OutputSerializer):
    plan = PlanBriefSerializer(read_only=True)
    kind = EnumField(BodyKind, read_only=True)

    class Meta:
        model = Body
        fields = ("id", "plan", "kind", "name", "description", "active")


class BodyUpdateSerializer(ScopedRelationsSerializer):
    kind = EnumField(BodyKind, aliases=FORMER_BODY_KINDS)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False)


class BodyCreateSerializer(PlanScopedSerializer):
    plan = IdField(queryset=Plan.objects.all())
    kind = EnumField(BodyKind, aliases=FORMER_BODY_KINDS)
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False)

    def validate_plan(self, plan: Plan) -> Plan:
        self.check_plan(plan)
        return plan


class BodyBriefSerializer(OutputSerializer):
    kind = EnumField(BodyKind, read_only=True)
    plan = PlanBriefSerializer(read_only=True)

    class Meta:
        model = Body
        fields = ("id", "kind", "name", "plan")


class MembershipSerializer(OutputSerializer):
    body = BodyBriefSerializer(read_only=True)
    person = PersonBriefSerializer(read_only=True)
    represents = OrganisationBriefSerializer(read_only=True)
    role = EnumField(MembershipRole, read_only=True)

    class Meta:
        model = Membership
        fields = ("id", "body", "person", "represents", "role", "valid_from", "valid_to")


class MembershipUpdateSerializer(ScopedRelationsSerializer):
    person = IdField(queryset=Person.objects.none(), required=False)
    represents = IdField(
        queryset=Organisation.objects.all(),
        help_text=_("The organisation the person represents in the body."),
    )
    role = EnumField(MembershipRole, aliases=FORMER_MEMBERSHIP_ROLES, required=False)
    valid_from = DateField()
    valid_to = DateField(required=False, allow_null=True)


class MembershipCreateSerializer(PlanScopedSerializer):
    body = IdField(queryset=Body.objects.all())
    person = IdField(queryset=Person.objects.none())
    represents = IdField(
        queryset=Organisation.objects.all(),
        help_text=_("The organisation the person represents in the body."),
    )
    role = EnumField(MembershipRole, aliases=FORMER_MEMBERSHIP_ROLES, required=False)
    valid_from = DateField()
    valid_to = DateField(required=False, allow_null=True)

    def validate_body(self, body: Body) -> Body:
        self.check_plan(body.plan_id)
        return body
