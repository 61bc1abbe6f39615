"""The pre-qualification application assembled from what the system holds (docs/decisions/0022):
`application_content(plan)` reads the plan, its afdelinger and areas, the areas' latest assessed
year from the criteria engine, and returns an `Application` (plain data) for the PDF and the
XLSX. A fixed number of queries, whatever the number of afdelinger and areas.

Disclosure control: the application is a document meant to leave the system (to LBF, the
municipality, the boards), so its figures are always shown as to a reader without analyst
rights, whoever builds it: a figure about fewer persons than `DISCLOSURE_MIN_COUNT` is
suppressed, exactly as on the public area pages (`indicators.redaction.shown_year`)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from boligsocial.applications.content import (
    AfdelingRow,
    Application,
    AreaSection,
    BudgetCheckRow,
    BudgetCheckSection,
    FocusAreaSection,
    KeyFigure,
    Missing,
    Recommendation,
)
from boligsocial.applications.rules import Estimate, budget
from boligsocial.areas.models import Afdeling, Area
from boligsocial.budgets.rules import ShareCheck
from boligsocial.budgets.selectors import budget_summary, current_budget
from boligsocial.budgets.wording import breach_text, in_kind_text, year_warning_text
from boligsocial.documents.models import Document, DocumentKind
from boligsocial.funding.models import FocusArea
from boligsocial.funding.selectors import round_rules
from boligsocial.indicators.assessment import AreaAssessment, YearAssessment
from boligsocial.indicators.models import Indicator
from boligsocial.indicators.reasons import designation_label
from boligsocial.indicators.redaction import ShownCriterion, shown_year
from boligsocial.indicators.rules import Figure, disclose, suppression_label
from boligsocial.indicators.selectors import assess_areas, indicators_by_key
from boligsocial.lifecycle.rules import PREQUALIFICATION
from boligsocial.lifecycle.selectors import missing_parts
from boligsocial.plans.models import Plan
from boligsocial.plans.selectors import plan_by_former_slug


def application_plans() -> QuerySet[Plan]:
    """Plans with what the application reads loaded (narrow it with `accounts` first)."""
    return Plan.objects.select_related("fund_round").prefetch_related(
        Prefetch(
            "afdelinger",
            queryset=Afdeling.objects.select_related("organisation", "area__municipality").order_by(
                "organisation__name", "number"
            ),
        ),
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position", "name_da")),
        "focus_area_goals",
        "budget_estimates",
        Prefetch(
            "documents",
            queryset=Document.objects.filter(kind=DocumentKind.MUNICIPAL_RECOMMENDATION).order_by(
                "-uploaded_at", "-pk"
            ),
            to_attr="recommendation_documents",
        ),
    )


def plan_for_application(slug: str, plans: QuerySet[Plan] | None = None) -> Plan | None:
    """The plan with this slug, or the one that had it before a rename, from `plans` (the ones
    a reader may see, from `accounts`; every plan when None), loaded for the application."""
    qs = application_plans()
    if plans is not None:
        qs = qs.filter(pk__in=plans.values("pk"))
    plan = qs.filter(slug=slug).first()
    if plan is None:
        former = plan_by_former_slug(slug)
        if former is not None:
            plan = qs.filter(pk=former.pk).first()
    return plan


def application_content(plan: Plan) -> Application:
    """Everything the application shows, from `plan` (best read through `application_plans`)."""
    afdelinger = list(plan.afdelinger.all())
    areas: dict[int, Area] = {}
    for afdeling in afdelinger:
        if afdeling.area is not None:
            areas.setdefault(afdeling.area.pk, afdeling.area)
    ordered_areas = sorted(areas.values(), key=lambda a: (a.municipality.name, a.name))
    indicators = indicators_by_key()
    assessments = assess_areas(ordered_areas) if ordered_areas else []
    min_count = settings.DISCLOSURE_MIN_COUNT
    municipalities = sorted({a.municipality.name for a in ordered_areas})
    organisations = sorted({a.organisation.name for a in afdelinger})
    goals = {g.focus_area_id: g.goals for g in plan.focus_area_goals.all()}
    return Application(
        plan_name=plan.name,
        plan_slug=plan.slug,
        lbf_number=plan.lbf_number,
        status=str(plan.get_status_display()),
        fund_round=plan.fund_round.code,
        fund_round_name=plan.fund_round.name,
        start_date=plan.start_date,
        end_date=plan.end_date,
        municipalities=tuple(municipalities),
        organisations=tuple(organisations),
        afdelinger=tuple(_afdeling_row(a) for a in afdelinger),
        areas=tuple(
            _area_section(area, assessment, indicators, min_count)
            for area, assessment in zip(ordered_areas, assessments, strict=True)
        ),
        challenges=plan.challenges,
        purpose=plan.purpose,
        focus_areas=tuple(
            FocusAreaSection(name=f.name, goals=goals.get(f.pk, "")) for f in plan.focus_areas.all()
        ),
        budget=budget(
            [Estimate(e.year, e.source, e.amount) for e in plan.budget_estimates.all()],
            round_rules(plan.fund_round),
        ),
        recommendation=_recommendation(plan),
        missing=tuple(Missing(m.code, m.message) for m in missing_parts(plan, PREQUALIFICATION)),
        illustrative=plan.illustrative or any(a.illustrative for a in afdelinger),
        data_note=plan.data_note,
        suppression_label=suppression_label(min_count),
        min_count=min_count,
        assembled_on=timezone.localdate(),
        budget_check=_budget_check(plan),
    )


def _check_row(year: int | None, check: ShareCheck) -> BudgetCheckRow:
    return BudgetCheckRow(
        year=year,
        lbf_amount=check.lbf_amount,
        local_amount=check.local_amount,
        in_kind_amount=check.in_kind_amount,
        total=check.budget_total,
        lbf_share=check.lbf_share,
        ok=check.ok,
    )


def _budget_check(plan: Plan) -> BudgetCheckSection | None:
    """The plan's current budget against its round's rule (two queries); None without one."""
    version = current_budget(plan)
    if version is None:
        return None
    version.plan = plan
    check = budget_summary(version).check
    return BudgetCheckSection(
        version=version.number,
        state=str(version.get_state_display()),
        approved_on=version.approved_on,
        lbf_max_share=plan.fund_round.lbf_max_share,
        local_min_share=plan.fund_round.local_min_share,
        years=tuple(_check_row(year, year_check) for year, year_check in check.years.items()),
        period=_check_row(None, check.period),
        ok=check.ok,
        explanation=breach_text(check),
        year_warnings=tuple(
            year_warning_text(year, year_check)
            for year, year_check in check.years.items()
            if not year_check.ok
        ),
        in_kind_note=in_kind_text(check),
    )


def _afdeling_row(afdeling: Afdeling) -> AfdelingRow:
    return AfdelingRow(
        organisation=afdeling.organisation.name,
        number=afdeling.number,
        name=afdeling.name,
        lbf_number=afdeling.lbf_number,
        area=afdeling.area.name if afdeling.area is not None else "",
        dwellings=afdeling.dwellings,
        address=afdeling.address,
    )


def _recommendation(plan: Plan) -> Recommendation | None:
    """The municipality's recommendation: the recorded decision and the latest document of
    that kind on the plan; None when there is neither."""
    documents = getattr(plan, "recommendation_documents", None)
    if documents is None:
        documents = list(
            plan.documents.filter(kind=DocumentKind.MUNICIPAL_RECOMMENDATION).order_by(
                "-uploaded_at", "-pk"
            )
        )
    document = documents[0].title if documents else ""
    date = plan.municipality_recommendation_date
    note = plan.municipality_recommendation_note
    if date is None and not note and not document:
        return None
    return Recommendation(decided_on=date, note=note, document=document)


def _assessed_year(assessment: AreaAssessment) -> YearAssessment | None:
    """The latest year the criteria engine could classify; else the latest year stored."""
    for year in reversed(assessment.years):
        if year.classification is not None:
            return year
    return assessment.latest


def _area_section(
    area: Area, assessment: AreaAssessment, indicators: dict[str, Indicator], min_count: int
) -> AreaSection:
    year = _assessed_year(assessment)
    shown = shown_year(year, analyst=False) if year is not None else None
    # Residents: the year's register figure when stored (already disclosure-controlled),
    # else the area's master data, under the same rule.
    residents: int | None = area.residents
    suppressed = False
    if shown is not None and shown.residents is not None:
        suppressed = shown.residents.suppressed
        value = shown.residents.value
        residents = int(value) if value is not None else None
    elif residents is not None:
        figure = Figure(Decimal(residents), is_count=True)
        suppressed = disclose(figure, min_count=min_count, analyst=False) is None
    return AreaSection(
        name=area.name,
        municipality=area.municipality.name,
        residents=None if suppressed else residents,
        residents_suppressed=suppressed,
        year=year.year if year is not None else None,
        rules=year.rules if year is not None else "",
        computed=tuple(designation_label(k) for k in year.computed) if year else (),
        official=tuple(designation_label(k) for k in year.official_designations) if year else (),
        figures=tuple(_key_figure(c, indicators) for c in shown.criteria) if shown else (),
        explanation=shown.explanation if shown is not None else "",
        missing=tuple(_name(indicators, k) for k in year.missing) if year else (),
    )


def _name(indicators: dict[str, Indicator], key: str) -> str:
    indicator = indicators.get(key)
    return indicator.name if indicator is not None else key


def _key_figure(shown: ShownCriterion, indicators: dict[str, Indicator]) -> KeyFigure:
    result = shown.result
    label = _name(indicators, result.field)
    if not shown.primary:
        # a criterion of another designation's group, e.g. the §61b forebyggelse criteria
        group = "forebyggelse" if result.group.startswith("forebyggelse") else result.group
        try:
            label = f"{label} ({designation_label(group).lower()})"
        except ValueError:
            label = f"{label} ({group})"
    indicator = indicators.get(result.field)
    return KeyFigure(
        label=label,
        unit=indicator.unit if indicator is not None else "",
        value=shown.value,
        suppressed=shown.suppressed,
        comparator=str(result.comparator.value),
        threshold=result.threshold,
        met=result.met,
    )
