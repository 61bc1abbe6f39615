"""Pages and exports never answer 500 on extreme values already stored (issue 6)."""

from __future__ import annotations

import importlib
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from tests import factories as f

from boligsocial.areas.models import Area
from boligsocial.indicators.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module(
    "boligsocial.indicators.migrations.0003_text_and_count_limits_and_oversized_figures"
)


def _pages(area: Area) -> list[str]:
    return ["/omraader/", f"/omraader/{area.slug}/", "/omraader/?format=csv", "/datakatalog/"]


def test_the_largest_storable_values_render_everywhere(site: Any) -> None:
    area = f.AreaFactory(name="Kæmpeparken", municipality=f.municipality("Aarhus"))
    Area.objects.filter(pk=area.pk).update(residents=2_147_483_647)
    for key, value, persons, population in [
        ("residents", Decimal("99999999999.9999"), None, None),
        ("pct_outside_labour", Decimal("100"), 2_147_483_647, 2_147_483_647),
        ("pct_non_western", Decimal("-99999999999.9999"), 7, 3),  # more persons than population
        ("pct_convicted", Decimal("0.0001"), 0, 0),
    ]:
        IndicatorValue.objects.create(
            area=area,
            indicator=Indicator.objects.get(key=key),
            year=2023,
            value=value,
            persons=persons,
            population=population,
        )
    client = Client()
    for url in _pages(area):
        assert client.get(url).status_code == 200, url


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite could store such a figure (see 0011)"
)
def test_a_figure_too_large_to_read_is_removed_by_the_migration(site: Any, capsys: Any) -> None:
    area = f.AreaFactory(name="Testparken", municipality=f.municipality("Aarhus"))
    indicator = Indicator.objects.get(key="pct_convicted")
    kept = IndicatorValue.objects.create(area=area, indicator=indicator, year=2022, value=3)
    with connection.cursor() as cursor:  # as an import before the range check stored it
        cursor.execute(
            "INSERT INTO indicators_indicatorvalue (area_id, indicator_id, year, value, source) "
            "VALUES (%s, %s, 2023, 1e30, 'x')",
            [area.pk, indicator.pk],
        )
    # Reading the row fails in the database driver: the pages could only answer 500.
    assert Client(raise_request_exception=False).get("/omraader/").status_code == 500
    MIGRATION.remove_oversized_figures(apps, SimpleNamespace(connection=connection))
    assert list(IndicatorValue.objects.values_list("pk", flat=True)) == [kept.pk]
    assert f"indicator {indicator.pk}, 2023): 1.0e+30 is not a figure" in capsys.readouterr().out
    client = Client()
    for url in _pages(area):
        assert client.get(url).status_code == 200, url
