"""Lists shown a page at a time (`?side=`): the addresses of the pages before and after the
one shown, which keep the list's filter or search."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.paginator import Page
from django.http import QueryDict


def page_url(path: str, query: Mapping[str, str] | QueryDict, number: int) -> str:
    """The address of page `number` of the list at `path` with the filter `query`; the first
    page has no `side`."""
    if isinstance(query, QueryDict):
        params = query.copy()
    else:
        params = QueryDict(mutable=True)
        params.update(query)
    params.pop("side", None)
    if number > 1:
        params["side"] = str(number)
    encoded = params.urlencode()
    return f"{path}?{encoded}" if encoded else path


def page_links(
    path: str, query: Mapping[str, str] | QueryDict, page: Page[Any]
) -> dict[str, str | None]:
    """`previous_url` and `next_url` of `page` for the template (None at either end)."""
    return {
        "previous_url": page_url(path, query, page.previous_page_number())
        if page.has_previous()
        else None,
        "next_url": page_url(path, query, page.next_page_number()) if page.has_next() else None,
    }
