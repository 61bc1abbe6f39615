"""The `boligsocial` command as a user runs it: in a subprocess, on a temporary database."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).with_name("boligsocial")
SECRET = "test-" + "k3J9xpQ2vL8mZ4rT6yW1nB5cF7hD0gSaE3uI9oP2lK8jH6gF4dS" * 2
# Variables that the test command (scripts/test.sh) or the developer may have set.
_CLEARED = (
    "DEBUG",
    "SECRET_KEY",
    "DATABASE_URL",
    "PORT",
    "BIND",
    "WEB_CONCURRENCY",
    "DEMO_PASSWORD",
    "GUNICORN_CMD_ARGS",
    "DJANGO_SETTINGS_MODULE",
)


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(BOLIGSOCIAL_HOME=str(tmp_path), PYTHONUNBUFFERED="1", **extra)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 120) -> tuple[int, bytes]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped with exit code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def get_page(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def get(url: str) -> int:
    return get_page(url)[0]


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out or ""


# --- help --------------------------------------------------------------------------------------


def test_help_lists_the_project_commands(tmp_path):
    result = run(["--help"], cli_env(tmp_path, DEBUG="1"))
    assert result.returncode == 0, result.stderr
    commands = {line.strip() for line in result.stdout.splitlines() if line.startswith("    ")}
    assert {"demo", "serve", "criteria", "build_assets", "migrate", "createsuperuser"} <= commands


def test_demo_help(tmp_path):
    result = run(["demo", "--help"], cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "--port PORT" in result.stdout
    assert "--no-serve" in result.stdout
    assert "DEMO_PASSWORD" in result.stdout


def test_serve_help(tmp_path):
    result = run(["serve", "--help"], cli_env(tmp_path, DEBUG="1"))
    assert result.returncode == 0, result.stderr
    assert "--bind HOST:PORT" in result.stdout
    assert "--workers N" in result.stdout
    assert "gunicorn" in result.stdout


# --- demo --------------------------------------------------------------------------------------


def test_demo_no_serve_loads_once_on_a_temporary_database(tmp_path):
    db = tmp_path / "demo.sqlite3"
    env = cli_env(tmp_path, DATABASE_URL=f"sqlite:///{db}")
    first = run(["demo", "--no-serve"], env)
    assert first.returncode == 0, first.stderr
    assert (
        "Created 14 organisations, 47 areas, 17 afdelinger, 40 people, 8 plans, 20 plan roles, "
        "10 bodies, 44 memberships, 1 site profile, 6 users, 6 role assignments, "
        "96 official list entries.\n"
    ) in first.stdout
    assert "Demo users (password for new users: demo-boligsocial):" in first.stdout
    assert (
        "  leder-bispehaven-2024-2028        plan leader of Bispehaven 2024-2028\n" in first.stdout
    )
    for name in ("admin", "leder-skovgaardsparken-2023-2027", "boligorg", "kommune", "analytiker"):
        assert f"  {name} " in first.stdout
    assert "Serving" not in first.stdout

    second = run(["demo", "--no-serve"], env)
    assert second.returncode == 0, second.stderr
    assert "The demo data was already loaded: nothing new created." in second.stdout
    assert second.stdout.count("(existing user: password unchanged)") == 6

    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT COUNT(*) FROM plans_plan").fetchone()[0]
        running = conn.execute(
            "SELECT COUNT(*) FROM plans_plan WHERE status = 'igang' AND published"
        ).fetchone()[0]
    assert (count, running) == (8, 2)


@pytest.mark.parametrize(
    ("args", "env_port", "message"),
    [
        (["--port", "http"], None, "--port='http' is not a port number (1–65535)."),
        (["--port", "70000"], None, "--port=70000 is not a port number (1–65535)."),
        ([], "eighty", "PORT='eighty' is not a port number (1–65535)."),
    ],
)
def test_demo_refuses_a_bad_port_before_touching_the_database(tmp_path, args, env_port, message):
    db = tmp_path / "demo.sqlite3"
    env = cli_env(tmp_path, DATABASE_URL=f"sqlite:///{db}")
    if env_port is not None:
        env["PORT"] = env_port
    result = run(["demo", "--no-serve", *args], env)
    assert result.returncode == 1
    assert result.stderr.strip() == f"CommandError: {message}"
    assert not db.exists()


def test_demo_serves_the_site(tmp_path):
    port = free_port()
    env = cli_env(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    proc = subprocess.Popen(
        [str(BIN), "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status, _body = wait_for(f"http://127.0.0.1:{port}/", proc)
        assert status == 200
        assert get(f"http://127.0.0.1:{port}/static/admin/css/base.css") == 200
    finally:
        out = stop(proc)
    assert f"Serving on http://127.0.0.1:{port}/" in out


# --- serve -------------------------------------------------------------------------------------


def test_serve_runs_gunicorn_with_production_settings_and_whitenoise(tmp_path):
    port = free_port()
    env = cli_env(
        tmp_path,
        SECRET_KEY=SECRET,
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        GUNICORN_CMD_ARGS="--no-control-socket",
    )
    migrated = run(["migrate", "--verbosity", "0"], env)
    assert migrated.returncode == 0, migrated.stderr
    proc = subprocess.Popen(
        [str(BIN), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status, body = wait_for(f"http://127.0.0.1:{port}/static/admin/css/base.css", proc)
        assert status == 200
        assert b"DJANGO Admin styles" in body
        assert get(f"http://127.0.0.1:{port}/") == 200
        # DEBUG is off: an unknown page is the site's 404 page, not Django's debug page.
        status, body = get_page(f"http://127.0.0.1:{port}/no-such-page/")
        assert status == 404
        assert b"URLconf" not in body
    finally:
        out = stop(proc)
    assert f"Starting gunicorn on 127.0.0.1:{port} with 1 worker(s)." in out
    assert "Booting worker" in out
    # collectstatic ran into the configured STATIC_ROOT, with whitenoise's manifest.
    assert (tmp_path / "var" / "static" / "staticfiles.json").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--bind", "localhost"],
            "--bind 'localhost' is not HOST:PORT (for example 0.0.0.0:8000).",
        ),
        (["--bind", "127.0.0.1:99999"], "--bind '127.0.0.1:99999': the port must be 1–65535."),
        (["--workers", "0"], "--workers 0: at least 1 worker is needed."),
    ],
)
def test_serve_refuses_bad_options(tmp_path, args, message):
    result = run(["serve", *args], cli_env(tmp_path, DEBUG="1"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"CommandError: {message}"
    assert not (tmp_path / "var" / "static").exists()


def test_serve_names_a_bad_environment_variable(tmp_path):
    result = run(["serve"], cli_env(tmp_path, DEBUG="1", WEB_CONCURRENCY="many"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "CommandError: Environment variable WEB_CONCURRENCY='many' is not a whole number."
    )
