"""What the browser tests share: watching a page for problems, axe-core, and the things a
keyboard user or a visitor does (skip link, focus, language switch)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LEADER_USERNAME = "browser-planleder"
LEADER_PASSWORD = "Gron-Gaard-Lampe-91"


@dataclass
class Demo:
    """What the tests need to find in the loaded data."""

    plan_id: int
    plan_name: str
    plan_slug: str
    site_title_da: str
    site_title_en: str


# --- the page ---------------------------------------------------------------------------------


class PageProblems:
    """Everything that went wrong while a page was driven: console errors, uncaught
    exceptions, failed requests and error responses from the live server, and any attempt to
    reach another host (blocked)."""

    def __init__(self, host: str) -> None:
        self.host = host
        self.items: list[str] = []

    def is_local(self, url: str) -> bool:
        return urlsplit(url).netloc == self.host

    def route(self, route: Route) -> None:
        url = route.request.url
        if self.is_local(url) or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.items.append(f"blocked request to another host: {url}")
            route.abort()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            text = message.text
            # The browser logs an error for every 4xx/5xx response; `response` below reports
            # those with their URL.
            if text.startswith("Failed to load resource: the server responded with a status"):
                return
            location = message.location.get("url", "")
            self.items.append(f"console error: {text} ({location})")

    def page_error(self, error: Exception) -> None:
        self.items.append(f"uncaught JavaScript error: {error}")

    def request_failed(self, request: Request) -> None:
        # The browser cancels what it is still fetching (the page's icon, a font, the icon
        # sprite) when the test moves on or closes the page at once: that is not a problem of
        # the page. A missing file is an error response, and a broken server another failure.
        if request.failure == "net::ERR_ABORTED":
            return
        if self.is_local(request.url):
            self.items.append(f"request failed: {request.method} {request.url} {request.failure}")

    def response(self, response: Response) -> None:
        if self.is_local(response.url) and response.status >= 400:
            self.items.append(
                f"error response: {response.status} {response.request.method} {response.url}"
            )


def new_page(browser: Browser, problems: PageProblems, **context_options: Any) -> Iterator[Page]:
    """A fresh context and page that report every problem to `problems`; when the generator is
    resumed it closes the context and fails if there were any."""
    options: dict[str, Any] = {
        "locale": "da-DK",
        "viewport": {"width": 1280, "height": 900},
        "bypass_csp": True,  # axe-core is injected as an inline script
        "service_workers": "block",
    }
    options.update(context_options)
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    context.route("**/*", problems.route)
    page = context.new_page()
    page.on("console", problems.console)
    page.on("pageerror", problems.page_error)
    page.on("requestfailed", problems.request_failed)
    page.on("response", problems.response)
    try:
        yield page
    finally:
        context.close()
    assert not problems.items, "the page had problems:\n  " + "\n  ".join(problems.items)


# --- axe --------------------------------------------------------------------------------------


def format_violations(violations: list[dict[str, Any]], where: str) -> str:
    lines = [f"axe-core found {len(violations)} WCAG 2.1 A/AA violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"<{violation.get('helpUrl', '')}>"
        )
        for node in violation["nodes"]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else t for t in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary}")
            lines.append(f"      html: {node.get('html', '')[:200]}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: "tag", values: tags},
            resultTypes: ["violations"],
        })""",
        AXE_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def assert_axe_clean(page: Page) -> None:
    """Zero axe-core violations of WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    violations = axe_violations(page)
    if violations:
        where = f"{page.url} ({page.title()!r})"
        pytest.fail(format_violations(violations, where), pytrace=False)


# --- keyboard, landmarks, language ------------------------------------------------------------

_FOCUS_STYLE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const describe = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.className && typeof el.className === "string"
           ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    return {
        element: describe,
        text: (el.innerText || el.value || "").trim().slice(0, 60),
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        boxShadow: style.boxShadow,
    };
}"""


def focused_style(page: Page) -> dict[str, str] | None:
    style: dict[str, str] | None = page.evaluate(_FOCUS_STYLE_JS)
    return style


def assert_focus_visible(page: Page) -> None:
    """The focused element shows where the focus is: an outline or a box shadow."""
    style = focused_style(page)
    assert style is not None, f"nothing has the keyboard focus on {page.url}"
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] not in ("0px", "")
    has_shadow = style["boxShadow"] != "none"
    assert has_outline or has_shadow, (
        f"the focused element {style['element']} ({style['text']!r}) on {page.url} has no "
        f"visible focus: outline {style['outlineStyle']} {style['outlineWidth']}, "
        f"box-shadow {style['boxShadow']}"
    )


def assert_one_main_landmark(page: Page) -> None:
    count = page.locator("main, [role='main']").count()
    assert count == 1, f"{page.url} has {count} main landmarks, not 1"


def assert_h1(page: Page, text: str) -> None:
    h1 = page.locator("h1")
    assert h1.count() == 1, f"{page.url} has {h1.count()} h1 elements, not 1"
    shown = " ".join(h1.inner_text().split())
    assert shown == text, f"the h1 of {page.url} is {shown!r}, not {text!r}"


def assert_skip_link_and_focus(page: Page) -> None:
    """From the top of the page: Tab reaches the skip link first and shows the focus, Enter
    moves the focus to the main landmark, and the next Tab lands inside main, visibly."""
    page.keyboard.press("Tab")
    style = focused_style(page)
    assert style is not None, f"Tab focused nothing on {page.url}"
    skip = page.evaluate(
        """() => {
            const el = document.activeElement;
            const href = el.getAttribute("href") || "";
            return {tag: el.tagName, href: href, text: el.innerText.trim()};
        }"""
    )
    not_skip_link = (
        f"the first Tab on {page.url} focused {style['element']} ({style['text']!r}), "
        "not a skip link"
    )
    assert skip["tag"] == "A", not_skip_link
    assert skip["href"].startswith("#"), not_skip_link
    # The design system slides the skip link in with a 0.2 s transition.
    try:
        page.wait_for_function(
            """() => {
                const r = document.activeElement.getBoundingClientRect();
                return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                    && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
            }""",
            timeout=2_000,
        )
    except PlaywrightTimeoutError:
        pytest.fail(
            f"the skip link on {page.url} is not on screen when it has the focus", pytrace=False
        )
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement !== document.body"
    )
    in_main = page.evaluate(
        """() => {
            const el = document.activeElement;
            return el.tagName === "MAIN" || el.getAttribute("role") === "main";
        }"""
    )
    assert in_main, (
        f"the skip link {skip['text']!r} ({skip['href']}) on {page.url} did not move the focus "
        f"to main; it is on {focused_style(page)}"
    )
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => document.activeElement.closest(\"main, [role='main']\") !== null"
    ), f"Tab after the skip link on {page.url} left main: {focused_style(page)}"
    assert_focus_visible(page)


def switch_language(page: Page, to: str) -> None:
    """Use the page's language switch, as a person would, and wait for the page to come back
    in that language. `to` is the name of the language in itself, e.g. "English"."""
    before = page.evaluate("() => document.documentElement.lang")
    page.get_by_role("button", name=to).click()
    page.wait_for_function("(before) => document.documentElement.lang !== before", arg=before)
    page.wait_for_load_state("load")


def assert_no_horizontal_scroll(page: Page) -> None:
    # Measured once the page and its stylesheets have loaded: right after a click the address
    # may have changed while the CSS that wraps long words is still on its way (seen on a loaded
    # CI machine: an unstyled history entry 48,961 px wide).
    page.wait_for_load_state("load")
    sizes = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    if sizes["scroll"] > sizes["inner"]:
        wide = page.evaluate(
            """(limit) => Array.from(document.querySelectorAll("body *"))
                .filter(el => el.getBoundingClientRect().right > limit + 0.5)
                .filter(el => !el.parentElement
                    || el.parentElement.getBoundingClientRect().right <= limit + 0.5)
                .slice(0, 8)
                .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                     + (typeof el.className === "string" && el.className.trim()
                        ? "." + el.className.trim().split(/\\s+/).join(".") : "")
                     + " right=" + Math.round(el.getBoundingClientRect().right))""",
            sizes["inner"],
        )
        pytest.fail(
            f"{page.url} scrolls sideways at {sizes['inner']} px: the document is "
            f"{sizes['scroll']} px wide. Too wide: {', '.join(wide)}",
            pytrace=False,
        )
