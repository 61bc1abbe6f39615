"""Query counts of the public pages not pinned elsewhere, at two data sizes (issue 8): each
costs the same number of queries however much data there is. The front page, a plan page,
/omraader/ and an area page are pinned in test_public.py and test_areas.py, the API lists in
tests/api/test_query_counts.py."""

from __future__ import annotations

import pytest
from django.test import Client
from tests import factories as f
from tests.web.test_public import _plans

from boligsocial.funding.models import FundRound
from boligsocial.indicators.models import Indicator
from boligsocial.site.models import SiteProfile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [2, 8])
def test_secretariat_page_query_count_does_not_grow_with_seats(
    client: Client, site: SiteProfile, django_assert_num_queries, count: int
):
    _plans(count, site)  # each plan's board has a member representing the secretariat
    # data version (page cache), site profile, seats with their plans and bodies
    with django_assert_num_queries(3):
        response = client.get("/sekretariatet/")
    assert response.content.decode().count('class="bs-holder"') == count


@pytest.mark.parametrize("active", [1, 4])
def test_financing_page_query_count_does_not_grow_with_fund_rounds(
    client: Client, site: SiteProfile, django_assert_num_queries, active: int
):
    rounds = list(FundRound.objects.order_by("first_year"))
    assert len(rounds) >= 4
    FundRound.objects.exclude(pk__in=[r.pk for r in rounds[:active]]).update(active=False)
    # data version (page cache), site profile, fund rounds, their focus areas
    with django_assert_num_queries(4):
        response = client.get("/finansiering/")
    assert response.status_code == 200
    for fund_round in rounds[:active]:
        assert fund_round.code in response.content.decode()


@pytest.mark.parametrize("active", [1, 6])
def test_data_dictionary_query_count_does_not_grow_with_indicators(
    client: Client, site: SiteProfile, django_assert_num_queries, active: int
):
    indicators = list(Indicator.objects.order_by("position", "key"))
    assert len(indicators) >= 6
    Indicator.objects.exclude(pk__in=[i.pk for i in indicators[:active]]).update(active=False)
    # data version (page cache), site profile, indicators
    with django_assert_num_queries(3):
        response = client.get("/datakatalog/")
    assert response.status_code == 200
    assert response.content.decode().count('id="indicator-') == active


@pytest.mark.parametrize("count", [2, 8])
def test_a_cached_public_page_costs_one_query_whatever_the_data(
    client: Client, site: SiteProfile, django_assert_num_queries, count: int
):
    _plans(count, site)
    f.AreaFactory(name="Testparken", slug="testparken")
    for url in ("/", "/sekretariatet/", "/finansiering/", "/omraader/", "/api/v1/plans/"):
        client.get(url)
        with django_assert_num_queries(1):  # the data version
            client.get(url)
