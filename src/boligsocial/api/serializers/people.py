"""The public face of a person, as nested in plans, plan roles and memberships: name, title and
employer only (e-mail and phone are on `/people/` for logged-in users)."""

from __future__ import annotations

from boligsocial.api.fields import EnumField
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.api.serializers.organisations import OrganisationBriefSerializer
from boligsocial.governance.models import Person, PlanRole, PlanRoleKind


class PersonBriefSerializer(OutputSerializer):
    employer = OrganisationBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Person
        fields = ("id", "name", "title", "employer")


class PlanStaffSerializer(OutputSerializer):
    """A plan role as shown inside its plan."""

    kind = EnumField(PlanRoleKind, read_only=True)
    person = PersonBriefSerializer(read_only=True)

    class Meta:
        model = PlanRole
        fields = ("id", "kind", "person", "title", "fte", "valid_from", "valid_to")
