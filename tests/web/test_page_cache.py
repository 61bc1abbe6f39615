"""The public page cache (docs/decisions/0014): never stale after a write on any worker or app
server, one entry per language, nothing personal or with a CSRF token shared."""

from __future__ import annotations

import base64
import socket
import uuid
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from tests import factories as f
from tests.web.conftest import PASSWORD, World, logged_in
from tests.web.test_internal import EDIT, plan_post_data

from boligsocial.accounts.models import Role
from boligsocial.core import data_version
from boligsocial.plans.models import Plan
from boligsocial.plans.services import plan_update
from boligsocial.site.models import SiteProfile
from boligsocial.web.csp import HEADER as CSP
from boligsocial.web.page_cache import HEADER, PageCacheMiddleware

pytestmark = pytest.mark.django_db

PLAN_URL = "/planer/helhedsplan-testparken/"
PUBLIC_URLS = (
    "/",
    PLAN_URL,
    "/omraader/",
    "/omraader/testparken/",
    "/sekretariatet/",
    "/finansiering/",
    "/datakatalog/",
    "/api/v1/plans/",
    "/api/v1/areas/",
)


def two_workers(settings: Any) -> tuple[str, str]:
    """Two cache aliases with separate memories, as two gunicorn workers (or two app servers
    with a cache each) have; `settings.PAGE_CACHE_ALIAS` says which one a request goes to."""
    settings.CACHES = {
        **settings.CACHES,
        "worker_a": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"a-{uuid.uuid4()}",
        },
        "worker_b": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"b-{uuid.uuid4()}",
        },
    }
    return "worker_a", "worker_b"


def get(client: Client, url: str, settings: Any, alias: str, **headers: Any) -> Any:
    settings.PAGE_CACHE_ALIAS = alias
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response


def test_a_second_anonymous_request_is_served_from_the_cache_with_the_same_headers(
    client: Client, world: World, django_assert_num_queries
):
    for url in PUBLIC_URLS:
        first = client.get(url)
        assert first[HEADER] == "miss", url
        with django_assert_num_queries(1):  # the data version only
            second = client.get(url)
        assert second[HEADER] == "hit", url
        assert second.content == first.content
        for name in ("Content-Type", "Content-Language", "Vary", "X-Frame-Options"):
            assert second[name] == first[name], (url, name)
        assert second["Content-Security-Policy"] == CSP
        assert second.cookies == {}


def test_an_edit_is_seen_at_once_through_every_worker(client: Client, world: World, settings):
    a, b = two_workers(settings)
    for alias in (a, b):
        assert "Testvej 1, 8000 Aarhus C" in get(client, PLAN_URL, settings, alias).content.decode()
        assert get(client, PLAN_URL, settings, alias)[HEADER] == "hit"
    # an edit through the service, as the web form and the API do it, on "worker a"
    plan_update(plan=world.plan, data={"office_address": "Nyvej 2, 8000 Aarhus C"})
    for alias in (b, a):
        response = get(client, PLAN_URL, settings, alias)
        assert response[HEADER] == "miss"
        html = response.content.decode()
        assert "Nyvej 2, 8000 Aarhus C" in html
        assert "Testvej 1" not in html


def test_an_edit_through_the_web_form_is_seen_by_the_next_anonymous_visitor(
    client: Client, world: World, settings
):
    a, b = two_workers(settings)
    assert "Testvej 1" in get(client, PLAN_URL, settings, b).content.decode()
    editor = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    settings.PAGE_CACHE_ALIAS = a
    response = editor.post(
        EDIT, plan_post_data(world.plan, office_address="Formvej 3, 8000 Aarhus C")
    )
    assert response.status_code == 302
    # Saving the form gives the plan the address its name makes; the old one, cached a moment
    # ago, now redirects there.
    world.plan.refresh_from_db()
    new_url = f"/planer/{world.plan.slug}/"
    assert new_url != PLAN_URL
    settings.PAGE_CACHE_ALIAS = b
    assert client.get(PLAN_URL)["Location"] == new_url
    response = get(client, new_url, settings, b)
    assert response[HEADER] == "miss"
    assert "Formvej 3, 8000 Aarhus C" in response.content.decode()


def test_an_api_list_is_never_stale_after_a_write_on_another_worker(
    client: Client, world: World, settings
):
    a, b = two_workers(settings)
    for alias in (a, b):
        names = [
            p["name"] for p in get(client, "/api/v1/plans/", settings, alias).json()["results"]
        ]
        assert names == ["Helhedsplan for Testparken"]
    Plan.objects.filter(pk=world.plan.pk).update(name="Omdøbt plan")  # no service, no signal
    for alias in (b, a):
        response = get(client, "/api/v1/plans/", settings, alias)
        assert response[HEADER] == "miss"
        assert [p["name"] for p in response.json()["results"]] == ["Omdøbt plan"]


def test_an_admin_change_of_the_site_profile_is_seen_on_every_page(
    client: Client, world: World, settings
):
    a, b = two_workers(settings)
    for alias in (a, b):
        assert "Demodata" in get(client, "/finansiering/", settings, alias).content.decode()
    SiteProfile.objects.update(demo_notice=False)
    for alias in (a, b):
        assert "Demodata" not in get(client, "/finansiering/", settings, alias).content.decode()


def test_two_app_servers_share_one_redis_cache_and_an_edit_is_seen_on_both(
    client: Client, world: World, settings
):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4()}"
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": prefix,
    }
    # Two aliases: two separate clients of the same server, as two app servers have.
    settings.CACHES = {**settings.CACHES, "server_1": redis, "server_2": dict(redis)}
    try:
        assert get(client, PLAN_URL, settings, "server_1")[HEADER] == "miss"
        assert get(client, PLAN_URL, settings, "server_2")[HEADER] == "hit"  # shared
        plan_update(plan=world.plan, data={"office_address": "Redisvej 4, 8000 Aarhus C"})
        response = get(client, PLAN_URL, settings, "server_2")
        assert response[HEADER] == "miss"
        assert "Redisvej 4" in response.content.decode()
        assert get(client, PLAN_URL, settings, "server_1")[HEADER] == "hit"
    finally:
        # Only this test's keys: the Redis server may be shared.
        redis_client = caches["server_1"]._cache.get_client(write=True)  # type: ignore[attr-defined]
        for key in redis_client.scan_iter(f"{prefix}:*"):
            redis_client.delete(key)


def test_each_language_has_its_own_entry(client: Client, world: World):
    assert '<html lang="da">' in client.get("/finansiering/").content.decode()
    english = Client()
    english.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    response = english.get("/finansiering/")
    assert response[HEADER] == "miss"
    assert '<html lang="en">' in response.content.decode()
    assert response["Content-Language"] == "en"
    response = english.get("/finansiering/")
    assert response[HEADER] == "hit"
    assert '<html lang="en">' in response.content.decode()
    danish = client.get("/finansiering/")
    assert danish[HEADER] == "hit"
    assert '<html lang="da">' in danish.content.decode()


@pytest.mark.parametrize("cookie", [None, "da", "en", "xx"])
@pytest.mark.parametrize("accept_language", [None, "da", "en", "en-GB,en;q=0.9", "fr"])
@pytest.mark.parametrize("url", ["/finansiering/", "/api/v1/plans/"])
def test_a_cached_answer_has_the_language_the_full_stack_gives(
    world: World, settings, url: str, cookie: str | None, accept_language: str | None
):
    def fetch() -> Any:
        client = Client()
        if cookie:
            client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = cookie
        headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
        return client.get(url, **headers)

    settings.PAGE_CACHE_SECONDS = 0
    uncached = fetch()
    assert HEADER not in uncached
    settings.PAGE_CACHE_SECONDS = 300
    assert fetch()[HEADER] == "miss"
    cached = fetch()
    assert cached[HEADER] == "hit"
    assert cached["Content-Language"] == uncached["Content-Language"]
    assert cached.content == uncached.content


def test_a_logged_in_page_is_never_stored_nor_served_from_the_shared_cache(
    client: Client, world: World
):
    user = f.user_with_role(Role.PLAN_LEADER, plan=world.plan)
    leader = logged_in(user)
    for _ in range(2):
        response = leader.get("/")
        assert HEADER not in response
        assert f"Logget ind som {user.username}" in response.content.decode()
    anonymous = client.get("/")
    assert anonymous[HEADER] == "miss"  # nothing was stored for the logged-in visits
    assert "Logget ind som" not in anonymous.content.decode()
    assert client.get("/")[HEADER] == "hit"
    # with an anonymous entry in the cache, the logged-in visitor still gets their own page
    response = leader.get("/")
    assert HEADER not in response
    assert f"Logget ind som {user.username}" in response.content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.content.decode()


def test_basic_authentication_is_never_answered_from_the_cache(client: Client, world: World):
    hidden = f.PlanFactory(name="Upubliceret plan", published=False)
    assert hidden.pk
    admin = f.user_with_role(Role.SECRETARIAT_ADMIN)
    assert client.get("/api/v1/plans/")[HEADER] == "miss"
    token = base64.b64encode(f"{admin.username}:{PASSWORD}".encode()).decode()
    response = client.get("/api/v1/plans/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert HEADER not in response
    assert "Upubliceret plan" in [p["name"] for p in response.json()["results"]]
    assert client.get("/api/v1/plans/")[HEADER] == "hit"


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_messages_bypasses_the_cache(
    client: Client, world: World, cookie: str
):
    assert client.get("/")[HEADER] == "miss"
    assert client.get("/")[HEADER] == "hit"
    other = Client()
    other.cookies[cookie] = "something"
    assert HEADER not in other.get("/")


def test_no_public_page_holds_a_csrf_token(client: Client, world: World):
    for url in PUBLIC_URLS[:7]:
        html = client.get(url).content.decode()
        assert "csrfmiddlewaretoken" not in html, url
        assert "X-CSRFToken" not in html, url
        assert client.get(url)[HEADER] == "hit", url


def test_a_page_with_a_form_is_never_shared(world: World):
    first, second = Client(), Client()
    page_1 = first.get("/log-ind/")
    page_2 = second.get("/log-ind/")
    assert HEADER not in page_1
    assert HEADER not in page_2
    assert "csrfmiddlewaretoken" in page_1.content.decode()
    assert page_1.cookies["csrftoken"].value != page_2.cookies["csrftoken"].value


def test_an_answer_that_used_the_csrf_token_is_not_stored_wherever_it_is():
    """A public page that one day gets a form: the token marks the answer as personal."""
    from django.http import HttpResponse

    request = RequestFactory().get("/finansiering/")
    assert PageCacheMiddleware.may_store(request, HttpResponse("<p>page</p>"))
    get_token(request)
    assert not PageCacheMiddleware.may_store(request, HttpResponse("<p>page with a form</p>"))


def test_other_answers_are_not_stored(world: World):
    from django.http import HttpResponse

    request = RequestFactory().get("/")
    assert not PageCacheMiddleware.may_store(request, HttpResponse(status=404))
    response = HttpResponse()
    response.set_cookie("x", "y")
    assert not PageCacheMiddleware.may_store(request, response)
    response = HttpResponse(headers={"Cache-Control": "private"})
    assert not PageCacheMiddleware.may_store(request, response)
    response = HttpResponse(headers={"Vary": "Cookie, User-Agent"})
    assert not PageCacheMiddleware.may_store(request, response)
    response = HttpResponse(headers={"Vary": "Cookie, Accept, Accept-Language"})
    assert PageCacheMiddleware.may_store(request, response)


def test_the_language_switch_needs_no_csrf_token(world: World):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": PLAN_URL})
    assert response.status_code == 302
    assert response["Location"] == PLAN_URL
    assert '<html lang="en">' in client.get(PLAN_URL).content.decode()


def test_logging_in_still_needs_a_csrf_token(world: World):
    client = Client(enforce_csrf_checks=True)
    user = f.user_with_role(Role.SECRETARIAT_ADMIN)
    response = client.post("/log-ind/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 403


def test_the_cache_can_be_turned_off(
    client: Client, world: World, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/finansiering/")
    response = client.get("/finansiering/")
    assert HEADER not in response


def test_a_missing_version_row_means_no_caching(client: Client, world: World):
    from boligsocial.core.models import DataVersion

    DataVersion.objects.all().delete()
    assert data_version.current() is None
    assert HEADER not in client.get("/finansiering/")
    assert HEADER not in client.get("/finansiering/")


def test_an_api_object_keeps_its_etag_and_head_has_its_own_entry(client: Client, world: World):
    url = f"/api/v1/plans/{world.plan.pk}/"
    first = client.get(url)
    assert first[HEADER] == "miss"
    assert first["ETag"]
    second = client.get(url)
    assert second[HEADER] == "hit"
    assert second["ETag"] == first["ETag"]
    assert client.head(url)[HEADER] == "miss"
    head = client.head(url)
    assert head[HEADER] == "hit"
    assert head["ETag"] == first["ETag"]
    assert head.content == b""
