"""A Content-Security-Policy on every page, and templates that need nothing it forbids: no inline
script, no event-handler attribute, no inline style (docs/decisions/0010)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from tests import factories as f

import boligsocial

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
PACKAGE = Path(boligsocial.__file__).resolve().parent
TEMPLATES = sorted(
    path
    for path in PACKAGE.rglob("*.html")
    if "templates" in path.parts and "vendor" not in path.parts
)


def test_the_policy_allows_nothing_inline_and_nothing_from_elsewhere():
    from boligsocial.web.csp import HEADER

    assert HEADER == POLICY


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/planer/{plan}/",
        "/sekretariatet/",
        "/finansiering/",
        "/omraader/",
        "/datakatalog/",
        "/log-ind/",
        "/intern/",  # a redirect to the login page
        "/ingen-side/",  # the 404 page
        "/admin/login/",
        "/api/docs/",
        "/api/schema/",
        "/api/v1/plans/?format=json",
    ],
)
def test_every_page_has_the_policy(world, path):
    response = Client().get(path.format(plan=world.plan.slug))
    assert response.status_code in {200, 302, 404}
    assert response["Content-Security-Policy"] == POLICY


def test_the_admin_pages_have_the_policy(world):
    admin = Client()
    admin.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    for path in ("/admin/", "/admin/plans/plan/", f"/admin/plans/plan/{world.plan.pk}/change/"):
        response = admin.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == POLICY


def test_the_browsable_api_may_use_inline_styles_but_never_inline_scripts(world):
    response = Client().get("/api/v1/plans/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY.replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'"
    )
    assert "script-src 'self';" in response["Content-Security-Policy"]


def test_swagger_ui_loads_its_start_script_as_a_file(db):
    page = Client().get("/api/docs/").content.decode()
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 3
    assert all(body.strip() == "" for body in scripts)
    assert "<style" not in page
    script = Client().get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle(" in script.content.decode()


def test_there_are_templates_to_check():
    names = {path.name for path in TEMPLATES}
    assert {"base.html", "login.html", "404.html", "swagger_ui.html"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_an_inline_script_an_event_handler_or_an_inline_style(template):
    text = re.sub(
        r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}",
        "",
        template.read_text(encoding="utf-8"),
        flags=re.DOTALL,
    )
    for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", text, re.DOTALL):
        assert "src=" in tag or 'type="application/json"' in tag, tag
        assert body.strip() == "", f"inline script in {template.name}"
    assert not re.search(r"\son[a-z]+\s*=", text), f"event handler attribute in {template.name}"
    assert "javascript:" not in text
    assert not re.search(r"<style\b|\sstyle\s*=", text), f"inline style in {template.name}"


def test_a_chart_in_a_page_has_no_inline_style():
    from tests.indicators.test_charts import SPEC

    from boligsocial.indicators.charts import render_svg

    opening = render_svg(SPEC, number=str).split(">", 1)[0]
    assert opening.startswith('<svg id="chart-x" class="bs-chart" ')
    assert " style=" not in opening
