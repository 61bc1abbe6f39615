"""The suite's own checks must be able to fail: axe-core reports a known violation, and a
page without a working skip link or visible focus is caught."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page
from tests.browser.helpers import (
    PageProblems,
    assert_axe_clean,
    assert_focus_visible,
    assert_no_horizontal_scroll,
    assert_skip_link_and_focus,
    axe_violations,
    new_page,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def blank_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(bypass_csp=True)
    context.route("**/*", lambda route: route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()


def test_axe_reports_an_image_without_alt_text(blank_page: Page) -> None:
    blank_page.set_content(
        '<!doctype html><html lang="da"><title>T</title><main><h1>T</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">'
        "</main></html>"
    )

    violations = axe_violations(blank_page)

    assert [(v["id"], v["nodes"][0]["target"]) for v in violations] == [("image-alt", ["img"])]
    with pytest.raises(pytest.fail.Exception, match=r"image-alt \(critical\)"):
        assert_axe_clean(blank_page)


def test_a_page_without_a_skip_link_is_caught(blank_page: Page) -> None:
    blank_page.set_content(
        '<!doctype html><html lang="da"><title>T</title>'
        '<nav><a href="/a">A</a></nav><main><h1>T</h1><a href="/b">B</a></main></html>'
    )

    with pytest.raises(AssertionError, match="not a skip link"):
        assert_skip_link_and_focus(blank_page)


def test_a_focus_without_outline_is_caught(blank_page: Page) -> None:
    blank_page.set_content(
        '<!doctype html><html lang="da"><title>T</title>'
        "<style>a:focus { outline: none; box-shadow: none; }</style>"
        '<main><h1>T</h1><a href="/b">B</a></main></html>'
    )
    blank_page.keyboard.press("Tab")

    with pytest.raises(AssertionError, match="has no visible focus"):
        assert_focus_visible(blank_page)


def test_a_page_wider_than_the_screen_is_caught(blank_page: Page) -> None:
    blank_page.set_viewport_size({"width": 375, "height": 700})
    blank_page.set_content(
        '<!doctype html><html lang="da"><title>T</title>'
        '<main><h1>T</h1><table id="wide" style="width: 600px"><tr><td>x</td></tr></table>'
        "</main></html>"
    )

    with pytest.raises(
        pytest.fail.Exception, match=r"608 px wide\. Too wide: table#wide right=608"
    ):
        assert_no_horizontal_scroll(blank_page)


def test_problems_on_a_page_fail_the_test(
    browser: Browser, live_server: Any, django_db_serialized_rollback: None
) -> None:
    """A missing static file, a console error and a request to another host are all caught
    (the other host's request is blocked, never sent). Serialized rollback like the other
    live-server tests: a plain flush would re-create the content types under new keys, and the
    next test's restore would clash with them."""
    problems = PageProblems(urlsplit(live_server.url).netloc)
    pages = new_page(browser, problems)
    page = next(pages)
    page.goto(live_server.url + "/static/web/css/boligsocial.css")
    page.set_content(
        '<!doctype html><html lang="da"><title>T</title>'
        '<link rel="stylesheet" href="/static/web/css/missing.css">'
        '<img src="https://example.org/x.png" alt="x">'
        '<script>console.error("boom")</script></html>'
    )

    with pytest.raises(AssertionError) as caught:
        next(pages, None)

    message = str(caught.value)
    assert f"error response: 404 GET {live_server.url}/static/web/css/missing.css" in message
    assert "blocked request to another host: https://example.org/x.png" in message
    assert "console error: boom" in message


def test_a_skip_link_that_stays_off_screen_is_caught(blank_page: Page) -> None:
    blank_page.set_content(
        '<!doctype html><html lang="da"><title>T</title>'
        '<a href="#main" style="position: absolute; top: -100px">Gå til indhold</a>'
        '<main id="main" tabindex="-1"><h1>T</h1><a href="/b">B</a></main></html>'
    )

    with pytest.raises(pytest.fail.Exception, match="is not on screen when it has the focus"):
        assert_skip_link_and_focus(blank_page)


def test_a_good_skip_link_passes(blank_page: Page) -> None:
    blank_page.set_content(
        '<!doctype html><html lang="da"><title>T</title>'
        '<a href="#main">Gå til indhold</a><nav><a href="/a">A</a></nav>'
        '<main id="main" tabindex="-1"><h1>T</h1><a href="/b">B</a></main></html>'
    )

    assert_skip_link_and_focus(blank_page)
