"""The money and share filters, the form field markup, the mapping of a service's errors onto
form fields, and the language middleware."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.test import Client, override_settings
from django.utils import translation

from boligsocial.web.forms import AsOfForm, BodyForm, PersonForm
from boligsocial.web.templatetags.boligsocial import error_summary, field, fte, kr, mio_kr, percent


@pytest.mark.parametrize(
    ("value", "danish", "english"),
    [
        (Decimal("1234567.5"), "1.234.567,50 kr.", "1,234,567.50 kr."),
        (Decimal("0"), "0,00 kr.", "0.00 kr."),
        (12, "12,00 kr.", "12.00 kr."),
        ("999.999", "1.000,00 kr.", "1,000.00 kr."),
        (None, "–", "–"),
        ("not a number", "–", "–"),
    ],
)
def test_kr(value, danish, english):
    with translation.override("da"):
        assert kr(value) == danish
    with translation.override("en"):
        assert kr(value) == english


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("380000000.00"), "380 mio. kr."),
        (Decimal("12500000"), "12,5 mio. kr."),
        (Decimal("1250000000"), "1.250 mio. kr."),
        (None, "–"),
    ],
)
def test_mio_kr(value, expected):
    with translation.override("da"):
        assert mio_kr(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.7500"), "75 %"),
        (Decimal("0.755"), "75,5 %"),
        (Decimal("1"), "100 %"),
        (Decimal("0"), "0 %"),
        (None, "–"),
    ],
)
def test_percent(value, expected):
    with translation.override("da"):
        assert percent(value) == expected


def test_fte():
    with translation.override("da"):
        assert fte(Decimal("0.5")) == "0,50"
        assert fte(None) == "–"


def test_field_without_errors_has_label_hint_and_no_aria_invalid():
    with translation.override("da"):
        html = field(AsOfForm()["dato"])
    assert '<label class="form-label" for="id_dato">Pr. dato<span class="weight-normal"> ' in html
    assert "(frivilligt)</span></label>" in html
    assert '<span class="form-hint" id="id_dato-hint">Vis pladserne på denne dato.' in html
    assert (
        '<input type="date" name="dato" class="form-input" '
        'aria-describedby="id_dato-hint" id="id_dato">'
    ) in html
    assert "aria-invalid" not in html
    assert "form-error" not in html


def test_field_with_errors_links_hint_and_error():
    form = AsOfForm({"dato": "i går"})
    assert not form.is_valid()
    with translation.override("da"):
        html = field(form["dato"])
    assert '<div class="form-group form-error">' in html
    assert (
        'aria-describedby="id_dato-hint id_dato-error" aria-invalid="true" id="id_dato"'
    ) in html
    assert '<span class="form-error-message" id="id_dato-error">' in html


@pytest.mark.django_db
def test_error_summary_links_field_errors_and_lists_form_errors():
    form = PersonForm({"name": "", "email": "x"})
    assert not form.is_valid()
    form.add_error(None, "Noget gik galt.")
    with translation.override("da"):
        items = error_summary(form)["items"]
        assert [(i["href"], str(i["message"])) for i in items] == [
            ("", "Noget gik galt."),
            ("#id_name", "Dette felt er påkrævet."),
            ("#id_email", "Angiv en gyldig e-mailadresse."),
        ]


@pytest.mark.django_db
def test_service_errors_go_to_named_fields_and_unknown_fields_to_the_form():
    form = PersonForm({"name": "Testperson"})
    assert form.is_valid()
    form.add_service_error(
        ValidationError(
            {
                "email": ["Forkert adresse."],
                "slug": ["Optaget."],
                NON_FIELD_ERRORS: ["Helt forkert."],
            }
        )
    )
    assert form.errors["email"] == ["Forkert adresse."]
    assert form.non_field_errors() == ["slug: Optaget.", "Helt forkert."]
    plain = PersonForm({"name": "Testperson"})
    assert plain.is_valid()
    plain.add_service_error(ValidationError("Uden felt."))
    assert plain.non_field_errors() == ["Uden felt."]


@pytest.mark.django_db
def test_body_form_puts_a_duplicate_name_on_the_name_field():
    form = BodyForm({"kind": "board", "name": "Bestyrelsen"})
    assert form.is_valid()
    with translation.override("da"):
        form.add_service_error(
            ValidationError(
                {
                    NON_FIELD_ERRORS: [
                        ValidationError("Findes.", code="unique_together"),
                        ValidationError("Noget andet."),
                    ]
                }
            )
        )
    assert form.errors["name"] == ["Planen har allerede et organ med dette navn."]
    assert form.non_field_errors() == ["Noget andet."]


MIDDLEWARE_WITH_COOKIE_LANGUAGE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "boligsocial.web.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]


@pytest.mark.django_db
@override_settings(MIDDLEWARE=MIDDLEWARE_WITH_COOKIE_LANGUAGE)
def test_language_cookie_middleware_ignores_the_browser_language():
    client = Client(headers={"accept-language": "en-GB,en;q=0.9"})
    response = client.get("/finansiering/")
    assert '<html lang="da">' in response.content.decode()
    assert response["Content-Language"] == "da"
    assert "Cookie" in response["Vary"]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/finansiering/").content.decode()
    client.cookies["django_language"] = "xx"
    assert '<html lang="da">' in client.get("/finansiering/").content.decode()


@pytest.mark.django_db
def test_fte_error_and_hint_use_the_same_number_format(leader_client: Client, world):
    """The hint says "0,01 til 1,00"; an FTE out of range says so in the same words and format
    (not Django's "… 1.00" with a decimal point)."""
    from tests.factories import PlanRoleFactory

    person = PlanRoleFactory(plan=world.plan).person
    url = f"/intern/planer/{world.plan.slug}/roller/ny/"
    html = leader_client.get(url).content.decode()
    assert "Andel af en fuldtidsstilling, 0,01 til 1,00." in html
    for value in ("1,5", "0"):
        response = leader_client.post(
            url,
            {"person": person.pk, "kind": "staff", "fte": value, "valid_from": "2024-01-01"},
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Årsværksandelen skal være 0,01 til 1,00." in html, value
        assert "1.00" not in html, value
        assert "0.01" not in html, value


@pytest.mark.django_db
def test_manage_page_body_heading_does_not_repeat_the_kind(leader_client: Client, world):
    html = leader_client.get(f"/intern/planer/{world.plan.slug}/").content.decode()
    assert f'<h3 id="body-{world.board.pk}">Bestyrelsen for Testparken</h3>' in html
    assert "(Bestyrelse)" not in html


def test_body_kind_is_shown_only_when_the_name_does_not_say_it():
    from types import SimpleNamespace

    from boligsocial.web.templatetags.boligsocial import body_kind

    def body(name: str, kind: str, label: str) -> SimpleNamespace:
        return SimpleNamespace(name=name, kind=kind, get_kind_display=lambda: label)

    assert body_kind(body("Bestyrelsen", "board", "Bestyrelse")) == ""
    assert body_kind(body("Følgegruppen for X", "follow_group", "Følgegruppe")) == ""
    assert body_kind(body("Samarbejdsrådet", "cooperation_council", "Samarbejdsråd")) == ""
    assert body_kind(body("Koordinationsgruppen", "board", "Bestyrelse")) == "Bestyrelse"
