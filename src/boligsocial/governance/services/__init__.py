"""Writes to people, plan roles, governing bodies and memberships.

The rules of `governance.rules` are applied to every row written here: a plan role and a seat
in a plan's body lie within the plan's period; a plan has one leader at a time, a body one chair
and one vice-chair, and a person holds one seat of a body at a time. Overlapping periods cannot
be a unique constraint, so each write locks the parent row (the plan for roles, the body for
seats) before it checks and saves: two writers of the same plan or body wait for each other,
and the second sees the first's row (decision 0008).

One module per noun: `people`, `roles`, `bodies` (with their memberships), `plans` (a plan's
update that keeps its roles and seats inside its period), `merge` (two records of one person);
`common` holds the lock and the history helpers. Every service is importable from here."""

from boligsocial.governance.services.bodies import (
    BODY_FIELDS,
    MEMBERSHIP_FIELDS,
    body_create,
    body_update,
    membership_add,
    membership_delete,
    membership_end,
    membership_update,
    working_group_create,
)
from boligsocial.governance.services.common import lock_for_write
from boligsocial.governance.services.merge import person_merge
from boligsocial.governance.services.people import (
    PERSON_FIELDS,
    person_create,
    person_delete,
    person_update,
)
from boligsocial.governance.services.plans import plan_update
from boligsocial.governance.services.roles import (
    PLAN_ROLE_FIELDS,
    plan_role_add,
    plan_role_delete,
    plan_role_end,
    plan_role_update,
)

__all__ = [
    "BODY_FIELDS",
    "MEMBERSHIP_FIELDS",
    "PERSON_FIELDS",
    "PLAN_ROLE_FIELDS",
    "body_create",
    "body_update",
    "lock_for_write",
    "membership_add",
    "membership_delete",
    "membership_end",
    "membership_update",
    "person_create",
    "person_delete",
    "person_merge",
    "person_update",
    "plan_role_add",
    "plan_role_delete",
    "plan_role_end",
    "plan_role_update",
    "plan_update",
    "working_group_create",
]
