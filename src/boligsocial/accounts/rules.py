"""Who may read and edit what: pure functions over a user's scopes (no Django imports).

- secretariat administrator: reads and edits everything;
- plan leader: reads published plans and their own plans, edits their own plans (fields,
  staff, bodies and memberships);
- housing-organisation user: reads published plans and every plan that covers an afdeling of
  their organisation, edits nothing;
- municipality user: reads published plans and every plan with an afdeling in their
  municipality, edits nothing;
- analyst: reads like the public but sees unsuppressed statistics;
- public (anonymous): published plans only.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scopes:
    is_authenticated: bool = False
    is_admin: bool = False
    is_analyst: bool = False
    led_plan_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PlanFacts:
    plan_id: int
    published: bool
    organisation_ids: frozenset[int]
    municipality_ids: frozenset[int]


def can_read_plan(scopes: Scopes, plan: PlanFacts) -> bool:
    return (
        plan.published
        or scopes.is_admin
        or plan.plan_id in scopes.led_plan_ids
        or bool(scopes.organisation_ids & plan.organisation_ids)
        or bool(scopes.municipality_ids & plan.municipality_ids)
    )


def can_edit_plan(scopes: Scopes, plan_id: int) -> bool:
    return scopes.is_admin or plan_id in scopes.led_plan_ids


def can_edit_reference_data(scopes: Scopes) -> bool:
    return scopes.is_admin


def can_see_private_contact(scopes: Scopes) -> bool:
    return scopes.is_authenticated


def can_see_unsuppressed_statistics(scopes: Scopes) -> bool:
    return scopes.is_admin or scopes.is_analyst
