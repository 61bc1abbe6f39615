"""Who may read and edit what: pure functions over a user's scopes (no Django imports).

- secretariat administrator: reads and edits everything;
- plan leader: reads published plans and their own plans, edits their own plans (fields,
  staff, bodies and memberships);
- housing-organisation user: reads published plans and every plan that covers an afdeling of
  their organisation, edits nothing;
- municipality user: reads published plans and every plan with an afdeling in their
  municipality, edits nothing;
- analyst: reads like the public but sees unsuppressed statistics;
- a user acting for LBF: reads every plan (LBF decides on plans before they are published),
  edits none; records LBF's decisions where the domain apps ask for that capacity;
- public (anonymous): published plans only.

People (`Person`) belong to no plan of their own: a person *appears in* a plan through a plan
role or a seat in one of its bodies, past, present or future.

- read a person: administrators everyone; others the people who appear in a plan they may read,
  and the people they created themselves that appear in no plan yet;
- edit a person: administrators everyone; a plan leader the people who appear in a plan they
  lead, and the people they created themselves that appear in no plan yet;
- assign a person (name them in a plan role or a seat): whoever may edit both the plan and the
  person. So a plan leader never attaches, and so never gains the right to edit, someone who
  only appears in another plan.

`accounts/selectors.py` turns these rules into querysets (one query, whatever the number of
plans); web forms, the API and the admin call those and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scopes:
    is_authenticated: bool = False
    is_admin: bool = False
    is_analyst: bool = False
    acts_for_lbf: bool = False
    led_plan_ids: frozenset[int] = field(default_factory=frozenset)
    organisation_ids: frozenset[int] = field(default_factory=frozenset)
    municipality_ids: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PlanFacts:
    plan_id: int
    published: bool
    organisation_ids: frozenset[int]
    municipality_ids: frozenset[int]


# The capacities in which LBF's decisions are recorded (the plan's lifecycle and its cooperation
# agreement both ask for them): a user acting for LBF, as LBF; a secretariat administrator, as
# the recorder of LBF's letter.
LBF = "lbf"
ADMIN_RECORDING_LBF = "admin_recording_lbf"


def lbf_decision_capacities(scopes: Scopes) -> tuple[str, ...]:
    """The capacities in which the user may record a decision of LBF's; empty for everybody
    but users acting for LBF and secretariat administrators."""
    capacities: list[str] = []
    if scopes.acts_for_lbf:
        capacities.append(LBF)
    if scopes.is_admin:
        capacities.append(ADMIN_RECORDING_LBF)
    return tuple(capacities)


def can_read_plan(scopes: Scopes, plan: PlanFacts) -> bool:
    return (
        plan.published
        or scopes.is_admin
        or scopes.acts_for_lbf
        or plan.plan_id in scopes.led_plan_ids
        or bool(scopes.organisation_ids & plan.organisation_ids)
        or bool(scopes.municipality_ids & plan.municipality_ids)
    )


def can_edit_plan(scopes: Scopes, plan_id: int) -> bool:
    return scopes.is_admin or plan_id in scopes.led_plan_ids


def can_publish_plan(scopes: Scopes) -> bool:
    """May the user publish a plan, or take it off the public pages? Only the secretariat: a
    plan's leader edits their plan but does not decide that it is public (decisions 0003,
    0025)."""
    return scopes.is_admin


def can_edit_reference_data(scopes: Scopes) -> bool:
    return scopes.is_admin


def can_see_private_contact(scopes: Scopes) -> bool:
    return scopes.is_authenticated


def can_see_unsuppressed_statistics(scopes: Scopes) -> bool:
    return scopes.is_admin or scopes.is_analyst


@dataclass(frozen=True)
class PersonFacts:
    """The plans a person appears in (through a role or a seat), and whether the user who asks
    created the person (the first row of the person's history names them)."""

    plans: tuple[PlanFacts, ...] = ()
    created_by_user: bool = False


def is_own_new_person(scopes: Scopes, person: PersonFacts) -> bool:
    """Created by the user and not yet in any plan: what a plan leader creates to attach."""
    return scopes.is_authenticated and person.created_by_user and not person.plans


def can_create_plan(scopes: Scopes) -> bool:
    """May the user start a new plan (an idea)? The secretariat, and housing organisations'
    users for a plan covering one of their afdelinger (decision 0020)."""
    return scopes.is_admin or bool(scopes.organisation_ids)


def can_write_plan_content(scopes: Scopes) -> bool:
    """May the user change some plan's staff, bodies and memberships, or create people?"""
    return scopes.is_admin or bool(scopes.led_plan_ids)


def can_read_person(scopes: Scopes, person: PersonFacts) -> bool:
    return (
        scopes.is_admin
        or any(can_read_plan(scopes, plan) for plan in person.plans)
        or is_own_new_person(scopes, person)
    )


def can_edit_person(scopes: Scopes, person: PersonFacts) -> bool:
    return (
        scopes.is_admin
        or any(plan.plan_id in scopes.led_plan_ids for plan in person.plans)
        or is_own_new_person(scopes, person)
    )


def can_assign_person(scopes: Scopes, person: PersonFacts, plan_id: int) -> bool:
    """May the user name the person in a role or a seat of the plan?"""
    return can_edit_plan(scopes, plan_id) and can_edit_person(scopes, person)
