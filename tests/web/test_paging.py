"""The page links of the lists shown a page at a time (`?side=`): they keep the list's filter,
and the first page has no `side`."""

from django.core.paginator import Paginator
from django.http import QueryDict

from boligsocial.web.paging import page_links, page_url


def test_a_page_url_keeps_the_filter_and_the_first_page_has_no_side() -> None:
    assert page_url("/intern/", {"q": "nord by"}, 2) == "/intern/?q=nord+by&side=2"
    assert page_url("/intern/", {"q": "nord by"}, 1) == "/intern/?q=nord+by"
    assert page_url("/intern/", {}, 1) == "/intern/"


def test_a_query_string_keeps_every_value_and_loses_its_old_side() -> None:
    query = QueryDict("kommune=101&kommune=147&side=3&sort=name")
    assert page_url("/omraader/", query, 4) == "/omraader/?kommune=101&kommune=147&sort=name&side=4"
    assert query["side"] == "3"  # the request's own query is not changed


def test_the_links_are_none_at_either_end() -> None:
    paginator = Paginator(range(5), 2)
    first, middle, last = (paginator.page(n) for n in (1, 2, 3))
    assert page_links("/", {}, first) == {"previous_url": None, "next_url": "/?side=2"}
    assert page_links("/", {}, middle) == {"previous_url": "/", "next_url": "/?side=3"}
    assert page_links("/", {}, last) == {"previous_url": "/?side=2", "next_url": None}
