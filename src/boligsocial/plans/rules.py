"""Pure lifecycle rules for a helhedsplan (no Django imports)."""

from __future__ import annotations

# Which status a plan may move to from each status. Rejected plans may be prepared again;
# an ended plan is final (a new period is a new plan).
TRANSITIONS: dict[str, frozenset[str]] = {
    "forberedelse": frozenset({"praekvalificeret", "afslag"}),
    "praekvalificeret": frozenset({"tilsagn", "afslag", "forberedelse"}),
    "tilsagn": frozenset({"igang", "afsluttet"}),
    "igang": frozenset({"afsluttet"}),
    "afsluttet": frozenset(),
    "afslag": frozenset({"forberedelse"}),
}

# Statuses whose plans claim their afdelinger for their period.
CLAIMING_STATUSES = frozenset({"forberedelse", "praekvalificeret", "tilsagn", "igang", "afsluttet"})


def can_transition(current: str, new: str) -> bool:
    return current == new or new in TRANSITIONS.get(current, frozenset())


# Plans whose work is over. The public list shows the other plans (running, granted or being
# prepared) first, then these.
CLOSED_STATUSES = frozenset({"afsluttet", "afslag"})


def is_closed(status: str) -> bool:
    return status in CLOSED_STATUSES
