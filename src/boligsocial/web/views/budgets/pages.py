"""The pages that show a plan's budget: the current budget with its versions, one version,
two versions side by side, and the budget's history. For every logged-in user who may read
the plan (anonymous visitors are sent to the login: money pages are internal)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import can_edit_plan
from boligsocial.budgets.models import BudgetLine, BudgetVersion, VersionState
from boligsocial.budgets.selectors import (
    LineChange,
    compare_versions,
    current_budget,
    versions_of,
)
from boligsocial.web.forms.budgets import CompareForm
from boligsocial.web.money_history import money_history_context
from boligsocial.web.templatetags.boligsocial import kr
from boligsocial.web.views.budgets.common import (
    budget_view,
    focus_area_label,
    readable_plan,
    show_year,
    source_label,
    version_or_404,
)


def _compare_form(numbers: list[int], data: Any = None) -> CompareForm:
    if data is not None:
        return CompareForm(data, numbers=numbers)
    initial = {"fra": numbers[-2], "til": numbers[-1]} if len(numbers) > 1 else None
    return CompareForm(initial=initial, numbers=numbers)


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's current budget (the latest approved version, else the draft original), its
    co-financing check, the draft being written and every version."""
    plan = readable_plan(request, slug)
    versions = list(versions_of(plan))
    current = current_budget(plan)
    if current is not None:
        current.plan = plan
    draft = next((v for v in versions if v.state == VersionState.DRAFT), None)
    numbers = [v.number for v in versions]
    context = {
        "plan": plan,
        "current": current,
        "view": show_year(budget_view(current), request.GET.get("aar")) if current else None,
        "draft": draft if draft is not None and draft != current else None,
        "versions": list(reversed(versions)),
        "approved": any(v.state == VersionState.APPROVED for v in versions),
        "can_edit": can_edit_plan(request.user, plan),
        "compare_form": _compare_form(numbers),
    }
    return render(request, "web/budgets/budget.html", context)


@login_required
def budget_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One version of the budget; a draft with the links that change its lines."""
    plan = readable_plan(request, slug)
    version = version_or_404(plan, number)
    context = {
        "plan": plan,
        "version": version,
        "view": show_year(budget_view(version), request.GET.get("aar")),
        "can_edit": version.is_editable and can_edit_plan(request.user, plan),
        "here": _("Version %(number)s") % {"number": version.number},
    }
    return render(request, "web/budgets/version.html", context)


@dataclass
class ChangeRow:
    """A line's difference as the comparison shows it."""

    change: LineChange
    line: BudgetLine
    category: str
    focus_area: str
    source: str
    fields: list[tuple[str, str, str]]  # (field, old, new) of the fields other than the amount


def _field_label(name: str) -> str:
    field = cast(models.Field, BudgetLine._meta.get_field(name.removesuffix("_id")))
    return str(field.verbose_name).capitalize()


def _shown(line: BudgetLine, name: str) -> str:
    if name == "category_id":
        return str(line.category)
    if name == "focus_area_id":
        return focus_area_label(line)
    if name in ("source_kind", "source_organisation_id", "source_afdeling_id", "source_name"):
        return source_label(line)
    if name == "in_kind":
        return _("Yes") if line.in_kind else _("No")
    if name == "amount":
        return kr(line.amount)
    return str(getattr(line, name))


def _change_row(change: LineChange) -> ChangeRow:
    line = cast(BudgetLine, change.after or change.before)
    fields = []
    seen_source = False
    for name in change.fields:
        if name == "amount":
            continue
        if name.startswith("source_"):
            if seen_source:
                continue
            seen_source = True
            label = _field_label("source_kind")
        else:
            label = _field_label(name)
        before, after = cast(BudgetLine, change.before), cast(BudgetLine, change.after)
        fields.append((label, _shown(before, name), _shown(after, name)))
    return ChangeRow(
        change, line, str(line.category), focus_area_label(line), source_label(line), fields
    )


@login_required
def budget_compare(request: HttpRequest, slug: str) -> HttpResponse:
    """`?fra=&til=`: two versions side by side, each line that differs (added, removed,
    changed: which fields, old → new, and the amount's difference) and the totals per year."""
    plan = readable_plan(request, slug)
    versions = {v.number: v for v in versions_of(plan)}
    form = _compare_form(sorted(versions), request.GET)
    context: dict[str, Any] = {"plan": plan, "form": form, "comparison": None}
    status = 200
    if form.is_valid():
        comparison = compare_versions(
            versions[form.cleaned_data["fra"]], versions[form.cleaned_data["til"]]
        )
        context["comparison"] = comparison
        context["rows"] = [_change_row(change) for change in comparison.changes]
        context["year_rows"] = [
            (
                year,
                comparison.a_by_year.get(year),
                comparison.b_by_year.get(year),
                comparison.difference_by_year[year],
            )
            for year in comparison.years
        ]
        context["a_total"] = sum(comparison.a_by_year.values())
        context["b_total"] = sum(comparison.b_by_year.values())
    else:
        status = 400
    context["here"] = _("Compare two versions")
    return render(request, "web/budgets/compare.html", context, status=status)


@login_required
def budget_history(request: HttpRequest, slug: str) -> HttpResponse:
    """Every change to the plan's budget versions and their lines (a discarded draft's too):
    who, when, old → new, a page at a time."""
    plan = readable_plan(request, slug)
    version_rows = BudgetVersion.history.filter(plan_id=plan.pk)
    numbers = dict(version_rows.values_list("id", "number").distinct())

    def line_subject(row: Any) -> str:
        return _("Version %(number)s, %(year)s: %(text)s") % {
            "number": numbers.get(row.version_id, "?"),
            "year": row.year,
            "text": row.text,
        }

    def version_subject(row: Any) -> str:
        return _("Budget version %(number)s") % {"number": row.number}

    history = money_history_context(
        request,
        [
            version_rows,
            BudgetLine.history.filter(
                version_id__in=Subquery(version_rows.values("id").distinct())
            ),
        ],
        subjects={BudgetVersion: version_subject, BudgetLine: line_subject},
        omit=("created_by",),
    )
    context = {"plan": plan, "history": history, "here": _("History")}
    return render(request, "web/budgets/history.html", context)
