"""Classify one area-year under one rule set: each criterion, the count, every designation, the
multi-year streaks from the history, the criteria at risk, and a plain-Danish explanation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal

from boligsocial.criteria.rules.explain import explain
from boligsocial.criteria.rules.sets import NoRuleSetError, rule_set_for_year
from boligsocial.criteria.rules.types import (
    DESIGNATION_KEYS,
    AreaFigures,
    Classification,
    CriterionResult,
    DesignationKey,
    FigureField,
    HistoryEntry,
    MarginUnit,
    RuleSet,
    Streak,
    StreakResult,
)
from boligsocial.criteria.rules.wording import render_danish

DEFAULT_RISK_MARGIN = Decimal("0.10")

RATIO_PLACES = Decimal("0.0001")


class MissingFigureError(ValueError):
    """The rule set needs a figure the input does not have."""

    def __init__(self, field: FigureField, rule_set: str) -> None:
        super().__init__(f"rule set {rule_set} needs {field}, which is empty")
        self.field = field
        self.rule_set = rule_set


def margin(value: Decimal, threshold: Decimal, unit: MarginUnit) -> Decimal:
    """Percentage points above the threshold, or the value as a ratio of the threshold."""
    if unit is MarginUnit.POINTS:
        return value - threshold
    return (value / threshold).quantize(RATIO_PLACES)


def is_at_risk(value: Decimal, threshold: Decimal, risk_margin: Decimal) -> bool:
    """Within `risk_margin` (a fraction of the threshold) of the threshold, on either side: a
    met criterion that could stop being met, or an unmet one that could become met."""
    return abs(value - threshold) <= risk_margin * threshold


def history_status(
    history: Iterable[HistoryEntry], year: int, counts_as: tuple[DesignationKey, ...]
) -> bool | None:
    """Whether the history says the area held one of `counts_as` in `year` (None: unknown).
    An official list entry wins over a computed one for the same year."""
    entries = [e for e in history if e.year == year and e.designation in counts_as]
    official = [e.value for e in entries if e.source == "official"]
    # Being on a harder list that year (hårdt ghettoområde, omdannelsesområde) means being on
    # the lists it requires under the law of that year, even when only the harder list was
    # stored: the rule set's `requires` says which.
    implied = [
        e.value
        for e in history
        if e.year == year
        and e.source == "official"
        and e.value
        and set(_implied(e.year, e.designation)) & set(counts_as)
    ]
    if official or implied:
        return any(official) or any(implied)
    computed = [e.value for e in entries if e.source == "computed"]
    if computed:
        return any(computed)
    return None


def _implied(year: int, designation: DesignationKey) -> tuple[DesignationKey, ...]:
    """The designations that `designation` implies under the rule set of `year`'s list."""
    try:
        return rule_set_for_year(year).implied(designation)
    except NoRuleSetError:
        return ()


def check_streak(streak: Streak, list_year: int, history: Iterable[HistoryEntry]) -> StreakResult:
    history = tuple(history)
    required = streak.years_for(list_year)
    earlier = tuple(range(list_year - required + 1, list_year))
    confirmed: list[int] = []
    denied: list[int] = []
    missing: list[int] = []
    for year in earlier:
        status = history_status(history, year, streak.counts_as)
        (missing if status is None else confirmed if status else denied).append(year)
    return StreakResult(required, earlier, tuple(confirmed), tuple(denied), tuple(missing))


def classify(
    figures: AreaFigures,
    rule_set: RuleSet,
    *,
    history: Iterable[HistoryEntry] = (),
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> Classification:
    """Classify `figures` under `rule_set`. `history` holds the area's earlier years (official
    list entries and/or earlier classifications) for the multi-year designations. Raises
    `MissingFigureError` when a figure the rule set reads is None."""
    history = tuple(history)
    results: list[CriterionResult] = []
    group_met: dict[str, bool] = {}
    for group in rule_set.groups:
        n_met = 0
        for criterion in group.criteria:
            value = figures.figure(criterion.field)
            if value is None:
                raise MissingFigureError(criterion.field, rule_set.code)
            met = criterion.comparator.holds(value, criterion.threshold)
            n_met += met
            results.append(
                CriterionResult(
                    group=group.key,
                    key=criterion.key,
                    field=criterion.field,
                    value=value,
                    comparator=criterion.comparator,
                    threshold=criterion.threshold,
                    met=met,
                    margin=margin(value, criterion.threshold, criterion.margin_unit),
                    margin_unit=criterion.margin_unit,
                    at_risk=is_at_risk(value, criterion.threshold, risk_margin),
                )
            )
        group_met[group.key] = n_met >= group.min_met

    floor = figures.residents >= rule_set.min_residents
    designations: dict[DesignationKey, bool | None] = dict.fromkeys(DESIGNATION_KEYS)
    streaks: dict[DesignationKey, StreakResult] = {}
    for rule in rule_set.designations:
        held = (
            floor
            and all(group_met[g] for g in rule.groups)
            and all(designations.get(r) for r in rule.requires)
        )
        if rule.streak is not None:
            streaks[rule.key] = check_streak(rule.streak, figures.year, history)
            held = held and streaks[rule.key].complete
        designations[rule.key] = held

    primary = rule_set.group(rule_set.primary_group)
    criteria_met = tuple(r.key for r in results if r.group == primary.key and r.met)
    classification = Classification(
        figures=figures,
        rules=rule_set.code,
        criteria=tuple(results),
        n_criteria=len(primary.criteria),
        min_criteria=primary.min_met,
        criteria_met=criteria_met,
        meets_residents_floor=floor,
        min_residents=rule_set.min_residents,
        designations=designations,
        streaks=streaks,
        risk_margin=risk_margin,
    )
    explanation = render_danish(explain(classification, rule_set, risk_margin))
    return replace(classification, explanation=explanation)


def history_entries(classification: Classification) -> tuple[HistoryEntry, ...]:
    """The computed designations of a classification, as history for later years."""
    return tuple(
        HistoryEntry(classification.figures.year, key, value, "computed")
        for key, value in classification.designations.items()
        if value is not None
    )
