"""A rule set checks itself when it is built: a mistake in `sets.py` is an error naming the
rule set and the part that is wrong, at import, instead of a wrong list later. Pure Python.

Checked: the validity years; the residents floor; every group (unique key, at least one
criterion, `min_met` between 1 and its number of criteria, used by a designation); every
criterion (unit of its figure, threshold inside the unit's range, the law's word for its
comparator in its words, averaging of at least one year, a sane age band); one unit, one
population and one averaging per figure; the primary group; every designation (unique key,
its groups present, `requires` declared before it, a streak of at least one year). Across rule
sets (`check_rule_sets`): unique codes and list years that follow each other without a gap.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from boligsocial.criteria.rules.law import DESIGNATION_KEYS, FIGURE_UNITS

if TYPE_CHECKING:
    from boligsocial.criteria.rules.types import Criterion, RuleSet


class RuleSetError(ValueError):
    """A rule set that contradicts itself or the vocabulary of the figures."""

    def __init__(self, code: str, problem: str) -> None:
        super().__init__(f"rule set {code!r}: {problem}")
        self.code = code
        self.problem = problem


def _criterion_problems(group: str, criterion: Criterion) -> list[str]:
    where = f"criterion {criterion.key!r} of group {group!r}"
    problems: list[str] = []
    unit = FIGURE_UNITS[criterion.field]
    if criterion.unit is not unit:
        problems.append(
            f"{where} reads {criterion.field}, which is in {unit.value}, "
            f"but is declared in {criterion.unit.value}"
        )
    if not 0 < criterion.threshold < criterion.unit.upper_bound:
        problems.append(
            f"{where} has threshold {criterion.threshold}, outside 0–"
            f"{criterion.unit.upper_bound} {criterion.unit.value}"
        )
    if criterion.comparator.words not in criterion.words:
        problems.append(
            f"{where} compares with {criterion.comparator.value!r}, but its words do not say "
            f"{criterion.comparator.words!r}"
        )
    if criterion.averaging.years < 1:
        problems.append(f"{where} is averaged over {criterion.averaging.years} years")
    low, high = criterion.population.age_band
    if low < 0 or (high is not None and high < low):
        problems.append(f"{where} counts the ages {low}–{high}")
    return problems


def _group_problems(rule_set: RuleSet) -> list[str]:
    problems: list[str] = []
    keys = [g.key for g in rule_set.groups]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    problems += [f"group {k!r} is declared twice" for k in twice]
    used = {g for d in rule_set.designations for g in d.groups}
    for group in rule_set.groups:
        if not group.criteria:
            problems.append(f"group {group.key!r} has no criteria")
        if not 1 <= group.min_met <= len(group.criteria):
            problems.append(
                f"group {group.key!r} requires {group.min_met} of {len(group.criteria)} criteria"
            )
        criteria = [c.key for c in group.criteria]
        if len(set(criteria)) != len(criteria):
            problems.append(f"group {group.key!r} lists a criterion twice")
        if group.key not in used:
            problems.append(f"group {group.key!r} is used by no designation")
        for criterion in group.criteria:
            problems += _criterion_problems(group.key, criterion)
    for name in rule_set.fields:
        readers = [c for c in rule_set.criteria if c.field == name]
        for label, values in (
            ("populations", {c.population for c in readers}),
            ("averagings", {c.averaging for c in readers}),
        ):
            if len(values) > 1:
                problems.append(f"{name} is read with {len(values)} different {label}")
    if rule_set.primary_group not in keys:
        problems.append(f"the primary group {rule_set.primary_group!r} is not declared")
    return problems


def _designation_problems(rule_set: RuleSet) -> list[str]:
    problems: list[str] = []
    groups = {g.key for g in rule_set.groups}
    declared: list[str] = []
    for rule in rule_set.designations:
        where = f"designation {rule.key!r}"
        if rule.key in declared:
            problems.append(f"{where} is declared twice")
        for group in rule.groups:
            if group not in groups:
                problems.append(f"{where} refers to group {group!r}, which is not declared")
        for required in rule.requires:
            if required not in declared:
                problems.append(f"{where} requires {required!r}, which is not declared before it")
        if not (rule.groups or rule.requires or rule.streak):
            problems.append(f"{where} has no condition")
        if rule.streak is not None:
            unknown = [k for k in rule.streak.counts_as if k not in DESIGNATION_KEYS]
            if unknown:
                problems.append(f"{where} counts unknown designations {unknown}")
            years = [rule.streak.years] + [y for _, _, y in rule.streak.years_by_list_year]
            if min(years) < 1:
                problems.append(f"{where} needs a streak of {min(years)} years")
        declared.append(rule.key)
    return problems


def check_rule_set(rule_set: RuleSet) -> None:
    """Raise `RuleSetError` naming every problem of `rule_set`."""
    problems: list[str] = []
    last = rule_set.last_list_year
    if last is not None and last < rule_set.first_list_year:
        problems.append(f"valid for the lists of {rule_set.first_list_year}–{last}")
    if rule_set.min_residents < 1:
        problems.append(f"a floor of {rule_set.min_residents} residents")
    if not rule_set.designations:
        problems.append("no designations")
    problems += _group_problems(rule_set)
    problems += _designation_problems(rule_set)
    if problems:
        raise RuleSetError(rule_set.code, "; ".join(problems))


def check_rule_sets(rule_sets: Sequence[RuleSet]) -> None:
    """The rule sets together: unique codes, and each valid from the year after the previous
    one ends, the last one still in force."""
    codes = [r.code for r in rule_sets]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        raise RuleSetError(code, "the code is used twice")
    for earlier, later in itertools.pairwise(rule_sets):
        if earlier.last_list_year is None or later.first_list_year != earlier.last_list_year + 1:
            raise RuleSetError(
                later.code,
                f"starts with the list of {later.first_list_year}, but {earlier.code!r} "
                f"ends with {earlier.last_list_year or 'no year'}",
            )
    if rule_sets and rule_sets[-1].last_list_year is not None:
        raise RuleSetError(rule_sets[-1].code, "the last rule set must still be in force")
