"""Computed versus official status: the bridge between the stored figures and lists and the
criteria engine (`boligsocial.criteria.rules`).

For every area and year with figures or list entries, `assess_area` builds the engine's
`AreaFigures` from the indicator values, classifies the year under the rule set in force that
year, with the area's earlier years as history (the official lists first, computed years where
no list says anything), and compares the result with the official list entries of the year.
Every difference is a `Disagreement`; none is hidden.

A year's list counts as stored for a designation when any area has an entry for it. An area
with figures that year but no entry is then taken as not on that list (an `OfficialStatus`
with `explicit=False`), so an area whose figures qualify but that the list leaves out is
flagged too.

`assess_area` is pure; `area_assessments` reads what it needs for many areas in a fixed number
of queries (areas, values, list entries, stored lists)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, cast

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext

from boligsocial.areas.models import Area
from boligsocial.criteria.assessment import (
    Disagreement,
    OfficialStatus,
    YearInput,
    assess_years,
)
from boligsocial.criteria.rules import (
    DEFAULT_RISK_MARGIN,
    DESIGNATION_KEYS,
    RULE_SETS,
    AreaFigures,
    Classification,
    CriteriaGroup,
    CriterionResult,
    DesignationKey,
    NoRuleSetError,
    RuleSet,
    get_rule_set,
    rule_set_for_year,
)
from boligsocial.indicators.models import Designation, IndicatorValue, OfficialListEntry, Unit
from boligsocial.indicators.rules import Figure
from boligsocial.indicators.services import CRITERIA_INDICATOR_COLUMNS

# The indicator keys the criteria read: residents and the figure fields of the engine.
CRITERIA_KEYS: tuple[str, ...] = CRITERIA_INDICATOR_COLUMNS

Status = Literal["agree", "disagree", "unknown", "not_compared"]


@dataclass(frozen=True)
class ListEntry:
    """One stored entry of an official list (pure copy of `OfficialListEntry`)."""

    year: int
    designation: DesignationKey
    on_list: bool
    source: str = ""


@dataclass(frozen=True)
class YearAssessment:
    year: int
    rule_set: RuleSet | None  # None: no rule set for the year (before the first list)
    figures: Mapping[str, Figure]  # indicator key → figure, as stored
    classification: Classification | None  # None: no rule set, or a figure is missing
    missing: tuple[str, ...]  # the figures the rule set needs that the year lacks
    official: tuple[OfficialStatus, ...]
    disagreements: tuple[Disagreement, ...]

    @property
    def computed(self) -> tuple[DesignationKey, ...]:
        """The designations the figures give, in the law's order."""
        if self.classification is None:
            return ()
        held = self.classification.designations
        return tuple(k for k in DESIGNATION_KEYS if held.get(k))

    @property
    def official_designations(self) -> tuple[DesignationKey, ...]:
        """The designations the published lists give the area this year."""
        on = {s.designation for s in self.official if s.on_list}
        return tuple(k for k in DESIGNATION_KEYS if k in on)

    @property
    def status(self) -> Status:
        if self.disagreements:
            return "disagree"
        if not self.official:
            return "not_compared"
        if self.classification is None:
            return "unknown"
        return "agree"

    @property
    def rules(self) -> str:
        return self.rule_set.code if self.rule_set is not None else ""


@dataclass(frozen=True)
class AreaAssessment:
    area_id: int
    name: str
    slug: str
    municipality: str
    municipality_code: int
    years: tuple[YearAssessment, ...]  # ascending

    def for_year(self, year: int) -> YearAssessment | None:
        for assessment in self.years:
            if assessment.year == year:
                return assessment
        return None

    @property
    def latest(self) -> YearAssessment | None:
        return self.years[-1] if self.years else None

    @property
    def disagreements(self) -> tuple[tuple[int, Disagreement], ...]:
        return tuple((y.year, d) for y in self.years for d in y.disagreements)


def _rule_set(year: int) -> RuleSet | None:
    try:
        return rule_set_for_year(year)
    except NoRuleSetError:
        return None


def _area_figures(
    area: str, municipality: str, year: int, figures: Mapping[str, Figure], rule_set: RuleSet
) -> tuple[AreaFigures | None, tuple[str, ...]]:
    needed = ("residents", *rule_set.fields)
    missing = tuple(k for k in needed if k not in figures or figures[k].value is None)
    if missing:
        return None, missing
    residents = figures["residents"].value
    if residents is None:  # excluded by `missing` above; narrows the type
        return None, ("residents",)

    def value(key: str) -> Decimal | None:
        figure = figures.get(key)
        return figure.value if figure is not None else None

    return AreaFigures(
        area,
        municipality,
        year,
        int(residents),
        pct_outside_labour=value("pct_outside_labour"),
        pct_non_western=value("pct_non_western"),
        pct_convicted=value("pct_convicted"),
        conviction_ratio=value("conviction_ratio"),
        pct_basic_education=value("pct_basic_education"),
        income_pct_of_region=value("income_pct_of_region"),
    ), ()


def _official(
    year: int,
    entries: Sequence[ListEntry],
    known_lists: frozenset[tuple[int, str]],
) -> tuple[OfficialStatus, ...]:
    explicit = {e.designation: e for e in entries if e.year == year}
    statuses: list[OfficialStatus] = []
    for key in DESIGNATION_KEYS:
        entry = explicit.get(key)
        if entry is not None:
            statuses.append(OfficialStatus(key, entry.on_list, True, entry.source))
        elif (year, key) in known_lists:
            statuses.append(OfficialStatus(key, False, False))
    return tuple(statuses)


def assess_area(
    *,
    area_id: int,
    name: str,
    slug: str,
    municipality: str,
    municipality_code: int = 0,
    figures_by_year: Mapping[int, Mapping[str, Figure]],
    entries: Iterable[ListEntry] = (),
    known_lists: Iterable[tuple[int, str]] = (),
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> AreaAssessment:
    """Classify each year of one area under the rule set in force and compare it with the
    official lists. `known_lists` holds the (year, designation) lists that are stored at all;
    by default the years of `entries`."""
    entries = tuple(entries)
    known = frozenset(known_lists) | {(e.year, e.designation) for e in entries}
    years = sorted(set(figures_by_year) | {e.year for e in entries})
    inputs: list[YearInput] = []
    missing_by_year: dict[int, tuple[str, ...]] = {}
    for year in years:
        rule_set = _rule_set(year)
        area_figures: AreaFigures | None = None
        missing: tuple[str, ...] = ()
        if rule_set is not None:
            figures = figures_by_year.get(year, {})
            area_figures, missing = _area_figures(name, municipality, year, figures, rule_set)
        missing_by_year[year] = missing
        inputs.append(YearInput(year, rule_set, area_figures, _official(year, entries, known)))
    assessed = [
        YearAssessment(
            year=item.year,
            rule_set=item.rule_set,
            figures=dict(figures_by_year.get(item.year, {})),
            classification=result.classification,
            missing=missing_by_year[item.year],
            official=item.official,
            disagreements=result.disagreements,
        )
        for item, result in zip(inputs, assess_years(inputs, risk_margin=risk_margin), strict=True)
    ]
    return AreaAssessment(area_id, name, slug, municipality, municipality_code, tuple(assessed))


# Reasons, in the reader's language --------------------------------------------------------


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


# Reading many areas in a fixed number of queries -------------------------------------------


def years_of_history() -> int:
    """How many list years, the list year included, a classification reads: the longest
    multi-year designation of any rule set (so a year can be assessed from that window)."""
    return max(
        (
            max((rule.streak.years, *(y for _, _, y in rule.streak.years_by_list_year)))
            for rule_set in RULE_SETS
            for rule in rule_set.designations
            if rule.streak is not None
        ),
        default=1,
    )


def _areas_with_data() -> QuerySet[Area]:
    values = IndicatorValue.objects.filter(area=OuterRef("pk"), indicator__key__in=CRITERIA_KEYS)
    entries = OfficialListEntry.objects.filter(area=OuterRef("pk"))
    return Area.objects.filter(Q(Exists(values)) | Q(Exists(entries)))


def known_lists() -> frozenset[tuple[int, str]]:
    """The (year, designation) lists of which any entry is stored."""
    return frozenset(
        OfficialListEntry.objects.order_by().values_list("year", "designation").distinct()
    )


def area_assessments(
    *,
    municipality_code: int | None = None,
    since_year: int | None = None,
    until_year: int | None = None,
    stored_lists: frozenset[tuple[int, str]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[AreaAssessment]:
    """The assessments of every area with figures or list entries (in a municipality), by
    municipality and name, with the years from `since_year` up to `until_year`. Four queries
    (three when `stored_lists` is given), whatever the number of areas and years."""
    qs = _areas_with_data().select_related("municipality")
    if municipality_code is not None:
        qs = qs.filter(municipality__code=municipality_code)
    area_list = list(qs.order_by("municipality__name", "name"))
    if not area_list:
        return []
    return assess_areas(
        area_list,
        area_ids=qs.values("pk"),
        since_year=since_year,
        until_year=until_year,
        stored_lists=stored_lists,
        risk_margin=risk_margin,
    )


def assess_areas(
    areas: Sequence[Area],
    *,
    area_ids: QuerySet[Area, Any] | list[int] | None = None,
    since_year: int | None = None,
    until_year: int | None = None,
    stored_lists: frozenset[tuple[int, str]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[AreaAssessment]:
    """Assess `areas` (with their municipality loaded), in their order: three queries (values,
    list entries, stored lists; two when `stored_lists` is given). `area_ids` may be a subquery
    selecting the same areas, so that a long list of ids is not sent to the database."""
    ids = area_ids if area_ids is not None else [a.pk for a in areas]
    values = IndicatorValue.objects.filter(area_id__in=ids, indicator__key__in=CRITERIA_KEYS)
    entries_qs = OfficialListEntry.objects.filter(area_id__in=ids)
    if since_year is not None:
        values = values.filter(year__gte=since_year)
        entries_qs = entries_qs.filter(year__gte=since_year)
    if until_year is not None:
        values = values.filter(year__lte=until_year)
        entries_qs = entries_qs.filter(year__lte=until_year)
    figures: dict[int, dict[int, dict[str, Figure]]] = defaultdict(lambda: defaultdict(dict))
    for area_id, key, unit, year, value, persons, population in values.order_by().values_list(
        "area_id", "indicator__key", "indicator__unit", "year", "value", "persons", "population"
    ):
        figures[area_id][year][key] = Figure(
            value, persons, population, is_count=unit == Unit.COUNT
        )
    entries: dict[int, list[ListEntry]] = defaultdict(list)
    for area_id, year, designation, on_list, source in entries_qs.order_by().values_list(
        "area_id", "year", "designation", "on_list", "source"
    ):
        entries[area_id].append(ListEntry(year, cast(DesignationKey, designation), on_list, source))
    lists = stored_lists if stored_lists is not None else known_lists()
    return [
        assess_area(
            area_id=area.pk,
            name=area.name,
            slug=area.slug,
            municipality=area.municipality.name,
            municipality_code=area.municipality.code,
            figures_by_year=figures.get(area.pk, {}),
            entries=entries.get(area.pk, ()),
            known_lists=lists,
            risk_margin=risk_margin,
        )
        for area in areas
    ]
