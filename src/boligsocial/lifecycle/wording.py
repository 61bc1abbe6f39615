"""The Danish/English sentences of the lifecycle's refusals and missing parts. The rules
give codes and parameters; this module words them (decision 0020)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.funding.models import FocusArea
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import Capacity, TransitionKind
from boligsocial.plans.models import PlanStatus


def _kind(kind: str) -> str:
    return str(TransitionKind(kind).label) if kind in TransitionKind.values else str(kind)


def _status(status: str) -> str:
    return str(PlanStatus(status).label) if status in PlanStatus.values else str(status)


def refusal_text(refusal: rules.Refusal) -> str:
    p = refusal.params
    if refusal.code == "unknown_kind":
        return _("“%(kind)s” is not a transition.") % {"kind": p["kind"]}
    if refusal.code == "wrong_state":
        return _("“%(kind)s” cannot be made while the plan is “%(status)s”.") % {
            "kind": _kind(p["kind"]),
            "status": _status(p["status"]),
        }
    if refusal.code == "wrong_target":
        names = ", ".join(_status(t) for t in p["targets"])
        return _("“%(kind)s” leads to one of: %(targets)s.") % {
            "kind": _kind(p["kind"]),
            "targets": names,
        }
    if refusal.code == "no_capacity":
        kind = p["kind"]
        allowed = rules.TRANSITIONS[str(kind)].capacities
        if allowed <= rules.LBF_DECIDERS:
            return _(
                "Only a user acting for LBF, or an administrator recording LBF's letter, may "
                "record “%(kind)s”."
            ) % {"kind": _kind(kind)}
        return _(
            "Only the secretariat and the plan's applicants (its leader, housing "
            "organisations and municipality) may make “%(kind)s”."
        ) % {"kind": _kind(kind)}
    capacity = p.get("capacity")
    label = Capacity(capacity).label if capacity in Capacity.values else capacity
    return _("You may not make “%(kind)s” as %(capacity)s.") % {
        "kind": _kind(p["kind"]),
        "capacity": label,
    }


def missing_text(part: rules.MissingPart) -> str:
    p = part.params
    if part.code == "no_afdelinger":
        return _("The plan covers no afdeling: choose at least one.")
    if part.code == "foreign_focus_areas":
        return _(
            "%(count)s of the plan's focus areas belong to another fund round: choose its own "
            "round's focus areas."
        ) % {"count": p["count"]}
    if part.code == "no_focus_areas":
        return _("No focus areas of the plan's fund round are chosen.")
    if part.code == "no_challenges":
        return _("The description of the challenges is empty.")
    if part.code == "challenges_too_long":
        return _(
            "The description of the challenges is %(length)s characters; the fund round allows "
            "%(limit)s."
        ) % {
            "length": number_format(p["length"], force_grouping=True),
            "limit": number_format(p["limit"], force_grouping=True),
        }
    if part.code == "no_purpose":
        return _("The plan's purpose is empty.")
    if part.code == "goals_missing":
        ids = p["focus_area_ids"]
        names = [
            fa.name for fa in FocusArea.objects.filter(pk__in=ids if isinstance(ids, list) else [])
        ]
        return _("No goals are given for the focus areas: %(names)s.") % {"names": ", ".join(names)}
    if part.code == "no_budget_estimate":
        return _("There is no budget estimate (an amount per year and source).")
    return _(
        "The municipality's recommendation is missing: record its date or upload it as a "
        "document of the kind “Municipality's recommendation”."
    )
