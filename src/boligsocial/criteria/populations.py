"""Whom each figure of the criteria counts, as the rule sets declare it, and the age bands the
one pass of `counting.py` counts persons in: every population is a union of whole bands. No
Django imports."""

from __future__ import annotations

from collections.abc import Sequence

from boligsocial.criteria.rules import RULE_SETS, FigureField, Population, RuleSet


class PopulationError(ValueError):
    """The rule sets count a figure in a way the one pass cannot."""


def figure_populations(rule_sets: Sequence[RuleSet] = RULE_SETS) -> dict[FigureField, Population]:
    """Whom each figure counts, as the rule sets declare it (`Criterion.population`). The one
    pass counts each figure once for every rule set, so they must agree; and a person with
    unknown education is counted as grundskole, so a rule set must say so."""
    found: dict[FigureField, Population] = {}
    for rule_set in rule_sets:
        for criterion in rule_set.criteria:
            known = found.setdefault(criterion.field, criterion.population)
            if known != criterion.population:
                raise PopulationError(
                    f"rule set {rule_set.code} counts {criterion.field} among "
                    f"{criterion.population.words!r}, another rule set among {known.words!r}"
                )
            if criterion.field == "pct_basic_education" and not (
                criterion.population.unknown_education_is_basic
            ):
                raise PopulationError(
                    f"rule set {rule_set.code}: the microdata pipeline counts unknown education "
                    "as grundskole, but the rule set does not"
                )
    return found


FIGURE_POPULATIONS = figure_populations()
# Each figure's age band, inclusive (None: no upper bound), from the rule sets.
POPULATIONS: dict[str, tuple[int, int | None]] = {
    name: population.age_band for name, population in FIGURE_POPULATIONS.items()
}
# Persons are counted per age band; every population is a union of whole bands. One CASE and a
# few plain counts per band is much cheaper than one condition per population and count.
BAND_STARTS: tuple[int, ...] = tuple(
    sorted({0} | {lo for lo, _ in POPULATIONS.values()}
           | {hi + 1 for _, hi in POPULATIONS.values() if hi is not None})
)  # fmt: skip


def band_sql() -> str:
    """SQL: the index of a person's age band in `BAND_STARTS`."""
    whens = " ".join(f"WHEN age < {start} THEN {i}" for i, start in enumerate(BAND_STARTS[1:]))
    return f"CASE {whens} ELSE {len(BAND_STARTS) - 1} END"


def bands_of(population: str | None) -> frozenset[int]:
    """The bands that make up the population of a figure (every band for None)."""
    if population is None:
        return frozenset(range(len(BAND_STARTS)))
    lo, hi = POPULATIONS[population]
    ends = [*BAND_STARTS[1:], None]
    return frozenset(
        i
        for i, (start, end) in enumerate(zip(BAND_STARTS, ends, strict=True))
        if start >= lo and (hi is None or (end is not None and end - 1 <= hi))
    )
