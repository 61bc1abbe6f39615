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
