from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from boligsocial.accounts.selectors import people_readable_by, restrict_to_readable_plans
from boligsocial.api.permissions import PersonPermission, PlanContentPermission
from boligsocial.api.serializers.governance import (
    BodyCreateSerializer,
    BodySerializer,
    BodyUpdateSerializer,
    MembershipCreateSerializer,
    MembershipSerializer,
    MembershipUpdateSerializer,
    PersonSerializer,
    PersonWriteSerializer,
    PlanRoleCreateSerializer,
    PlanRoleSerializer,
    PlanRoleUpdateSerializer,
)
from boligsocial.api.views.base import CreateMixin, ReadViewSet, UpdateMixin
from boligsocial.governance.filters import (
    BodyFilterSet,
    MembershipFilterSet,
    PersonFilterSet,
    PlanRoleFilterSet,
)
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.governance.services import (
    body_create,
    body_update,
    membership_add,
    membership_update,
    person_create,
    person_update,
    plan_role_add,
    plan_role_update,
)


class PersonViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """People who work in or sit in the bodies of a plan the user may read, and people the user
    created who are in no plan yet (administrators see everyone); anyone else answers 404.
    `email` and `phone` are given to logged-in users only. Administrators and plan leaders
    create people; a plan leader changes the people of the plans they lead and the people they
    created who are in no plan yet (403 for other people they may read)."""

    output_serializer_class = PersonSerializer
    create_serializer_class = PersonWriteSerializer
    update_serializer_class = PersonWriteSerializer
    permission_classes = (PersonPermission,)
    filterset_class = PersonFilterSet
    ordering_fields = ("name", "title")

    def base_queryset(self) -> QuerySet[Any]:
        return Person.objects.select_related("employer").order_by("name", "pk")

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return people_readable_by(self.request.user, queryset)

    def perform_service_create(self, data: dict[str, Any]) -> Person:
        return person_create(**data)

    def perform_service_update(self, instance: Person, data: dict[str, Any]) -> Person:
        return person_update(person=instance, data=data)


class PlanRoleViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """People's jobs in plans (leader or staff member, with FTE share and validity dates), for
    the plans the user may read. `on=YYYY-MM-DD` lists those in force on the date.
    Administrators and the plan's leader write."""

    output_serializer_class = PlanRoleSerializer
    create_serializer_class = PlanRoleCreateSerializer
    update_serializer_class = PlanRoleUpdateSerializer
    permission_classes = (PlanContentPermission,)
    filterset_class = PlanRoleFilterSet
    ordering_fields = ("valid_from", "valid_to", "kind", "person__name", "plan__name")

    def base_queryset(self) -> QuerySet[Any]:
        return PlanRole.objects.select_related("plan", "person__employer").order_by(
            "plan__name", "kind", "person__name", "valid_from", "pk"
        )

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return restrict_to_readable_plans(queryset, self.request.user, plan_field="plan")

    def perform_service_create(self, data: dict[str, Any]) -> PlanRole:
        return plan_role_add(**data)

    def perform_service_update(self, instance: PlanRole, data: dict[str, Any]) -> PlanRole:
        return plan_role_update(role=instance, data=data)


class BodyViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """Governing bodies (bestyrelse, styregruppe, følgegruppe, samarbejdsråd) of the plans the
    user may read. Administrators and the plan's leader write."""

    output_serializer_class = BodySerializer
    create_serializer_class = BodyCreateSerializer
    update_serializer_class = BodyUpdateSerializer
    permission_classes = (PlanContentPermission,)
    filterset_class = BodyFilterSet
    ordering_fields = ("name", "kind", "plan__name")

    def base_queryset(self) -> QuerySet[Any]:
        return Body.objects.select_related("plan").order_by("plan__name", "kind", "name", "pk")

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return restrict_to_readable_plans(queryset, self.request.user, plan_field="plan")

    def perform_service_create(self, data: dict[str, Any]) -> Body:
        return body_create(**data)

    def perform_service_update(self, instance: Body, data: dict[str, Any]) -> Body:
        return body_update(body=instance, data=data)


class MembershipViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """Seats in governing bodies: the person, the organisation they represent, their role and
    the period, for the plans the user may read. `on=YYYY-MM-DD` answers "who sat where on that
    date"; without it every seat, past and future, is listed. Administrators and the plan's
    leader write."""

    output_serializer_class = MembershipSerializer
    create_serializer_class = MembershipCreateSerializer
    update_serializer_class = MembershipUpdateSerializer
    permission_classes = (PlanContentPermission,)
    filterset_class = MembershipFilterSet
    ordering_fields = ("valid_from", "valid_to", "role", "person__name", "body__name")

    def base_queryset(self) -> QuerySet[Any]:
        return Membership.objects.select_related(
            "body__plan", "person__employer", "represents"
        ).order_by(
            "body__plan__name",
            "body__kind",
            "body__name",
            "role",
            "person__name",
            "valid_from",
            "pk",
        )

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return restrict_to_readable_plans(queryset, self.request.user, plan_field="body__plan")

    def perform_service_create(self, data: dict[str, Any]) -> Membership:
        return membership_add(**data)

    def perform_service_update(self, instance: Membership, data: dict[str, Any]) -> Membership:
        return membership_update(membership=instance, data=data)
