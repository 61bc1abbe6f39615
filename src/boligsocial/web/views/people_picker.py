"""The people picker of "Ny helhedsplan": the plan's working group is chosen from the people
register with a search, as the afdelinger are (decision 0025). A national register holds
thousands of people, so the form never lists them: the chosen ones stay ticked, a search shows
the first matches and how many there are. Only the people the user may read are searched."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import can_create_plan, people_readable_by
from boligsocial.core.numbers import ID_MAX
from boligsocial.governance.selectors import person_search

# How many people one search shows; a narrower search finds the rest.
PEOPLE_LIMIT = 25


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit() and int(v) <= ID_MAX]


def person_picker_context(data: QueryDict, user: Any) -> dict[str, Any]:
    """The chosen people (`working_group` in `data`) the user may read and, for the text
    `person_search`, the first PEOPLE_LIMIT others that match, with how many match in all."""
    readable = people_readable_by(user)
    chosen_ids = _ids(data.getlist("working_group"))
    chosen = list(
        readable.filter(pk__in=chosen_ids).select_related("employer").order_by("name", "pk")
    )
    text = data.get("person_search", "").strip()[:200]
    found = person_search(text, readable).exclude(pk__in=chosen_ids)
    results = list(found[:PEOPLE_LIMIT]) if text else []
    count = found.count() if text and len(results) == PEOPLE_LIMIT else len(results)
    return {
        "people_chosen": chosen,
        "people_results": results,
        "person_search_text": text,
        "people_match_count": count,
        "people_limit": PEOPLE_LIMIT,
    }


@login_required
@require_GET
def person_picker(request: HttpRequest) -> HttpResponse:
    """The picker's lists for a search typed in the create form (htmx swaps them in as the
    user types); the chosen people stay chosen."""
    if not can_create_plan(request.user):
        raise PermissionDenied(_("Only the secretariat and housing organisations create plans."))
    return render(
        request, "web/plans/person_picker.html", person_picker_context(request.GET, request.user)
    )
