"""The explanation of a classification as structure: parts that name each criterion with its
value, threshold, comparator, met or not and margin, which the area page, the CSV/JSON of
`criteria classify` and later the PDF render (`wording.py` writes the Danish sentences).

`hidden` names the figures disclosure control withholds from the reader: their parts carry no
value and no margin, and they are left out of the criteria "close to the threshold" (being there
would tell roughly what the figure is). Disclosure control never edits finished sentences."""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from decimal import Decimal

from boligsocial.criteria.rules.types import (
    Classification,
    Comparator,
    CriterionKey,
    CriterionResult,
    DesignationKey,
    FigureField,
    RuleSet,
    StreakResult,
)


@dataclass(frozen=True)
class CriterionPart:
    """One criterion: `value` and `margin` are None when the figure is hidden."""

    criterion: CriterionKey
    group: str
    field: FigureField
    value: Decimal | None
    comparator: Comparator
    threshold: Decimal
    met: bool
    margin: Decimal | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Count:
    """The criteria of the main group met and not met, of `total`."""

    met: tuple[CriterionPart, ...]
    unmet: tuple[CriterionPart, ...]
    total: int


@dataclass(frozen=True)
class Requirement:
    """How many of the main group's criteria a designation requires."""

    group: str
    min_met: int
    total: int


@dataclass(frozen=True)
class GroupCriteria:
    """The criteria of a further group (e.g. the non-Western share of a ghettoområde)."""

    group: str
    min_met: int
    met: tuple[CriterionPart, ...]
    unmet: tuple[CriterionPart, ...]


@dataclass(frozen=True)
class ResidentsFloor:
    """Fewer residents than every designation requires; `residents` None when hidden."""

    residents: int | None
    min_residents: int


@dataclass(frozen=True)
class StreakPart:
    """A multi-year designation checked against the history."""

    designation: DesignationKey
    counts_as: tuple[DesignationKey, ...]
    streak: StreakResult
    list_year: int


@dataclass(frozen=True)
class Designations:
    held: tuple[DesignationKey, ...]


@dataclass(frozen=True)
class AtRisk:
    """The shown criteria within `margin` (a fraction) of their threshold."""

    margin: Decimal
    criteria: tuple[CriterionPart, ...]


Part = Count | Requirement | GroupCriteria | ResidentsFloor | StreakPart | Designations | AtRisk


@dataclass(frozen=True)
class Explanation:
    parts: tuple[Part, ...]

    @property
    def criteria(self) -> tuple[CriterionPart, ...]:
        """Every criterion part, in the order the parts give them."""
        found: list[CriterionPart] = []
        for part in self.parts:
            if isinstance(part, Count | GroupCriteria):
                found.extend((*part.met, *part.unmet))
        return tuple(found)


def criterion_part(result: CriterionResult, hidden: Set[str] = frozenset()) -> CriterionPart:
    shown = result.field not in hidden
    return CriterionPart(
        criterion=result.key,
        group=result.group,
        field=result.field,
        value=result.value if shown else None,
        comparator=result.comparator,
        threshold=result.threshold,
        met=result.met,
        margin=result.margin if shown else None,
    )


def explain(
    classification: Classification,
    rule_set: RuleSet,
    risk_margin: Decimal,
    hidden: Set[str] = frozenset(),
) -> Explanation:
    """The parts that explain `classification` under `rule_set`, with the figures in `hidden`
    (figure fields, or "residents") withheld."""
    results = list(classification.criteria)
    parts: list[Part] = []
    primary = [r for r in results if r.group == rule_set.primary_group]
    parts.append(
        Count(
            met=tuple(criterion_part(r, hidden) for r in primary if r.met),
            unmet=tuple(criterion_part(r, hidden) for r in primary if not r.met),
            total=classification.n_criteria,
        )
    )
    parts.append(
        Requirement(rule_set.primary_group, classification.min_criteria, classification.n_criteria)
    )
    for group in rule_set.groups:
        if group.key == rule_set.primary_group:
            continue
        members = [r for r in results if r.group == group.key]
        parts.append(
            GroupCriteria(
                group=group.key,
                min_met=group.min_met,
                met=tuple(criterion_part(r, hidden) for r in members if r.met),
                unmet=tuple(criterion_part(r, hidden) for r in members if not r.met),
            )
        )
    if not classification.meets_residents_floor:
        residents = None if "residents" in hidden else classification.figures.residents
        parts.append(ResidentsFloor(residents, classification.min_residents))
    for rule in rule_set.designations:
        streak = classification.streaks.get(rule.key)
        if rule.streak is None or streak is None:
            continue
        if not all(classification.designations.get(r) for r in rule.requires):
            continue
        parts.append(
            StreakPart(rule.key, rule.streak.counts_as, streak, classification.figures.year)
        )
    parts.append(Designations(tuple(k for k, v in classification.designations.items() if v)))
    seen: set[tuple[FigureField, Decimal]] = set()
    at_risk: list[CriterionPart] = []
    for r in results:
        if not r.at_risk or r.field in hidden or (r.field, r.threshold) in seen:
            continue
        seen.add((r.field, r.threshold))
        at_risk.append(criterion_part(r))
    if at_risk:
        parts.append(AtRisk(risk_margin, tuple(at_risk)))
    return Explanation(tuple(parts))
