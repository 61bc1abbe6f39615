"""A year's report to LBF as a tagged, accessible PDF (WeasyPrint, PDF/UA-1), as the
application's PDF is made (applications/pdf.py): an HTML document from
`templates/reporting/report.html` and its print stylesheet given beside it (no inline style),
the goals' results, the milestone plan and the accounts (the year's reguleringskonto, the
account lines, budget against actual), Danish number formats by default.

Nothing is fetched while rendering: the URL fetcher refuses every URL, so text from the data
can never make the renderer read a file or a web address."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format, number_format

from boligsocial.plans.models import Plan
from boligsocial.reporting.models import ReportStatus
from boligsocial.reporting.statements import ReportDetail
from boligsocial.reporting.wording import missing_text

MINUS = "−"
NBSP = "\u00a0"
DASH = "–"


class FetchRefused(Exception):
    """The renderer asked for an outside resource; the report has none."""


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise FetchRefused(f"the report's PDF fetches nothing ({url[:60]!r} refused)")


def kroner(value: Decimal | None) -> str:
    """1234567.5 → "1.234.567,50 kr." (in Danish), a minus sign for a negative amount."""
    if value is None:
        return DASH
    text = number_format(value, 2, use_l10n=True, force_grouping=True)
    return f"{text}{NBSP}kr.".replace("-", MINUS)


def day(value: date | None) -> str:
    return date_format(value, "DATE_FORMAT") if value is not None else DASH


def report_filename(plan: Plan, year: int) -> str:
    return f"aarsrapport-{plan.slug}-{year}.pdf"


def title(detail: ReportDetail) -> str:
    return translation.gettext("Yearly report to LBF %(year)s: %(plan)s") % {
        "year": detail.year,
        "plan": detail.plan.name,
    }


def context(detail: ReportDetail, today: date) -> dict[str, Any]:
    """What the template shows, as text in the active language."""
    report = detail.report
    statement = detail.statement
    accounts = detail.accounts
    return {
        "detail": detail,
        "report": report,
        "title": title(detail),
        "lang": translation.get_language() or "da",
        "year": str(detail.year),
        "coming": str(detail.year + 1),
        "status": ReportStatus(detail.status).label,
        "due_date": day(detail.due_date),
        "submitted_on": day(report.submitted_on) if report else DASH,
        "decided_on": day(report.decided_on) if report else DASH,
        "made_on": day(today),
        "missing": [missing_text(code, detail.year) for code in detail.missing],
        "statement": (
            {
                "opening": kroner(statement.opening),
                "lbf_received": kroner(statement.lbf_received),
                "local_received": kroner(statement.local_received),
                "spent": kroner(statement.spent),
                "closing": kroner(statement.closing),
            }
            if statement
            else None
        ),
        "lines": [{"line": line, "amount": kroner(line.amount)} for line in detail.account_lines],
        "spent": kroner(detail.spent),
        "comparison": [
            {
                "row": row,
                "budget": kroner(row.budget),
                "actual": kroner(row.actual),
                "difference": kroner(row.difference),
            }
            for row in (accounts.rows if accounts else [])
        ],
        "comparison_totals": (
            {
                "budget": kroner(accounts.budget),
                "actual": kroner(accounts.actual),
                "difference": kroner(accounts.difference),
            }
            if accounts
            else None
        ),
        "milestones": [{"milestone": m, "due_on": day(m.due_on)} for m in detail.milestones],
        # in the print stylesheet's page boxes (plain words and a date: nothing to escape)
        "page_label": translation.gettext("Page"),
        "of_label": translation.gettext("of"),
        "footer_label": translation.gettext("Made by Boligsocial on %(date)s")
        % {"date": day(today)},
    }


def report_html(detail: ReportDetail, today: date) -> str:
    return render_to_string("reporting/report.html", context(detail, today))


def report_css(detail: ReportDetail, today: date) -> str:
    return render_to_string("reporting/report.css", context(detail, today))


def report_pdf(detail: ReportDetail, today: date) -> bytes:
    """The PDF/UA-1 file of the report, in the active language."""
    from weasyprint import CSS, HTML

    document = HTML(string=report_html(detail, today), url_fetcher=_refuse)
    stylesheet = CSS(string=report_css(detail, today), url_fetcher=_refuse)
    pdf = document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True)
    if pdf is None:  # pragma: no cover - write_pdf returns the bytes when given no target
        raise RuntimeError("WeasyPrint wrote no PDF")
    return bytes(pdf)
