"""Pure rules about a helhedsplan's status (no Django imports). Which transitions exist, who may
make them and what a plan needs first is `boligsocial.lifecycle.rules` (docs/decisions/0020)."""

from __future__ import annotations

# Statuses whose plans claim their afdelinger for their period: every plan that is not
# rejected or withdrawn, so two plans never cover one afdeling at once.
CLAIMING_STATUSES = frozenset(
    {
        "idea",
        "prequalification_submitted",
        "prequalified",
        "in_dialogue",
        "plan_submitted",
        "granted",
        "running",
        "ended",
    }
)

# Plans whose work is over. The public list shows the other plans (running, granted or being
# prepared) first, then these.
CLOSED_STATUSES = frozenset({"ended", "rejected", "withdrawn"})


def is_closed(status: str) -> bool:
    return status in CLOSED_STATUSES


# Which status a plan may move to from each status, while the status is still edited on the
# plan (until the lifecycle's transitions take over, decision 0020).
TRANSITIONS: dict[str, frozenset[str]] = {
    "idea": frozenset({"prequalification_submitted", "prequalified", "rejected", "withdrawn"}),
    "prequalification_submitted": frozenset({"prequalified", "rejected", "withdrawn"}),
    "prequalified": frozenset({"in_dialogue", "granted", "rejected", "idea", "withdrawn"}),
    "in_dialogue": frozenset({"plan_submitted", "granted", "rejected", "withdrawn"}),
    "plan_submitted": frozenset({"granted", "rejected", "in_dialogue", "withdrawn"}),
    "granted": frozenset({"running", "ended", "withdrawn"}),
    "running": frozenset({"ended"}),
    "ended": frozenset(),
    "rejected": frozenset({"idea"}),
    "withdrawn": frozenset({"idea"}),
}


def can_transition(current: str, new: str) -> bool:
    return current == new or new in TRANSITIONS.get(current, frozenset())
