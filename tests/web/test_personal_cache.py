"""The personal page cache (docs/decisions/0014): the logged-in overview and the API's reads for
a session are served from a cache per session and data version; never to another session or
user, never stale after a write on any worker, never with a message or a CSRF token that is
not the reader's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.test import Client, RequestFactory
from tests import factories as f
from tests.web.conftest import World
from tests.web.conftest import logged_in as logged_in_without_csrf_cookie
from tests.web.test_page_cache import two_workers

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.plans.models import Plan
from boligsocial.plans.services import plan_update
from boligsocial.web.page_cache import HEADER, PERSONAL_HEADER

pytestmark = pytest.mark.django_db

DASHBOARD = "/intern/"
PLANS_API = "/api/v1/plans/"


def logged_in(user: Any) -> Client:
    """Logged in, with the CSRF cookie a browser has after the login form (a page that makes a
    new CSRF secret is not stored: test_the_first_page_of_a_new_csrf_cookie_is_not_stored)."""
    client = logged_in_without_csrf_cookie(user)
    assert PERSONAL_HEADER not in client.get(DASHBOARD)
    assert django_settings.CSRF_COOKIE_NAME in client.cookies
    return client


def get(client: Client, url: str, settings: Any = None, alias: str = "", **extra: Any) -> Any:
    if alias:
        settings.PAGE_CACHE_ALIAS = alias
    response = client.get(url, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response


def counts(response: Any) -> str:
    found = re.search(r'<p id="dashboard-counts">(.*?)</p>', response.content.decode(), re.S)
    assert found is not None
    return " ".join(found.group(1).split())


def api_names(response: Any) -> list[str]:
    return sorted(p["name"] for p in response.json()["results"])


@pytest.mark.parametrize("url", [DASHBOARD, f"{DASHBOARD}?q=Testparken", PLANS_API])
def test_a_second_request_of_the_same_session_is_a_hit_that_renders_nothing(
    world: World, url: str, django_assert_num_queries
):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    first = get(client, url)
    assert first[PERSONAL_HEADER] == "miss"
    with django_assert_num_queries(3):  # session, user, data version
        second = get(client, url)
    assert second[PERSONAL_HEADER] == "hit"
    assert HEADER not in second  # not the public cache
    assert second.content == first.content
    for name in ("Content-Type", "Content-Language", "Vary", "X-Frame-Options"):
        assert second[name] == first[name], name
    assert second.cookies == {}


def test_each_user_gets_their_own_overview_and_plans(world: World):
    hidden = f.PlanFactory(name="Upubliceret plan", published=False)
    admin_user = f.user_with_role(Role.SECRETARIAT_ADMIN)
    leader_user = f.user_with_role(Role.PLAN_LEADER, plan=world.plan)
    admin, leader = logged_in(admin_user), logged_in(leader_user)
    for _ in range(2):  # a miss each, then a hit each, in turns
        admin_page, leader_page = get(admin, DASHBOARD), get(leader, DASHBOARD)
        assert f"Logget ind som {admin_user.username}" in admin_page.content.decode()
        assert f"Logget ind som {leader_user.username}" in leader_page.content.decode()
        assert hidden.name in admin_page.content.decode()
        assert hidden.name not in leader_page.content.decode()
        assert api_names(get(admin, PLANS_API)) == sorted([world.plan.name, hidden.name])
        assert api_names(get(leader, PLANS_API)) == [world.plan.name]
    assert get(admin, DASHBOARD)[PERSONAL_HEADER] == "hit"
    # Nothing of theirs reaches an anonymous visitor, whose answer comes from the public cache.
    anonymous = Client()
    assert api_names(get(anonymous, PLANS_API)) == [world.plan.name]
    assert get(anonymous, PLANS_API)[HEADER] == "hit"
    assert get(anonymous, DASHBOARD.rstrip("/") + "/", follow=True).redirect_chain


def test_another_session_of_the_same_user_has_its_own_entry(world: World):
    user = f.user_with_role(Role.SECRETARIAT_ADMIN)
    first, second = logged_in(user), logged_in(user)
    get(first, DASHBOARD)
    assert get(first, DASHBOARD)[PERSONAL_HEADER] == "hit"
    assert get(second, DASHBOARD)[PERSONAL_HEADER] == "miss"


def test_a_write_is_seen_at_once_through_every_worker(world: World, settings):
    a, b = two_workers(settings)
    admin = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    for alias in (a, b):
        for url in (DASHBOARD, PLANS_API):
            get(admin, url, settings, alias)
            assert get(admin, url, settings, alias)[PERSONAL_HEADER] == "hit"
    plan_update(plan=world.plan, data={"name": "Helhedsplan for Nyparken"})
    for alias in (b, a):
        page = get(admin, DASHBOARD, settings, alias)
        assert page[PERSONAL_HEADER] == "miss"
        assert "Helhedsplan for Nyparken" in page.content.decode()
        assert "Helhedsplan for Testparken" not in page.content.decode()
        assert api_names(get(admin, PLANS_API, settings, alias)) == ["Helhedsplan for Nyparken"]
    # a write without a service (no signal) too
    Plan.objects.filter(pk=world.plan.pk).update(name="Omdøbt plan")
    for alias in (a, b):
        assert "Omdøbt plan" in get(admin, DASHBOARD, settings, alias).content.decode()


def test_a_new_role_is_seen_at_once(world: World, settings):
    a, b = two_workers(settings)
    hidden = f.PlanFactory(name="Upubliceret plan", published=False)
    user = f.user_with_role(Role.PLAN_LEADER, plan=world.plan)
    client = logged_in(user)
    for alias in (a, b):
        assert hidden.name not in get(client, DASHBOARD, settings, alias).content.decode()
        assert hidden.name not in api_names(get(client, PLANS_API, settings, alias))
    RoleAssignment.objects.create(user=user, role=Role.PLAN_LEADER, plan=hidden)
    for alias in (b, a):
        assert hidden.name in get(client, DASHBOARD, settings, alias).content.decode()
        assert hidden.name in api_names(get(client, PLANS_API, settings, alias))


def test_a_change_of_the_users_flags_is_seen_at_once(world: World):
    """The auth table has no version trigger for is_superuser; the key holds the flags."""
    hidden = f.PlanFactory(name="Upubliceret plan", published=False)
    user = f.UserFactory()
    client = logged_in(user)
    get(client, DASHBOARD)
    assert hidden.name not in get(client, DASHBOARD).content.decode()
    get_user_model()._default_manager.filter(pk=user.pk).update(is_superuser=True)
    page = get(client, DASHBOARD)
    assert page[PERSONAL_HEADER] == "miss"
    assert hidden.name in page.content.decode()


def test_after_logging_out_the_old_session_gets_no_cached_page(world: World):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    get(client, DASHBOARD)
    assert get(client, DASHBOARD)[PERSONAL_HEADER] == "hit"
    old = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.post("/log-ud/")
    thief = Client()
    thief.cookies[django_settings.SESSION_COOKIE_NAME] = old
    response = thief.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")
    response = thief.get(PLANS_API)
    assert PERSONAL_HEADER not in response
    assert "Upubliceret" not in response.content.decode()


def test_a_cached_page_holds_a_csrf_token_the_session_can_post_with(world: World):
    user = f.user_with_role(Role.SECRETARIAT_ADMIN)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    get(client, DASHBOARD)  # sets the CSRF cookie: not stored
    get(client, DASHBOARD)
    cached = get(client, DASHBOARD)
    assert cached[PERSONAL_HEADER] == "hit"
    token = re.search(r'"X-CSRFToken": "([^"]+)"', cached.content.decode())
    assert token is not None
    response = client.post("/log-ud/", HTTP_X_CSRFTOKEN=token.group(1))
    assert response.status_code == 302  # logged out, not 403


def test_the_first_page_of_a_new_csrf_cookie_is_not_stored(world: World):
    client = Client()
    client.force_login(f.user_with_role(Role.SECRETARIAT_ADMIN))
    first = get(client, DASHBOARD)
    assert django_settings.CSRF_COOKIE_NAME in first.cookies  # a new secret
    assert PERSONAL_HEADER not in first
    assert get(client, DASHBOARD)[PERSONAL_HEADER] == "miss"
    assert get(client, DASHBOARD)[PERSONAL_HEADER] == "hit"


def _message_cookie(text: str) -> str:
    storage = CookieStorage(RequestFactory().get("/"))
    encoded = storage._encode([Message(constants.SUCCESS, text)])
    assert encoded is not None
    return encoded


def test_a_pending_message_is_shown_and_never_cached(world: World):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    get(client, DASHBOARD)
    assert get(client, DASHBOARD)[PERSONAL_HEADER] == "hit"
    client.cookies["messages"] = _message_cookie("Planen blev gemt.")
    shown = get(client, DASHBOARD)
    assert PERSONAL_HEADER not in shown
    assert "Planen blev gemt." in shown.content.decode()
    assert shown.cookies["messages"]["max-age"] == 0  # a browser forgets it; the client not
    del client.cookies["messages"]
    again = get(client, DASHBOARD)  # the message was shown once
    assert again[PERSONAL_HEADER] == "hit"
    assert "Planen blev gemt." not in again.content.decode()
    # messages kept in the session (the rest of a list too large for the cookie, which then
    # says so) are not served from the cache either
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    session["_messages"] = SessionStorage(request).serialize_messages(
        [Message(constants.SUCCESS, "Gemt i sessionen.")]
    )
    session.save()
    assert PERSONAL_HEADER not in get(client, DASHBOARD)


def test_basic_authentication_and_the_browsable_api_are_not_cached(world: World):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    for _ in range(2):
        assert PERSONAL_HEADER not in client.get(PLANS_API, HTTP_AUTHORIZATION="Basic eDp5")
        html = client.get(PLANS_API, HTTP_ACCEPT="text/html")
        assert html.status_code == 200
        assert PERSONAL_HEADER not in html


def test_an_other_cookie_or_a_write_method_bypasses_it(world: World):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    get(client, DASHBOARD)
    assert get(client, DASHBOARD)[PERSONAL_HEADER] == "hit"
    client.cookies["tracker"] = "x"
    assert PERSONAL_HEADER not in get(client, DASHBOARD)


def test_each_language_has_its_own_entry(world: World):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    assert "Du kan læse" in counts(get(client, DASHBOARD))
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = get(client, DASHBOARD)
    assert english[PERSONAL_HEADER] == "miss"
    assert "You can read" in counts(english)
    assert "You can read" in counts(get(client, DASHBOARD))


def test_it_is_off_with_the_page_cache(world: World, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    for _ in range(2):
        assert PERSONAL_HEADER not in get(client, DASHBOARD)
