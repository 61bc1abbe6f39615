"""The application as a tagged, accessible PDF (WeasyPrint, PDF/UA-1): an HTML document from
`templates/applications/application.html` with its print stylesheet, turned into PDF with the
document's title and language in the metadata, page numbers, table headers repeated on every
page a table runs over, and Danish hyphenation and number formats (docs/decisions/0022).

Nothing is fetched while rendering: the stylesheet is inline, the fonts are the machine's
(Debian's fonts-dejavu-core), and the URL fetcher refuses every URL, so text from the data can
never make the renderer read a file or a web address."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from boligsocial.applications import text
from boligsocial.applications.content import Application


class FetchRefused(Exception):
    """The renderer asked for an outside resource; the application has none."""


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise FetchRefused(f"the application's PDF fetches nothing ({url[:60]!r} refused)")


def title(app: Application) -> str:
    return translation.gettext("Pre-qualification application: %(plan)s") % {"plan": app.plan_name}


def _budget_rows(app: Application) -> dict[str, Any]:
    b = app.budget
    return {
        "headings": [text.source_label(s) for s in b.sources],
        "years": [
            {
                "year": str(y.year),
                "amounts": [text.number(a, places=0) for a in y.amounts],
                "total": text.number(y.total, places=0),
                "local_share": text.share(y.check.local_share),
                "ok": y.check.ok,
            }
            for y in b.years
        ],
        "totals": [text.number(a, places=0) for a in b.totals],
        "total": text.number(b.check.total, places=0),
        "lbf_share": text.share(b.check.lbf_share),
        "local_share": text.share(b.check.local_share),
        "local_amount": text.kroner(b.check.local_amount),
        "lbf_max_share": text.share(b.lbf_max_share),
        "local_min_share": text.share(b.local_min_share),
        "ok": b.ok,
        "empty": b.empty,
    }


def _budget_check_rows(app: Application) -> dict[str, Any] | None:
    """The plan's budget against the round's rule, as text (None: the plan has no budget)."""
    section = app.budget_check
    if section is None:
        return None

    def row(r: Any) -> dict[str, Any]:
        return {
            "label": str(r.year) if r.year is not None else translation.gettext("Period"),
            "lbf": text.kroner(r.lbf_amount),
            "local": text.kroner(r.local_amount),
            "in_kind": text.kroner(r.in_kind_amount),
            "total": text.kroner(r.total),
            "lbf_share": text.share(r.lbf_share),
            "ok": text.yes_no(r.ok),
        }

    return {
        "section": section,
        "approved_on": text.day(section.approved_on) if section.approved_on else "",
        "years": [row(r) for r in section.years],
        "period": row(section.period),
        "lbf_max_share": text.share(section.lbf_max_share),
        "local_min_share": text.share(section.local_min_share),
        # the breach's figures keep their units on the same line
        "explanation": section.explanation.replace(" %", text.NBSP + "%").replace(
            " kr.", text.NBSP + "kr."
        ),
    }


def context(app: Application) -> dict[str, Any]:
    """What the template shows, as text in the active language."""
    return {
        "app": app,
        "title": title(app),
        "lang": translation.get_language() or "da",
        "period": text.period(app.start_date, app.end_date),
        "assembled_on": text.day(app.assembled_on),
        # in the print stylesheet's page boxes (plain words and a date: nothing to escape)
        "page_label": translation.gettext("Page"),
        "of_label": translation.gettext("of"),
        "footer_label": translation.gettext("Assembled by Boligsocial on %(date)s")
        % {"date": text.day(app.assembled_on)},
        "dwellings": text.number(app.dwellings, places=0),
        "afdelinger": [
            {
                "row": a,
                "dwellings": text.number(a.dwellings, places=0) if a.dwellings is not None else "",
            }
            for a in app.afdelinger
        ],
        "areas": [
            {
                "area": area,
                "residents": (
                    app.suppression_label
                    if area.residents_suppressed
                    else text.number(area.residents, places=0)
                    if area.residents is not None
                    else text.DASH
                ),
                # a year is a name, not an amount: never "2.012"
                "year": str(area.year) if area.year is not None else "",
                # the engine's sentences keep a number and its unit together on a line
                "explanation": area.explanation.replace(" %", text.NBSP + "%"),
                "figures": [
                    {
                        "label": f.label,
                        "value": (
                            app.suppression_label
                            if f.suppressed or f.value is None
                            else text.with_unit(f.value, f.unit)
                        ),
                        "requirement": text.requirement(f.comparator, f.threshold, f.unit),
                        "met": text.yes_no(f.met),
                    }
                    for f in area.figures
                ],
            }
            for area in app.areas
        ],
        "budget": _budget_rows(app),
        "budget_check": _budget_check_rows(app),
        "recommendation_date": (
            text.day(app.recommendation.decided_on) if app.recommendation is not None else ""
        ),
    }


def application_html(app: Application) -> str:
    return render_to_string("applications/application.html", context(app))


def application_css(app: Application) -> str:
    """The print stylesheet (page size, margins, the page numbers' words in the language),
    given to WeasyPrint beside the document rather than inside it: no template has an inline
    style (the pages' Content-Security-Policy test reads every template)."""
    return render_to_string("applications/application.css", context(app))


def application_pdf(app: Application) -> bytes:
    """The PDF/UA-1 file of `app`, in the active language."""
    from weasyprint import CSS, HTML

    document = HTML(string=application_html(app), url_fetcher=_refuse)
    stylesheet = CSS(string=application_css(app), url_fetcher=_refuse)
    pdf = document.write_pdf(stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True)
    if pdf is None:  # pragma: no cover - write_pdf returns the bytes when given no target
        raise RuntimeError("WeasyPrint wrote no PDF")
    return bytes(pdf)
