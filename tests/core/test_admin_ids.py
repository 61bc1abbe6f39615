"""The admin's multiple choices refuse an id beyond the database's range as an invalid choice,
not a 500 (issue 6)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from boligsocial.site.models import SiteProfile

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999999"


def test_site_profile_municipalities_out_of_range() -> None:
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x-Pass-9876")
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/admin/site/siteprofile/add/",
        {"title_da": "Test", "title_en": "Test", "municipalities": [BIG]},
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors["municipalities"]) == [
        f"Marker en gyldig valgmulighed. {BIG} er ikke en af de tilgængelige valgmuligheder."
    ]
    assert SiteProfile.objects.count() == 0
