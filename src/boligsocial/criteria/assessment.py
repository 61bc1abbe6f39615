"""One assessment of an area's years: walk them in order, classify each under its rule set with
the area's earlier years as history, and compare it with what the official lists say. Used by
`criteria classify` (`batch.py`) and by the area pages (`indicators/assessment.py`, which only
fetches the data). No Django imports (docs/decisions/0016).

History grows as the walk goes: a year's official statuses (a list entry, or being left off a
stored list) and its computed designations become history for the later years; an official
entry wins over a computed one (`rules.history_status`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from boligsocial.criteria.rules import (
    DEFAULT_RISK_MARGIN,
    AreaFigures,
    Classification,
    DesignationKey,
    HistoryEntry,
    RuleSet,
    classify,
    history_entries,
)


@dataclass(frozen=True)
class OfficialStatus:
    """What the official list of a year says about one designation of the area. `explicit`
    False: the list is stored and the area is not on it."""

    designation: DesignationKey
    on_list: bool
    explicit: bool = True
    source: str = ""


@dataclass(frozen=True)
class Disagreement:
    """The computed designation differs from the official list.

    `computed` is None when the year's rule set does not define the designation the list names.
    That is a disagreement only when the list puts the area on it (a list the law of the year
    does not have); a list that leaves the area off a designation the law does not define
    agrees with it. A year that cannot be classified (a figure missing) has no disagreements:
    nothing was computed to disagree."""

    designation: DesignationKey
    computed: bool | None
    official: OfficialStatus


@dataclass(frozen=True)
class YearInput:
    """One year of an area: its figures (None when the year cannot be classified) under
    `rule_set` (None: no rule set that year), and the official statuses of that year."""

    year: int
    rule_set: RuleSet | None
    figures: AreaFigures | None
    official: tuple[OfficialStatus, ...] = ()


@dataclass(frozen=True)
class YearResult:
    year: int
    classification: Classification | None
    disagreements: tuple[Disagreement, ...]


def compare(
    classification: Classification | None, official: Iterable[OfficialStatus]
) -> tuple[Disagreement, ...]:
    """Every official status the classification contradicts (see `Disagreement`)."""
    if classification is None:
        return ()
    found: list[Disagreement] = []
    for status in official:
        computed = classification.designations.get(status.designation)
        if computed is None:
            if status.on_list:
                found.append(Disagreement(status.designation, None, status))
        elif computed != status.on_list:
            found.append(Disagreement(status.designation, computed, status))
    return tuple(found)


def assess_years(
    years: Iterable[YearInput],
    *,
    history: Iterable[HistoryEntry] = (),
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[YearResult]:
    """Assess one area's years, in ascending order of year (the results in that order).
    `history` holds what is known from elsewhere (e.g. lists stored in the database); only the
    entries before a year are history for it."""
    known: list[HistoryEntry] = list(history)
    results: list[YearResult] = []
    for item in sorted(years, key=lambda y: y.year):
        classification = None
        if item.figures is not None and item.rule_set is not None:
            earlier = [e for e in known if e.year < item.year]
            classification = classify(
                item.figures, item.rule_set, history=earlier, risk_margin=risk_margin
            )
        results.append(
            YearResult(item.year, classification, compare(classification, item.official))
        )
        known.extend(
            HistoryEntry(item.year, s.designation, s.on_list, "official") for s in item.official
        )
        if classification is not None:
            known.extend(history_entries(classification))
    return results


def explicit_statuses(
    official: Sequence[tuple[DesignationKey, bool]], source: str = ""
) -> tuple[OfficialStatus, ...]:
    """The official values an input gives for a year, as statuses."""
    return tuple(OfficialStatus(key, value, True, source) for key, value in official)
