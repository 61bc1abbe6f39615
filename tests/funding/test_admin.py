"""The admin lists show years as years and shares as percentages."""

from __future__ import annotations

import pytest
from django.test import Client
from tests import factories as f

from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db) -> Client:
    client = Client()
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_fund_round_list_shows_years_and_percentages(admin_client_: Client):
    html = admin_client_.get("/admin/funding/fundround/").content.decode()
    assert '<td class="field-first_year_column">2019</td>' in html
    assert '<td class="field-last_year_column">2026</td>' in html
    assert '<td class="field-lbf_max_share_column">75 %</td>' in html
    assert '<td class="field-local_min_share_column">25 %</td>' in html
    assert "2.019" not in html
    assert "0,7500" not in html
    assert "0,2500" not in html


def test_indicator_and_list_entries_show_years_without_separator(admin_client_: Client):
    area = f.AreaFactory()
    indicator = Indicator.objects.first()
    assert indicator is not None
    IndicatorValue.objects.create(area=area, indicator=indicator, year=2006, value=12)
    OfficialListEntry.objects.create(area=area, year=2010, designation="ghetto", on_list=True)
    html = admin_client_.get("/admin/indicators/indicatorvalue/").content.decode()
    assert '<td class="field-year_shown">2006</td>' in html
    assert "2.006" not in html
    html = admin_client_.get("/admin/indicators/officiallistentry/").content.decode()
    assert '<td class="field-year_shown">2010</td>' in html
    assert "2.010" not in html
