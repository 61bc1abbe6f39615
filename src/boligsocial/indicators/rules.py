"""Statistical disclosure control, in one place (no Django imports).

A figure about fewer than `min_count` persons (default 5, the `DISCLOSURE_MIN_COUNT` setting) is
suppressed before it is shown to a role without analyst rights or exported publicly:
- a count of persons from 1 to min_count-1 is suppressed (0 is shown: it reveals no one), also
  when no separate person count was recorded for it (the value is the count);
- a share is suppressed when the persons it counts (its numerator) are 1 to min_count-1, when
  the population it is a share of (its denominator) has fewer than min_count persons, or when
  the persons it does *not* count (denominator − numerator) are 1 to min_count-1 (98 of 100
  reveals the 2);
- a share whose person counts are unknown is shown (it came published, already controlled).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    persons: int | None = None
    population: int | None = None
    is_count: bool = False  # the value itself is a number of persons


def is_disclosive(figure: Figure, *, min_count: int) -> bool:
    persons = figure.persons
    if persons is None and figure.is_count and figure.value is not None:
        persons = int(figure.value)
    if persons is not None and 0 < persons < min_count:
        return True
    if figure.population is None:
        return False
    if figure.population < min_count:
        return True
    return persons is not None and 0 < figure.population - persons < min_count


def disclose(figure: Figure, *, min_count: int, analyst: bool) -> Decimal | None:
    """The value to show, or None when it must be suppressed for this reader."""
    if analyst or not is_disclosive(figure, min_count=min_count):
        return figure.value
    return None


def suppression_label(min_count: int) -> str:
    return f"<{min_count}"


def counts_problem(persons: int | None, population: int | None) -> str | None:
    """The persons a figure counts are part of its population: never more of them."""
    if persons is not None and population is not None and persons > population:
        return f"{persons} persons counted, but the population is only {population}"
    return None
