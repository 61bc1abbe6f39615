"""A plan's or an area's address never dies (docs/decisions/0012-addresses-and-downloads.md).

When a plan or an area is renamed, its service gives it a new slug and keeps the old one in
`PlanSlugHistory` / `AreaSlugHistory`. Any page address that would answer 404 and names a
former slug (`/planer/<old>/`, `/intern/planer/<old>/rediger/`, `/omraader/<old>/`, …) answers
301 to the same address with the current slug, query string kept. Only GET and HEAD are
redirected (a form posted to an old address is not silently re-sent), and a plan the visitor
may not read stays a 404, so an old address never reveals an unpublished plan's new name.

This is middleware rather than a line in each view so that every address with a plan's slug,
public or internal, behaves the same without each view having to remember it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse

from boligsocial.accounts.selectors import can_read_plan
from boligsocial.areas.selectors import area_by_former_slug
from boligsocial.plans.selectors import plan_by_former_slug

PLAN_ROUTES = ("planer/", "intern/planer/")
AREA_URL_NAMES = frozenset({"area_detail"})


def current_address(request: HttpRequest) -> str | None:
    """The address `request` should be redirected to because it names a former slug."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    slug = match.kwargs.get("slug")
    if match.namespace != "web" or not slug:
        return None
    current: str | None = None
    if match.url_name in AREA_URL_NAMES:
        area = area_by_former_slug(slug)
        current = area.slug if area else None
    elif match.route.startswith(PLAN_ROUTES):
        plan = plan_by_former_slug(slug)
        current = plan.slug if plan and can_read_plan(request.user, plan) else None
    if not current or current == slug:
        return None
    url = reverse(
        f"{match.namespace}:{match.url_name}",
        args=match.args,
        kwargs={**match.kwargs, "slug": current},
    )
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


class FormerAddressMiddleware:
    """Turns the 404 of a former plan or area address into a 301 to the current one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = current_address(request)
        return HttpResponsePermanentRedirect(target) if target else response
