from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import (
    people_editable_by,
    people_readable_by,
    restrict_to_readable_plans,
    scopes_for,
)
from boligsocial.api.permissions import PersonPermission, PlanContentPermission
from boligsocial.api.serializers.governance import (
    BodyCreateSerializer,
    BodySerializer,
    BodyUpdateSerializer,
    MembershipCreateSerializer,
    MembershipSerializer,
    MembershipUpdateSerializer,
    PersonMergeSerializer,
    PersonSerializer,
    PersonWriteSerializer,
    PlanRoleCreateSerializer,
    PlanRoleSerializer,
    PlanRoleUpdateSerializer,
)
from boligsocial.api.views.base import CreateMixin, DestroyMixin, ReadViewSet, UpdateMixin
from boligsocial.governance.filters import (
    BodyFilterSet,
    MembershipFilterSet,
    PersonFilterSet,
    PlanRoleFilterSet,
)
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.governance.selectors import body_list, membership_list, person_list, plan_role_list
from boligsocial.governance.services import (
    body_create,
    body_update,
    membership_add,
    membership_delete,
    membership_update,
    person_create,
    person_delete,
    person_merge,
    person_update,
    plan_role_add,
    plan_role_delete,
    plan_role_update,
)


class PersonViewSet(CreateMixin, DestroyMixin, ReadViewSet):
    """People who work in or sit in the bodies of a plan the user may read, and people the user
    created who are in no plan yet (administrators see everyone); anyone else answers 404.
    `email` and `phone` are given to logged-in users only. Administrators and plan leaders
    create people; a plan leader changes the people of the plans they lead and the people they
    created who are in no plan yet (403 for other people they may read). A new person whose
    name and employer match an existing person's is refused (400 on `name`, listing them)
    unless `confirm_new` is true. DELETE removes a person entered by mistake who holds no role
    or seat; two records of the same person are merged with `merge`."""

    output_serializer_class = PersonSerializer
    create_serializer_class = PersonWriteSerializer
    update_serializer_class = PersonWriteSerializer
    permission_classes = (PersonPermission,)
    filterset_class = PersonFilterSet
    ordering_fields = ("name", "title")

    def base_queryset(self) -> QuerySet[Any]:
        return person_list()

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return people_readable_by(self.request.user, queryset)

    def perform_service_create(self, data: dict[str, Any]) -> Person:
        # Possible duplicates are looked for, and named, among the people the user could give
        # a role or a seat: "choose the existing person" is then advice they can follow.
        return person_create(**data, among=people_editable_by(self.request.user, person_list()))

    def perform_service_update(self, instance: Person, data: dict[str, Any]) -> Person:
        return person_update(person=instance, data=data)

    def perform_service_delete(self, instance: Person) -> None:
        person_delete(person=instance, actor=self.request.user)

    @extend_schema(request=PersonMergeSerializer, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: Any = None) -> Response:
        """Merge another record of the same person (`remove`) into this one: their roles and
        seats move here (refused with 400 on `remove` if that would overlap a role or seat
        of this person), empty details are filled from theirs, and they are deleted; the
        history records the merge. Secretariat administrators only."""
        if not scopes_for(request.user).is_admin:
            raise PermissionDenied(_("Only secretariat administrators may merge people."))
        keep = self.get_object()
        serializer = PersonMergeSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        person_merge(keep=keep, remove=serializer.validated_data["remove"], actor=request.user)
        return self.current(keep)


class PlanRoleViewSet(CreateMixin, DestroyMixin, ReadViewSet):
    """People's jobs in plans (leader or staff member, with FTE share and validity dates), for
    the plans the user may read. `on=YYYY-MM-DD` lists those in force on the date.
    Administrators and the plan's leader write: a role lies within the plan's period and a plan
    has one leader at a time. PATCH corrects any field (ending a role is a PATCH of
    `valid_to`); DELETE removes a role entered by mistake (the history keeps it)."""

    output_serializer_class = PlanRoleSerializer
    create_serializer_class = PlanRoleCreateSerializer
    update_serializer_class = PlanRoleUpdateSerializer
    permission_classes = (PlanContentPermission,)
    filterset_class = PlanRoleFilterSet
    ordering_fields = ("valid_from", "valid_to", "kind", "person__name", "plan__name")

    def base_queryset(self) -> QuerySet[Any]:
        return plan_role_list()

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return restrict_to_readable_plans(queryset, self.request.user, plan_field="plan")

    def perform_service_create(self, data: dict[str, Any]) -> PlanRole:
        return plan_role_add(**data)

    def perform_service_update(self, instance: PlanRole, data: dict[str, Any]) -> PlanRole:
        return plan_role_update(role=instance, data=data)

    def perform_service_delete(self, instance: PlanRole) -> None:
        plan_role_delete(role=instance, actor=self.request.user)


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
        return body_list()

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return restrict_to_readable_plans(queryset, self.request.user, plan_field="plan")

    def perform_service_create(self, data: dict[str, Any]) -> Body:
        return body_create(**data)

    def perform_service_update(self, instance: Body, data: dict[str, Any]) -> Body:
        return body_update(body=instance, data=data)


class MembershipViewSet(CreateMixin, DestroyMixin, ReadViewSet):
    """Seats in governing bodies: the person, the organisation they represent, their role and
    the period, for the plans the user may read. `on=YYYY-MM-DD` answers "who sat where on that
    date"; without it every seat, past and future, is listed. Administrators and the plan's
    leader write: a seat lies within the plan's period, a body has one chair and one
    vice-chair at a time, and a person one seat of a body at a time. PATCH corrects any field;
    DELETE removes a seat entered by mistake (the history keeps it)."""

    output_serializer_class = MembershipSerializer
    create_serializer_class = MembershipCreateSerializer
    update_serializer_class = MembershipUpdateSerializer
    permission_classes = (PlanContentPermission,)
    filterset_class = MembershipFilterSet
    ordering_fields = ("valid_from", "valid_to", "role", "person__name", "body__name")

    def base_queryset(self) -> QuerySet[Any]:
        return membership_list()

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return restrict_to_readable_plans(queryset, self.request.user, plan_field="body__plan")

    def perform_service_create(self, data: dict[str, Any]) -> Membership:
        return membership_add(**data)

    def perform_service_update(self, instance: Membership, data: dict[str, Any]) -> Membership:
        return membership_update(membership=instance, data=data)

    def perform_service_delete(self, instance: Membership) -> None:
        membership_delete(membership=instance, actor=self.request.user)
