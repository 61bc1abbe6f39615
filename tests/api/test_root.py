"""The API root describes Boligsocial's API in the reader's language, not DRF's stock text."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

STOCK_TEXT = "The default basic root view for DefaultRouter"


def test_browsable_api_root_describes_the_api_in_danish(client: Client):
    response = client.get("/api/v1/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert STOCK_TEXT not in html
    assert "Api Root" not in html
    assert "<h1>Boligsocial API</h1>" in html
    assert "Åbne data om de boligsociale helhedsplaner" in html
    assert "/api/docs/" in html


def test_browsable_api_root_in_english(client: Client):
    client.cookies["django_language"] = "en"
    html = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    assert STOCK_TEXT not in html
    assert "Open data about the boligsociale helhedsplaner" in html


def test_api_root_json_lists_the_resources_and_options_describe_it(client: Client):
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert sorted(response.json()) == [
        "afdelinger",
        "areas",
        "bodies",
        "fund-rounds",
        "memberships",
        "municipalities",
        "organisations",
        "people",
        "plan-roles",
        "plans",
        "regions",
    ]
    options = client.options("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert options["name"] == "Boligsocial API"
    assert options["description"].startswith("Åbne data om de boligsociale helhedsplaner")
