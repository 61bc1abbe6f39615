"""What makes the money pages fast at national scale (decision 0032) without changing what
they say: a large budget shows the lines of one year at a time (`?aar=`), with a nav of the
years; the `kr` filter's fast path writes what `number_format` writes; the co-financers'
choice of organisation renders the same HTML as Django's `Select`."""

from __future__ import annotations

import random
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.utils import translation
from django.utils.formats import number_format
from tests.kit import find, find_all, make_budget, parse, text

from boligsocial.web.templatetags.boligsocial import kr
from boligsocial.web.views.budgets import common
from boligsocial.web.views.budgets.widgets import FastSelect, fast_selects


def _url(plan: Any, rest: str = "") -> str:
    return f"/intern/planer/{plan.slug}/budget/{rest}"


def _year_headings(page: Any) -> list[str]:
    return [text(h) for h in find_all(page, "h3") if (h.attrs.get("id") or "").startswith("year-")]


@pytest.mark.django_db
def test_a_small_budget_shows_every_year_without_a_year_nav(
    world: Any, leader_client: Client
) -> None:
    make_budget(world.plan, years=[2023, 2024, 2025])
    page = parse(leader_client.get(_url(world.plan)))
    assert _year_headings(page) == ["2023", "2024", "2025", "2026"]  # the plan's period
    assert find_all(page, "nav", id="budget-years") == []


@pytest.mark.django_db
def test_a_large_budget_shows_one_year_at_a_time_with_a_nav_of_the_years(
    world: Any, leader_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = make_budget(world.plan, years=[2023, 2024, 2025])
    monkeypatch.setattr(common, "LINES_ON_ONE_PAGE", 5)  # 6 lines: more than one page's
    monkeypatch.setattr(common, "localdate", lambda: date(2030, 1, 1))
    for address in (_url(world.plan), _url(world.plan, f"versioner/{version.number}/")):
        page = parse(leader_client.get(address))
        assert _year_headings(page) == ["2023"]  # not a budget year now: the first
        nav = find(page, "nav", id="budget-years")
        assert nav.attrs["aria-label"] == "Budgettets år"
        links = find_all(nav, "a")
        assert [text(a) for a in links] == ["2023", "2024", "2025", "2026"]
        assert [a.attrs.get("aria-current") for a in links] == ["page", None, None, None]
        assert links[1].attrs["href"] == "?aar=2024#lines"
        # The totals and the check still cover every year.
        assert "2025" in text(find(page, "table", id="totals-source"))
        monkeypatch.setattr(common, "localdate", lambda: date(2024, 6, 1))
        assert _year_headings(parse(leader_client.get(address))) == ["2024"]  # this year
        monkeypatch.setattr(common, "localdate", lambda: date(2030, 1, 1))
        page = parse(leader_client.get(address, {"aar": "2024"}))
        assert _year_headings(page) == ["2024"]
        nav = find(page, "nav", id="budget-years")
        current = [text(a) for a in find_all(nav, "a") if a.attrs.get("aria-current") == "page"]
        assert current == ["2024"]
        for wrong in ("1999", "x", ""):
            assert _year_headings(parse(leader_client.get(address, {"aar": wrong}))) == ["2023"]


@pytest.mark.django_db
def test_an_asked_year_pages_even_a_small_budget(world: Any, leader_client: Client) -> None:
    make_budget(world.plan, years=[2023, 2024])
    page = parse(leader_client.get(_url(world.plan), {"aar": "2024"}))
    assert _year_headings(page) == ["2024"]
    assert find(page, "nav", id="budget-years")


def _number_format_kr(value: Any) -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)} kr."


def test_kr_writes_what_number_format_writes_in_every_language() -> None:
    rng = random.Random(2026)  # noqa: S311 (test values, not secrets)
    values: list[Any] = [
        0,
        "0",
        Decimal("-0.001"),
        Decimal("-0.00"),
        Decimal("0.005"),
        Decimal("-0.005"),
        Decimal("999999999.99"),
        Decimal("-999999999.99"),
        -1234567.5,
        Decimal("1E+3"),
        "1234.5",
    ]
    values += [
        Decimal(rng.randint(-(10**12), 10**12)) / 10 ** rng.randint(0, 4) for _ in range(500)
    ]
    for language in ("da", "en"):
        with translation.override(language):
            for value in values:
                assert kr(value) == _number_format_kr(value), (language, value)
    with translation.override("da"):
        assert kr(Decimal("1234567.5")) == "1.234.567,50 kr."
        assert kr(Decimal("-0.001")) == "0,00 kr."
        assert kr(None) == "–"


def test_the_fast_select_writes_djangos_select_html() -> None:
    choices = [
        ("", "---------"),
        ("a&b", 'Æble <i> "q"'),
        (1, "one"),
        ("Gruppe", [("g1", "G 1"), ("g2", "G<2>")]),
    ]
    for value in ("", "a&b", 1, "g2", None):
        for attrs in (
            None,
            {"aria-describedby": "x-hint", "aria-invalid": "true", "required": True, "x": False},
        ):
            django_html = forms.Select(choices=choices).render("n&m", value, attrs)
            assert FastSelect(choices=choices).render("n&m", value, attrs) == django_html


def test_fast_selects_swaps_only_plain_selects() -> None:
    class Form(forms.Form):
        one = forms.ChoiceField(choices=[("a", "A")])
        many = forms.MultipleChoiceField(choices=[("a", "A")])
        words = forms.CharField()

    form = fast_selects(Form())
    assert type(form.fields["one"].widget) is FastSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple
    assert type(form.fields["words"].widget) is forms.TextInput
