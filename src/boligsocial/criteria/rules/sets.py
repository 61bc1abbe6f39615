"""The four versions of the law behind the official lists since 2010, as data.

Read this file with the law in the other hand: every criterion gives its place in the law
(§, stk., nr., and the act), the law's words, the population its figure counts, its unit, its
comparator and threshold, and how many years it is averaged over; every designation gives its
place and what it requires. Wording → comparator: "overstiger" is `>`, "mindst" is `>=`,
"mindre end" is `<`. Building a rule set checks it (`consistency.py`); sources and readings are
in docs/decisions/0100, 0101 and 0102.

A change of law is a new `RuleSet` appended to `RULE_SETS` (and the previous one given a
`last_list_year`), never a branch on the year in code. The rule sets are written one argument
group per line, not in the formatter's one-argument-per-line layout, so that each criterion
reads as one clause of the law.
"""

# fmt: off
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from boligsocial.criteria.rules.consistency import RuleSetError, check_rule_sets
from boligsocial.criteria.rules.law import (
    Act,
    Averaging,
    Citation,
    Comparator,
    DesignationKey,
    Population,
    Unit,
)
from boligsocial.criteria.rules.types import (
    CriteriaGroup,
    Criterion,
    DesignationRule,
    RuleSet,
    Streak,
)

__all__ = ["RULE_SETS", "RULE_SET_CODES", "NoRuleSetError", "RuleSetError", "get_rule_set",
           "rule_set_for_year"]

OVERSTIGER, MINDST, MINDRE_END = Comparator.GT, Comparator.GE, Comparator.LT
PCT, GANGE_LANDSGNS, PCT_AF_REGION = (
    Unit.PERCENT, Unit.TIMES_NATIONAL_AVERAGE, Unit.PERCENT_OF_REGIONAL_AVERAGE)
SENESTE_2_AAR, SENESTE_4_AAR = Averaging(years=2), Averaging(years=4)

# -- The acts ---------------------------------------------------------------------------------

GHETTOSTRATEGI_2010 = Act(
    name="regeringens strategi »Ghettoen tilbage til samfundet«, oktober 2010",
    dated=date(2010, 10, 26))
LOV_123_2011 = Act(name="lov nr. 123 af 23. februar 2011", dated=date(2011, 2, 23))
L45_2013 = Act(name="L 45 (2013/14), fremsat 31. oktober 2013", dated=date(2013, 10, 31))
L38_2018 = Act(name="L 38 (2018/19), fremsat 3. oktober 2018", dated=date(2018, 10, 3))
L23_2021 = Act(name="L 23 (2021/22), fremsat 6. oktober 2021", dated=date(2021, 10, 6))
LBK_1171_2024 = Act(name="LBK nr. 1171 af 11. november 2024", dated=date(2024, 11, 11))

# -- Whom the figures count -------------------------------------------------------------------

BEBOERE = Population(words="alle beboere")
BEBOERE_18_64 = Population(words="beboere i alderen 18-64 år", min_age=18, max_age=64)
BEBOERE_18_PLUS = Population(words="beboere på 18 år og derover", min_age=18)
# Unknown education counts as grundskole: "inkl. uoplyst uddannelse" in the ministry's criteria
# 2014-2017; from 2018 only educations taken or approved in Denmark count (decision 0100).
BEBOERE_30_59 = Population(words="beboere i alderen 30-59 år, uoplyst uddannelse som grundskole",
                           min_age=30, max_age=59, unknown_education_is_basic=True)
SKATTEPLIGTIGE_15_64 = Population(
    words="skattepligtige i alderen 15-64 år eksklusive uddannelsessøgende",
    min_age=15, max_age=64, excludes_students=True)

# -- 2010: ghettoområde, lists of 2010-2013 ----------------------------------------------------
# The list of October 2010 applied the strategy's criteria; lov nr. 123 af 23. februar 2011
# wrote them into almenboligloven § 61 a. Labour and convictions are 4-year averages (0102).

def _lov_123(stk: int, nr: int | None = None) -> Citation:
    return Citation(act=LOV_123_2011, paragraph="61 a", stk=stk, nr=nr)


RULES_2010 = RuleSet(
    code="2010", acts=(GHETTOSTRATEGI_2010, LOV_123_2011),
    first_list_year=2010, last_list_year=2013,
    min_residents=1000, min_residents_citation=_lov_123(1), primary_group="ghetto",
    groups=(
        CriteriaGroup(key="ghetto", min_met=2, criteria=(
            Criterion(key="outside_labour", citation=_lov_123(1, nr=2),
                      words="Andelen af beboere i alderen 18-64 år, der er uden tilknytning til "
                            "arbejdsmarkedet eller uddannelse, overstiger 40 pct., opgjort som "
                            "gennemsnit over de seneste fire år",
                      population=BEBOERE_18_64, field="pct_outside_labour", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("40"), averaging=SENESTE_4_AAR),
            # "270 pr. 10.000 beboere" is 2.7 %.
            Criterion(key="convicted", citation=_lov_123(1, nr=3),
                      words="Antal dømte for overtrædelse af straffeloven, våbenloven eller lov om "
                            "euforiserende stoffer pr. 10.000 beboere på 18 år og derover "
                            "overstiger 270 personer, opgjort som gennemsnit over de seneste fire "
                            "år",
                      population=BEBOERE_18_PLUS, field="pct_convicted", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("2.7"), averaging=SENESTE_4_AAR),
            Criterion(key="non_western", citation=_lov_123(1, nr=1),
                      words="Andelen af indvandrere og efterkommere fra ikke-vestlige lande "
                            "overstiger 50 pct.",
                      population=BEBOERE, field="pct_non_western", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("50")),
        )),
    ),
    designations=(
        DesignationRule(key="ghetto", citation=_lov_123(1), groups=("ghetto",)),
    ),
)

# -- 2014: ghettoområde, lists of 2014-2017 ----------------------------------------------------

def _l45(stk: int, nr: int | None = None) -> Citation:
    return Citation(act=L45_2013, paragraph="61 a", stk=stk, nr=nr)


RULES_2014 = RuleSet(
    code="2014", acts=(L45_2013,), first_list_year=2014, last_list_year=2017,
    min_residents=1000, min_residents_citation=_l45(1), primary_group="ghetto",
    groups=(
        CriteriaGroup(key="ghetto", min_met=3, criteria=(
            Criterion(key="outside_labour", citation=_l45(1, nr=2),
                      words="Andelen af beboere i alderen 18-64 år, der er uden tilknytning til "
                            "arbejdsmarkedet eller uddannelse, overstiger 40 pct., opgjort som "
                            "gennemsnit over de seneste 2 år",
                      population=BEBOERE_18_64, field="pct_outside_labour", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("40"), averaging=SENESTE_2_AAR),
            Criterion(key="convicted", citation=_l45(1, nr=3),
                      words="Antal dømte for overtrædelse af straffeloven, våbenloven eller lov om "
                            "euforiserende stoffer overstiger 2,7 pct. af antallet af beboere på "
                            "18 år og derover, opgjort som gennemsnit over de seneste 2 år",
                      population=BEBOERE_18_PLUS, field="pct_convicted", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("2.7"), averaging=SENESTE_2_AAR),
            Criterion(key="non_western", citation=_l45(1, nr=1),
                      words="Andelen af indvandrere og efterkommere fra ikke-vestlige lande "
                            "overstiger 50 pct.",
                      population=BEBOERE, field="pct_non_western", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("50")),
            Criterion(key="basic_education", citation=_l45(1, nr=4),
                      words="Andelen af beboere i alderen 30-59 år, der alene har en "
                            "grundskoleuddannelse, overstiger 50 pct.",
                      population=BEBOERE_30_59, field="pct_basic_education", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("50")),
            Criterion(key="low_income", citation=_l45(1, nr=5),
                      words="Den gennemsnitlige bruttoindkomst for skattepligtige i alderen 15-64 "
                            "år i området eksklusive uddannelsessøgende udgør mindre end 55 pct. "
                            "af den gennemsnitlige bruttoindkomst for samme gruppe i regionen",
                      population=SKATTEPLIGTIGE_15_64, field="income_pct_of_region",
                      unit=PCT_AF_REGION, comparator=MINDRE_END, threshold=D("55")),
        )),
    ),
    designations=(
        DesignationRule(key="ghetto", citation=_l45(1), groups=("ghetto",)),
    ),
)

# -- 2018: udsat boligområde, ghettoområde, hårdt ghettoområde, lists of 2018-2020 -------------
# § 61 a, stk. 1, nr. 1-4 (udsat boligområde) has kept its words since L 38; today's text is
# LBK nr. 1171 af 11. november 2024, so the rule set of 2021 reads the same group.

def _l38(stk: int, nr: int | None = None) -> Citation:
    return Citation(act=L38_2018, paragraph="61 a", stk=stk, nr=nr)


UDSAT_BOLIGOMRAADE = CriteriaGroup(key="udsat", min_met=2, criteria=(
    Criterion(key="outside_labour", citation=_l38(1, nr=1),
              words="Andelen af beboere i alderen 18-64 år, der er uden tilknytning til "
                    "arbejdsmarked eller uddannelse, overstiger 40 pct. opgjort som gennemsnittet "
                    "over de seneste 2 år",
              population=BEBOERE_18_64, field="pct_outside_labour", unit=PCT,
              comparator=OVERSTIGER, threshold=D("40"), averaging=SENESTE_2_AAR),
    # The law says "beboere"; the agreement of May 2018 and the ministry's computation count
    # residents aged 18 and over, in the area and in the country.
    Criterion(key="convicted", citation=_l38(1, nr=2),
              words="Andelen af beboere dømt for overtrædelse af straffeloven, våbenloven eller "
                    "lov om euforiserende stoffer udgør mindst tre gange landsgennemsnittet "
                    "opgjort som gennemsnittet over de seneste 2 år",
              population=BEBOERE_18_PLUS, field="conviction_ratio", unit=GANGE_LANDSGNS,
              comparator=MINDST, threshold=D("3"), averaging=SENESTE_2_AAR),
    Criterion(key="basic_education", citation=_l38(1, nr=3),
              words="Andelen af beboere i alderen 30-59 år, der alene har en grundskoleuddannelse, "
                    "overstiger 60 pct.",
              population=BEBOERE_30_59, field="pct_basic_education", unit=PCT,
              comparator=OVERSTIGER, threshold=D("60")),
    Criterion(key="low_income", citation=_l38(1, nr=4),
              words="Den gennemsnitlige bruttoindkomst for skattepligtige i alderen 15-64 år i "
                    "området eksklusive uddannelsessøgende udgør mindre end 55 pct. af den "
                    "gennemsnitlige bruttoindkomst for samme gruppe i regionen",
              population=SKATTEPLIGTIGE_15_64, field="income_pct_of_region", unit=PCT_AF_REGION,
              comparator=MINDRE_END, threshold=D("55")),
))

# A ghettoområde (lists of 2010-2020) and a parallelsamfund (2021 onward) are the same status
# under two names: the multi-year designations count earlier years by either.
SAMME_STATUS: tuple[DesignationKey, ...] = ("ghetto", "parallelsamfund")

RULES_2018 = RuleSet(
    code="2018", acts=(L38_2018,), first_list_year=2018, last_list_year=2020,
    min_residents=1000, min_residents_citation=_l38(3), primary_group="udsat",
    groups=(
        UDSAT_BOLIGOMRAADE,
        CriteriaGroup(key="ghetto", min_met=1, criteria=(
            Criterion(key="non_western", citation=_l38(2),
                      words="andelen af indvandrere og efterkommere fra ikkevestlige lande "
                            "overstiger 50 pct.",
                      population=BEBOERE, field="pct_non_western", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("50")),
        )),
    ),
    designations=(
        DesignationRule(key="udsat", citation=_l38(1), groups=("udsat",)),
        DesignationRule(key="ghetto", citation=_l38(2), groups=("ghetto",), requires=("udsat",)),
        # "de seneste 4 år"; the ministry applied 5 to the lists of 2018-2020 (transition rule).
        DesignationRule(key="haardt_ghetto", citation=_l38(4), requires=("ghetto",),
                        streak=Streak(years=4, counts_as=SAMME_STATUS,
                                      years_by_list_year=((2018, 2020, 5),))),
    ),
)

# -- 2021: udsat, parallelsamfund, omdannelsesområde, forebyggelsesområde, lists of 2021- ------
# L 23 (2021/22) renamed ghettoområde to parallelsamfund and hårdt ghettoområde to
# omdannelsesområde, and added § 61 b. Cited as the law stands: LBK nr. 1171 af 11/11/2024.

def _lbk(paragraph: str, stk: int | None = None, nr: int | None = None) -> Citation:
    return Citation(act=LBK_1171_2024, paragraph=paragraph, stk=stk, nr=nr)


RULES_2021 = RuleSet(
    code="2021", acts=(L38_2018, L23_2021, LBK_1171_2024),
    first_list_year=2021, last_list_year=None,
    min_residents=1000, min_residents_citation=_lbk("61 a", stk=3), primary_group="udsat",
    groups=(
        UDSAT_BOLIGOMRAADE,
        CriteriaGroup(key="parallelsamfund", min_met=1, criteria=(
            Criterion(key="non_western", citation=_lbk("61 a", stk=2),
                      words="andelen af indvandrere og efterkommere fra ikkevestlige lande "
                            "overstiger 50 pct.",
                      population=BEBOERE, field="pct_non_western", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("50")),
        )),
        CriteriaGroup(key="forebyggelse", min_met=2, criteria=(
            Criterion(key="outside_labour", citation=_lbk("61 b", nr=1),
                      words="Andelen af beboere i alderen 18-64 år, der er uden tilknytning til "
                            "arbejdsmarked eller uddannelse, overstiger 30 pct. opgjort som "
                            "gennemsnittet over de seneste 2 år",
                      population=BEBOERE_18_64, field="pct_outside_labour", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("30"), averaging=SENESTE_2_AAR),
            Criterion(key="convicted", citation=_lbk("61 b", nr=2),
                      words="Andelen af beboere dømt for overtrædelse af straffeloven, våbenloven "
                            "eller lov om euforiserende stoffer udgør mindst to gange "
                            "landsgennemsnittet opgjort som gennemsnittet over de seneste 2 år",
                      population=BEBOERE_18_PLUS, field="conviction_ratio", unit=GANGE_LANDSGNS,
                      comparator=MINDST, threshold=D("2"), averaging=SENESTE_2_AAR),
            Criterion(key="basic_education", citation=_lbk("61 b", nr=3),
                      words="Andelen af beboere i alderen 30-59 år, der alene har en "
                            "grundskoleuddannelse, overstiger 60 pct.",
                      population=BEBOERE_30_59, field="pct_basic_education", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("60")),
            Criterion(key="low_income", citation=_lbk("61 b", nr=4),
                      words="Den gennemsnitlige bruttoindkomst for skattepligtige i alderen 15-64 "
                            "år i området eksklusive uddannelsessøgende udgør mindre end 65 pct. "
                            "af den gennemsnitlige bruttoindkomst for samme gruppe i regionen",
                      population=SKATTEPLIGTIGE_15_64, field="income_pct_of_region",
                      unit=PCT_AF_REGION, comparator=MINDRE_END, threshold=D("65")),
        )),
        CriteriaGroup(key="forebyggelse_non_western", min_met=1, criteria=(
            Criterion(key="non_western", citation=_lbk("61 b"),
                      words="andelen af indvandrere og efterkommere fra ikkevestlige lande "
                            "overstiger 30 pct.",
                      population=BEBOERE, field="pct_non_western", unit=PCT,
                      comparator=OVERSTIGER, threshold=D("30")),
        )),
    ),
    designations=(
        DesignationRule(key="udsat", citation=_lbk("61 a", stk=1), groups=("udsat",)),
        DesignationRule(key="parallelsamfund", citation=_lbk("61 a", stk=2),
                        groups=("parallelsamfund",), requires=("udsat",)),
        # "de seneste 5 år har opfyldt betingelserne i stk. 2".
        DesignationRule(key="omdannelse", citation=_lbk("61 a", stk=4),
                        requires=("parallelsamfund",),
                        streak=Streak(years=5, counts_as=SAMME_STATUS)),
        # § 61 b as written: it does not exclude a parallelsamfund (decision 0100).
        DesignationRule(key="forebyggelse", citation=_lbk("61 b"),
                        groups=("forebyggelse_non_western", "forebyggelse")),
    ),
)

RULE_SETS: tuple[RuleSet, ...] = (RULES_2010, RULES_2014, RULES_2018, RULES_2021)
check_rule_sets(RULE_SETS)
RULE_SET_CODES: tuple[str, ...] = tuple(r.code for r in RULE_SETS)
# fmt: on


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
