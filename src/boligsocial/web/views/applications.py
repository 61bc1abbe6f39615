"""A plan's pre-qualification application on the internal pages (docs/decisions/0022): a page
that says what is missing before it can be submitted and offers the PDF and the XLSX, both
assembled from the data when asked for. For logged-in users who may read the plan; anyone else
gets the login page (anonymous) or 404 (as for a plan that does not exist)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import can_edit_plan, plans_readable_by
from boligsocial.applications.pdf import application_pdf
from boligsocial.applications.selectors import application_content, plan_for_application
from boligsocial.applications.xlsx import application_xlsx
from boligsocial.plans.models import Plan

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _readable_plan(request: HttpRequest, slug: str) -> Plan:
    plan = plan_for_application(slug, plans_readable_by(request.user))
    if plan is None:
        raise Http404("No such plan.")
    return plan


def filename(plan: Plan, fmt: str) -> str:
    return f"praekvalifikationsansoegning-{plan.slug}.{fmt}"


@login_required
@require_GET
def application(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _readable_plan(request, slug)
    content = application_content(plan)
    context = {
        "plan": plan,
        "app": content,
        "editable": can_edit_plan(request.user, plan),
        "formats": [{"fmt": fmt, "filename": filename(plan, fmt)} for fmt in ("pdf", "xlsx")],
    }
    return render(request, "web/applications/application.html", context)


@login_required
@require_GET
def application_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404("The application is a PDF or an XLSX.")
    plan = _readable_plan(request, slug)
    content = application_content(plan)
    data = application_pdf(content) if fmt == "pdf" else application_xlsx(content)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(plan, fmt)}"'
    # built from what the reader may see now: never kept by a shared cache
    response["Cache-Control"] = "private, no-store"
    return response
