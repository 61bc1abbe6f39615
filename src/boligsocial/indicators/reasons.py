"""Why an area's computed status differs from the official list, in the reader's language, and
which criterion is nearest its threshold: the presentation of an assessed year."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext

from boligsocial.criteria.assessment import Disagreement
from boligsocial.criteria.rules import (
    Classification,
    CriteriaGroup,
    CriterionResult,
    RuleSet,
    get_rule_set,
)
from boligsocial.indicators.assessment import YearAssessment
from boligsocial.indicators.models import Designation


def _designation_groups(rule_set: RuleSet, designation: str) -> list[CriteriaGroup]:
    """The criteria groups a designation rests on, including those of the designations it
    requires (a parallelsamfund rests on the udsat criteria too)."""
    rule = next((d for d in rule_set.designations if d.key == designation), None)
    if rule is None:
        return []
    groups = [g for g in rule_set.groups if g.key in rule.groups]
    for required in rule.requires:
        groups.extend(_designation_groups(rule_set, required))
    return groups


def _group_counts(c: Classification, rules: str, designation: str) -> tuple[int, int, int]:
    """Criteria met, criteria in all and criteria required in the main group of criteria
    behind `designation` (the §61b criteria for a forebyggelsesområde, the udsat criteria for
    a parallelsamfund), not always the rule set's first group."""
    groups = _designation_groups(get_rule_set(rules), designation)
    if not groups:
        return c.n_criteria_met, c.n_criteria, c.min_criteria
    main = max(groups, key=lambda g: len(g.criteria))
    met = sum(1 for r in c.criteria if r.group == main.key and r.met)
    return met, len(main.criteria), main.min_met


def designation_label(key: str) -> str:
    return str(Designation(key).label)


def disagreement_reason(
    year: YearAssessment, disagreement: Disagreement, *, residents_label: str | None = None
) -> str:
    """Why the computed status differs from the list, in one sentence. `residents_label`
    replaces the number of residents when that figure is suppressed for the reader."""
    # Mid-sentence, a designation is written in lower case ("på listen som ghettoområde").
    label = designation_label(disagreement.designation).lower()
    c = year.classification
    if disagreement.computed is None or c is None:
        return gettext(
            "On the list as %(designation)s, which the rule set %(rules)s does not define."
        ) % {"designation": label, "rules": year.rules}
    met, total, required = _group_counts(c, year.rules, disagreement.designation)
    counts = {"designation": label, "met": met, "total": total, "required": required}
    if disagreement.official.on_list:
        if not c.meets_residents_floor:
            return gettext(
                "On the list as %(designation)s, but it has %(residents)s residents, fewer "
                "than the %(floor)s every designation requires."
            ) % {
                "designation": label,
                "residents": residents_label or c.figures.residents,
                "floor": c.min_residents,
            }
        streak = c.streaks.get(disagreement.designation)
        if streak is not None and not streak.complete:
            return gettext(
                "On the list as %(designation)s, but the history does not show it on each of "
                "the last %(years)s lists."
            ) % {"designation": label, "years": streak.years_required}
        if met < required:
            return (
                gettext(
                    "On the list as %(designation)s, but its figures meet %(met)s of %(total)s "
                    "criteria (at least %(required)s required)."
                )
                % counts
            )
        return gettext(
            "On the list as %(designation)s, but its figures do not meet the other conditions "
            "(see the explanation)."
        ) % {"designation": label}
    if disagreement.official.explicit:
        return (
            gettext(
                "Published as having left the list of %(designation)s, but its figures meet "
                "%(met)s of %(total)s criteria (at least %(required)s required)."
            )
            % counts
        )
    return gettext(
        "Not on the stored list of %(designation)s for %(year)s, but its figures meet "
        "%(met)s of %(total)s criteria (at least %(required)s required)."
    ) % {**counts, "year": year.year}


def closest(classification: Classification, hidden: Iterable[str] = ()) -> CriterionResult | None:
    """The criterion nearest its threshold, relative to the threshold, among the criteria
    whose figure is not in `hidden`."""
    hidden = set(hidden)
    shown = [r for r in classification.criteria if r.field not in hidden]
    if not shown:
        return None
    return min(shown, key=lambda r: (relative_distance(r), r.key, r.group))


def relative_distance(result: CriterionResult) -> Decimal:
    """How far the figure is from its threshold, as a fraction of the threshold."""
    if result.threshold == 0:
        return abs(result.value)
    return abs(result.value - result.threshold) / result.threshold
