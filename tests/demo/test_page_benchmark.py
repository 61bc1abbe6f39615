"""Smoke tests of the page benchmark's set-up (benchmarks/pages.py, bare_wsgi.py) at a tiny
scale. No timings are asserted: the benchmark prints figures, it does not judge them here."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from boligsocial.demo.national import load_national

ROOT = Path(__file__).resolve().parents[2]


def _pages() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "benchmarks" / "pages.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


pages = _pages()


def test_the_servers_run_with_production_settings_on_loopback() -> None:
    env = pages.bench_env("sqlite:////tmp/x.sqlite3")
    assert "DEBUG" not in env
    assert len(env["SECRET_KEY"]) >= 50
    assert env["ALLOWED_HOSTS"] == "127.0.0.1"
    assert env["DATABASE_URL"] == "sqlite:////tmp/x.sqlite3"


def test_postgres_gets_a_database_of_its_own() -> None:
    assert (
        pages.postgres_url("postgres://postgres@127.0.0.1:5432/test")
        == "postgres://postgres@127.0.0.1:5432/boligsocial_bench"
    )


def test_the_bare_view_runs_under_the_same_gunicorn_command_as_serve() -> None:
    site = pages.server_argv("site", 8123)
    bare = pages.server_argv("bare", 8123)
    assert site[1:3] == ["serve", "--bind"]
    assert "bare_wsgi:application" in bare
    assert bare[bare.index("--workers") + 1] == "2"
    assert bare[bare.index("--chdir") + 1] == str(ROOT / "benchmarks")


def test_wrk_figures_are_read_from_the_scripts_line() -> None:
    out = "Running 5s test\nWRK 1000 2000000 1500 9000 20000 3 1\nRequests/sec: 500\n"
    assert pages.parse_wrk(out) == {
        "rps": 500.0,
        "p50": 1.5,
        "p95": 9.0,
        "p99": 20.0,
        "errors": 4,
        "requests": 1000,
    }
    with pytest.raises(ValueError, match="no WRK line"):
        pages.parse_wrk("wrk crashed")


def test_the_bare_view_answers_ok(tmp_path: Path) -> None:
    env = pages.bench_env(f"sqlite:///{tmp_path / 'bare.sqlite3'}")
    # The product's middleware runs for the bare view too, and some of it reads the database.
    migrate = subprocess.run(
        [str(pages.BIN), "migrate", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stderr
    code = (
        "import sys; sys.path.insert(0, 'benchmarks'); import bare_wsgi; "
        "from django.test import Client; r = Client(HTTP_HOST='127.0.0.1').get('/'); "
        "print(r.status_code, r.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip().splitlines()[-1] == "200 ok", result.stderr


@pytest.mark.django_db
def test_every_measured_page_answers_on_a_tiny_national_installation() -> None:
    load_national(scale=0.02, seed=5, password=pages.PASSWORD)
    probed = pages.probe()
    assert set(probed) == {p.key for p in pages.PAGES}
    for key, row in probed.items():
        assert row["status"] == 200, (key, row)
        assert row["queries"] > 0, key
        assert row["bytes"] > 0, key
    assert probed["plan page"]["path"].startswith("/planer/")
    assert probed["area page"]["path"].startswith("/omraader/")


# Every measured page at two sizes of the national installation: the same number of queries
# (with the page cache off, so the pages are rendered), and no HTML page over 150 KB. Scale 0.2
# has 80 plans and 120 areas, more than a page of the front page (50), the dashboards (50) and
# /omraader/ (100) holds, so the pages are as large as they get at any scale.
QUERIES = {  # the page cache off: no data-version query
    "front page": 6,
    "plan page": 9,
    "/omraader/": 2,  # the areas' version, the site: kept for the areas' version (0014)
    "area page": 7,
    "/sekretariatet/": 2,
    "/finansiering/": 3,
    "/api/v1/plans/": 5,  # anonymous
    "/api/v1/areas/": 2,
    "/api/v1/plans/ (secretariat admin)": 8,  # + session, user, role assignments
    "/intern/ (secretariat admin)": 7,
    "/intern/ (plan leader)": 7,
}


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [0.02, 0.2])
def test_every_measured_page_costs_the_same_queries_at_two_sizes_and_stays_small(
    settings: Any, scale: float
) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    load_national(scale=scale, seed=5, password=pages.PASSWORD)
    probed = pages.probe()
    counted = {key: row["queries"] for key, row in probed.items()}
    assert counted == QUERIES
    for key, row in probed.items():
        assert row["status"] == 200, (key, row)
        if not row["path"].startswith("/api/"):
            assert row["bytes"] <= pages.MAX_HTML_BYTES, (key, row["bytes"])
