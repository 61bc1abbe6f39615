"""The browser suite: the real pages in headless Chromium (Debian's package, driven by
Playwright with `executable_path`), checked with axe-core against WCAG 2.1 A and AA.

One browser for the session, a fresh context (cookies, language) per test. Every request that
is not to the live server is blocked, so the pages must work without the internet; a console
error, a failed request or an error response from the live server fails the test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from tests.browser.helpers import (
    AXE_JS,
    LEADER_PASSWORD,
    LEADER_USERNAME,
    Demo,
    PageProblems,
    new_page,
)

# Playwright's sync API runs an event loop in this thread; Django refuses database access
# from a thread with a running loop unless told that it is safe (it is: one thread, no awaits).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# --- the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright_driver(django_db_setup: None) -> Iterator[Playwright]:
    """Playwright's sync API leaves an asyncio loop running in this thread. From then on Django
    keeps its database connections per context instead of per thread, and would open new
    connection objects without the serialized copy of the test database that serialized
    rollback restores (so every test after the first would find no reference data). Hand the
    thread's existing connections over to the new storage."""
    from django.db import connections

    existing = {alias: connections[alias] for alias in connections}
    driver = sync_playwright().start()
    for alias, connection in existing.items():
        connections[alias] = connection
    try:
        yield driver
    finally:
        driver.stop()


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, launched once. Missing Chromium or axe-core is an error, not a skip:
    CI must run these tests."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser suite needs Debian's Chromium. "
            "Install it with `apt-get install chromium` (CI does this in .ci/run), "
            "or deselect the suite with `-m 'not browser'`.",
            pytrace=False,
        )
    if not AXE_JS.exists():
        pytest.fail(
            f"{AXE_JS} is missing: run `npm ci` (or `make assets`) to install axe-core.",
            pytrace=False,
        )
    # As root Chromium needs --no-sandbox; the networking flags stop it phoning home.
    chromium = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()


# --- data -------------------------------------------------------------------------------------


@pytest.fixture
def demo(django_db_serialized_rollback: None, live_server: Any, settings: Any) -> Demo:
    """The demo data in the live server's database. The database is flushed after each
    transactional test, so the reference data from the migrations is restored first
    (serialized rollback) and the demo data loaded on top."""
    from boligsocial.demo.load import load_demo
    from boligsocial.plans.models import Plan
    from boligsocial.site.models import SiteProfile

    # The demo users' passwords are hashed on every load; a fast hasher saves ~1.5 s a test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    plan = Plan.objects.filter(published=True).order_by("name").first()
    assert plan is not None, "the demo data has no published plan"
    profile = SiteProfile.objects.order_by("pk").first()
    assert profile is not None, "the demo data has no site profile"
    return Demo(
        plan_id=plan.pk,
        plan_name=plan.name,
        plan_slug=plan.slug,
        site_title_da=profile.title_da,
        site_title_en=profile.title_en or profile.title_da,
    )


@pytest.fixture
def plan_leader(demo: Demo) -> Any:
    """A user who leads the demo's first published plan (and nothing else)."""
    from django.contrib.auth import get_user_model

    from boligsocial.accounts.models import Role, RoleAssignment

    user = get_user_model().objects.create(username=LEADER_USERNAME)
    user.set_password(LEADER_PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.PLAN_LEADER, plan_id=demo.plan_id)
    return user


@pytest.fixture
def page_problems(live_server: Any) -> PageProblems:
    return PageProblems(urlsplit(live_server.url).netloc)


@pytest.fixture
def page(browser: Browser, page_problems: PageProblems, demo: Demo) -> Iterator[Page]:
    """A new browser context and page, Danish by default, with the demo data loaded."""
    yield from new_page(browser, page_problems)


@pytest.fixture
def phone_page(browser: Browser, page_problems: PageProblems, demo: Demo) -> Iterator[Page]:
    """A page the width of a small phone."""
    yield from new_page(
        browser,
        page_problems,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
