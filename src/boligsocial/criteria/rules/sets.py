"""The four rule sets of the official lists since 2010, as data.

A change of law is a new `RuleSet` appended to `RULE_SETS` (and the previous one given a
`last_list_year`), never a branch on the year in code. Wording → comparator: "overstiger" is
`>`, "mindst" is `>=`, "mindre end" is `<`.
"""

from __future__ import annotations

from decimal import Decimal

from boligsocial.criteria.rules.types import (
    Comparator,
    CriteriaGroup,
    Criterion,
    DesignationKey,
    DesignationRule,
    MarginUnit,
    RuleSet,
    Streak,
)

D = Decimal
PP = MarginUnit.POINTS
RATIO = MarginUnit.RATIO

# The multi-year designations count earlier years by the designation then in force: a
# ghettoområde (2010–2020 lists) and a parallelsamfund (2021 lists onward) are the same status
# under two names.
_SAME_STATUS: tuple[DesignationKey, ...] = ("ghetto", "parallelsamfund")

RULES_2010 = RuleSet(
    code="2010",
    first_list_year=2010,
    last_list_year=2013,
    min_residents=1000,
    primary_group="ghetto",
    groups=(
        CriteriaGroup(
            key="ghetto",
            min_met=2,
            criteria=(
                Criterion("outside_labour", "pct_outside_labour", Comparator.GT, D("40"), PP),
                Criterion("convicted", "pct_convicted", Comparator.GT, D("2.7"), PP),
                Criterion("non_western", "pct_non_western", Comparator.GT, D("50"), PP),
            ),
        ),
    ),
    designations=(DesignationRule("ghetto", groups=("ghetto",)),),
    source="Lists of ghettoområder 2010–2013 (criteria of October 2010)",
)

RULES_2014 = RuleSet(
    code="2014",
    first_list_year=2014,
    last_list_year=2017,
    min_residents=1000,
    primary_group="ghetto",
    groups=(
        CriteriaGroup(
            key="ghetto",
            min_met=3,
            criteria=(
                # L 45 (2013/14): criteria 1 and 2 "opgjort som gennemsnit over de seneste 2 år".
                Criterion(
                    "outside_labour",
                    "pct_outside_labour",
                    Comparator.GT,
                    D("40"),
                    PP,
                    years_averaged=2,
                ),
                Criterion(
                    "convicted", "pct_convicted", Comparator.GT, D("2.7"), PP, years_averaged=2
                ),
                Criterion("non_western", "pct_non_western", Comparator.GT, D("50"), PP),
                Criterion("basic_education", "pct_basic_education", Comparator.GT, D("50"), PP),
                Criterion("low_income", "income_pct_of_region", Comparator.LT, D("55"), RATIO),
            ),
        ),
    ),
    designations=(DesignationRule("ghetto", groups=("ghetto",)),),
    source="Almenboligloven §61a as amended by L 45 (2013/14)",
)

_UDSAT_2018 = CriteriaGroup(
    key="udsat",
    min_met=2,
    criteria=(
        Criterion(
            "outside_labour", "pct_outside_labour", Comparator.GT, D("40"), PP, years_averaged=2
        ),
        Criterion("convicted", "conviction_ratio", Comparator.GE, D("3"), RATIO, years_averaged=2),
        Criterion("basic_education", "pct_basic_education", Comparator.GT, D("60"), PP),
        Criterion("low_income", "income_pct_of_region", Comparator.LT, D("55"), RATIO),
    ),
)


def _non_western_over(key: str, threshold: str) -> CriteriaGroup:
    return CriteriaGroup(
        key=key,
        min_met=1,
        criteria=(Criterion("non_western", "pct_non_western", Comparator.GT, D(threshold), PP),),
    )


RULES_2018 = RuleSet(
    code="2018",
    first_list_year=2018,
    last_list_year=2020,
    min_residents=1000,
    primary_group="udsat",
    groups=(_UDSAT_2018, _non_western_over("ghetto", "50")),
    designations=(
        DesignationRule("udsat", groups=("udsat",)),
        DesignationRule("ghetto", groups=("ghetto",), requires=("udsat",)),
        DesignationRule(
            "haardt_ghetto",
            requires=("ghetto",),
            # 4 years by the law; the ministry applied 5 to the lists of 2018–2020.
            streak=Streak(years=4, counts_as=_SAME_STATUS, years_by_list_year=((2018, 2020, 5),)),
        ),
    ),
    source="Almenboligloven §61a as amended by L 38 (2018/19)",
)

RULES_2021 = RuleSet(
    code="2021",
    first_list_year=2021,
    last_list_year=None,
    min_residents=1000,
    primary_group="udsat",
    groups=(
        _UDSAT_2018,
        _non_western_over("parallelsamfund", "50"),
        CriteriaGroup(
            key="forebyggelse",
            min_met=2,
            criteria=(
                Criterion(
                    "outside_labour",
                    "pct_outside_labour",
                    Comparator.GT,
                    D("30"),
                    PP,
                    years_averaged=2,
                ),
                Criterion(
                    "convicted", "conviction_ratio", Comparator.GE, D("2"), RATIO, years_averaged=2
                ),
                Criterion("basic_education", "pct_basic_education", Comparator.GT, D("60"), PP),
                Criterion("low_income", "income_pct_of_region", Comparator.LT, D("65"), RATIO),
            ),
        ),
        _non_western_over("forebyggelse_non_western", "30"),
    ),
    designations=(
        DesignationRule("udsat", groups=("udsat",)),
        DesignationRule("parallelsamfund", groups=("parallelsamfund",), requires=("udsat",)),
        DesignationRule(
            "omdannelse",
            requires=("parallelsamfund",),
            streak=Streak(years=5, counts_as=_SAME_STATUS),
        ),
        DesignationRule("forebyggelse", groups=("forebyggelse_non_western", "forebyggelse")),
    ),
    source="Almenboligloven §61a and §61b (LBK nr. 1171 af 11/11/2024)",
)

RULE_SETS: tuple[RuleSet, ...] = (RULES_2010, RULES_2014, RULES_2018, RULES_2021)
RULE_SET_CODES: tuple[str, ...] = tuple(r.code for r in RULE_SETS)


class NoRuleSetError(LookupError):
    pass


def get_rule_set(code: str) -> RuleSet:
    for rule_set in RULE_SETS:
        if rule_set.code == code:
            return rule_set
    raise NoRuleSetError(f"unknown rule set {code!r}; known: {', '.join(RULE_SET_CODES)}")


def rule_set_for_year(list_year: int) -> RuleSet:
    """The rule set in force for the list of `list_year`."""
    for rule_set in RULE_SETS:
        if rule_set.applies_to(list_year):
            return rule_set
    first = min(r.first_list_year for r in RULE_SETS)
    raise NoRuleSetError(f"no rule set for the list of {list_year}; the first list is {first}")
