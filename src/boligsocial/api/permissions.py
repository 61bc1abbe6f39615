"""Who may write through the API (reads are limited by the querysets of `accounts.selectors`,
which the views' `visible()` apply: an object outside them answers 404, like a missing one).

Every class asks `accounts` (rules and selectors), so the API, the web pages and the admin
enforce the same rules. A denied write is refused before any service is called, so nothing is
written."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from boligsocial.accounts.rules import can_edit_plan, can_edit_reference_data
from boligsocial.accounts.selectors import can_edit_person, can_write_plan_content, scopes_for
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.plans.models import Plan


def plan_id_of(obj: Any) -> int:
    """The plan an object belongs to: a plan, a plan role, a body or a membership."""
    if isinstance(obj, Plan):
        return int(obj.pk)
    if isinstance(obj, PlanRole | Body):
        return int(obj.plan_id)
    if isinstance(obj, Membership):
        return int(obj.body.plan_id)
    raise TypeError(f"{type(obj).__name__} does not belong to a plan")


class ReferenceDataPermission(BasePermission):
    """Organisations, areas and afdelinger: everyone reads, secretariat administrators write."""

    message = _("Only secretariat administrators may change this.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_edit_reference_data(scopes_for(request.user))


NOT_PLAN_EDITOR = _("Only secretariat administrators and the plan's leader may change this plan.")


class PlanPermission(BasePermission):
    """Plans: administrators create; administrators and the plan's leader change it."""

    message = NOT_PLAN_EDITOR

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        scopes = scopes_for(request.user)
        if getattr(view, "action", None) == "create" and not scopes.is_admin:
            raise PermissionDenied(_("Only secretariat administrators may create plans."))
        return can_write_plan_content(request.user)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_edit_plan(scopes_for(request.user), plan_id_of(obj))


class PlanContentPermission(PlanPermission):
    """Plan roles, bodies and memberships: administrators and the plan's leader write. The plan
    of a new object is checked by the input serializer (`validate_plan`/`validate_body`)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_write_plan_content(request.user)


class PersonPermission(BasePermission):
    """People: administrators and plan leaders create; administrators change anyone, a plan
    leader the people in the plans they lead and the people they created who are in no plan yet
    (`accounts.selectors.people_editable_by`). A person the user may read but not change
    answers 403; one they may not read never gets here (404)."""

    message = _("Only secretariat administrators and plan leaders may add or change people.")

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return can_write_plan_content(request.user)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not isinstance(obj, Person):
            raise TypeError("this permission is for people")
        if not can_edit_person(request.user, obj):
            raise PermissionDenied(
                _(
                    "Only secretariat administrators and the leaders of this person's plans "
                    "may change this person."
                )
            )
        return True
