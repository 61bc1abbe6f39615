"""Failed logins are throttled per account and per address (django-axes) on /log-ind/, the admin
and API basic authentication, with a clear Danish message (English second); passwords pass
Django's validators with a minimum of 12 characters."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.test import Client, RequestFactory
from django.utils import timezone
from tests import factories as f

from boligsocial.accounts.services import user_create
from boligsocial.accounts.throttling import client_ip
from boligsocial.demo.load import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"  # tests/factories.py
DANISH = (
    "For mange mislykkede forsøg på at logge ind som denne bruger eller fra denne adresse. "
    "Prøv igen om 15 minutter."
)
ENGLISH = (
    "Too many failed login attempts for this user or from this address. Try again in 15 minutes."
)


@pytest.fixture
def user():
    return f.UserFactory(username="hanne", is_staff=True, is_superuser=True)


def web_login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/log-ind/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def admin_login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def api_get(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.get(
        "/api/v1/plans/", HTTP_AUTHORIZATION=basic(username, password), REMOTE_ADDR=address
    )


def test_the_default_limits():
    assert django_settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == django_settings.AXES_COOLOFF_TIME
    assert django_settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


# --- the login page -----------------------------------------------------------------------------


def test_the_login_page_refuses_the_fifth_failure_in_danish_and_then_the_right_password(user):
    client = Client()
    for _ in range(4):
        response = web_login(client, "hanne", "forkert-kodeord")
        assert response.status_code == 200
        assert DANISH not in response.content.decode()
    locked = web_login(client, "hanne", "forkert-kodeord")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    assert DANISH in locked.content.decode()
    assert 'id="login-form"' in locked.content.decode()
    # The right password does not help while the account is locked.
    response = web_login(client, "hanne", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_message_is_english_for_english_users(user):
    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(5):
        response = web_login(client, "hanne", "wrong-password")
    assert response.status_code == 429
    assert ENGLISH in response.content.decode()


def test_an_account_is_locked_whatever_the_address(user):
    client = Client()
    for number in range(5):
        web_login(client, "hanne", "forkert-kodeord", address=f"10.0.1.{number}")
    response = web_login(client, "hanne", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    # Another account from a fresh address is not affected.
    f.UserFactory(username="sofie")
    response = web_login(client, "sofie", PASSWORD, address="10.0.2.2")
    assert response.status_code == 302


def test_an_address_is_locked_whatever_the_account(user):
    client = Client()
    for number in range(5):
        web_login(client, f"gaet-{number}", "forkert-kodeord", address="10.0.3.1")
    response = web_login(client, "hanne", PASSWORD, address="10.0.3.1")
    assert response.status_code == 429
    # The same account from another address logs in.
    response = web_login(client, "hanne", PASSWORD, address="10.0.3.2")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_fewer_failures_than_the_limit_then_success_starts_counting_again(user):
    client = Client()
    for _ in range(4):
        web_login(client, "hanne", "forkert-kodeord")
    assert web_login(client, "hanne", PASSWORD).status_code == 302
    Client().post("/log-ud/")
    client = Client()
    for _ in range(4):
        assert web_login(client, "hanne", "forkert-kodeord").status_code == 200
    assert web_login(client, "hanne", PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(user):
    client = Client()
    for _ in range(5):
        web_login(client, "hanne", "forkert-kodeord")
    assert web_login(client, "hanne", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert web_login(client, "hanne", PASSWORD).status_code == 302


def test_the_limit_is_configurable(user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    assert web_login(client, "hanne", "forkert-kodeord").status_code == 200
    assert web_login(client, "hanne", "forkert-kodeord").status_code == 429


# --- the admin and the API ---------------------------------------------------------------------


def test_the_admin_login_is_throttled_too(user):
    client = Client()
    for _ in range(4):
        assert admin_login(client, "hanne", "forkert-kodeord").status_code == 200
    locked = admin_login(client, "hanne", "forkert-kodeord")
    assert locked.status_code == 429
    assert DANISH in locked.content.decode()
    assert admin_login(client, "hanne", PASSWORD).status_code == 429


def test_api_basic_authentication_is_throttled_with_json(user):
    client = Client()
    assert api_get(client, "hanne", PASSWORD).status_code == 200
    for _ in range(4):
        assert api_get(client, "hanne", "forkert-kodeord").status_code in {401, 403}
    locked = api_get(client, "hanne", "forkert-kodeord")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    assert locked.json() == {"detail": DANISH}
    # The right password is refused too while the account is locked, and so is the web login.
    assert api_get(client, "hanne", PASSWORD).status_code == 429
    assert web_login(Client(), "hanne", PASSWORD, address="10.9.9.9").status_code == 429


def test_failures_count_across_the_login_page_the_admin_and_the_api(user):
    client = Client()
    web_login(client, "hanne", "forkert-kodeord")
    web_login(client, "hanne", "forkert-kodeord")
    admin_login(client, "hanne", "forkert-kodeord")
    admin_login(client, "hanne", "forkert-kodeord")
    assert api_get(client, "hanne", "forkert-kodeord").status_code == 429


# --- the client's address ----------------------------------------------------------------------


def test_the_address_is_the_connections_unless_behind_a_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7"
    )
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.9"
    settings.BEHIND_PROXY = True
    # The proxy appends the address it saw; what comes before is the client's to invent.
    assert client_ip(request) == "192.0.2.7"


# --- passwords ---------------------------------------------------------------------------------


def test_a_password_needs_12_characters():
    with pytest.raises(ValidationError) as caught:
        user_create(username="kort", password="kort-kode1")
    assert caught.value.message_dict == {
        "password": ["Denne adgangskode er for kort. Den skal indeholde mindst 12 tegn."]
    }


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("123456789012345", "Denne adgangskode er udelukkende numerisk."),
        ("qwerty123456", "Denne adgangskode er for almindelig."),
        ("marianne-jensen", "Din adgangskode minder for meget om din/dit brugernavn."),
    ],
)
def test_a_password_passes_djangos_validators(password, problem):
    with pytest.raises(ValidationError) as caught:
        user_create(username="marianne-jensen", password=password)
    assert problem in caught.value.message_dict["password"]


def test_the_demo_password_is_accepted_for_the_demo_users():
    for username in ("admin", "leder-bispehaven-2024-2028", "boligorg", "kommune", "analytiker"):
        user = user_create(
            username=username, password=DEFAULT_PASSWORD, email=f"{username}@example.org"
        )
        assert user.check_password(DEFAULT_PASSWORD)
