"""The admin speaks the user's language: its header names Boligsocial, not "Django
administration", and each app's section has a Danish name (not "Funding", "Governance")."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from tests import factories as f

pytestmark = pytest.mark.django_db


def admin_index(language: str) -> str:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client.get("/admin/").content.decode()


def sections(html: str) -> list[str]:
    return re.findall(r'<caption>\s*<a href="/admin/(\w+)/"[^>]*>([^<]+)</a>', html)


def test_the_admin_is_danish_in_danish():
    html = admin_index("da")
    assert '<div id="site-name"><a href="/admin/">Boligsocial-administration</a></div>' in html
    assert "<title>Website-administration | Boligsocial-administration</title>" in html
    ours = {label: unescape(name) for label, name in sections(html) if label != "axes"}
    assert ours == {
        "accounts": "Brugere og roller",
        "agreements": "Samarbejdsaftaler",
        "areas": "Boligområder",
        "budgets": "Budgetter og medfinansiering",
        "frames": "LBF's årlige ramme og omfordeling",
        "payments": "LBF's udbetalinger",
        "reporting": "Årsregnskaber og afrapportering til LBF",
        "auth": "Godkendelse og autorisation",
        "funding": "Finansiering",
        "governance": "Personer og organer",
        "indicators": "Indikatorer",
        "lifecycle": "Planens forløb",
        "organisations": "Organisationer",
        "plans": "Helhedsplaner",
        "site": "Webstedet",
    } | ({"core": "Fælles"} if "core" in ours else {})


def test_the_admin_is_english_in_english():
    html = admin_index("en")
    assert '<div id="site-name"><a href="/admin/">Boligsocial administration</a></div>' in html
    assert dict(sections(html))["funding"] == "Funding"
