"""The `boligsocial` command as a user runs it: in a subprocess, on a temporary database."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import stat
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
            said = proc.stdout.read()[-3000:] if proc.stdout else ""
            raise AssertionError(f"the server stopped with exit code {proc.returncode}:\n{said}")
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


@pytest.mark.parametrize("args", [["--help"], ["help"], []], ids=["--help", "help", "nothing"])
def test_help_lists_the_project_commands_with_a_line_each_then_djangos(tmp_path, args):
    result = run(args, cli_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    ours, _, djangos = result.stdout.partition("Django's own commands")
    assert "Boligsocial's commands:\n" in ours
    assert (
        "  demo          migrate, load the Aarhus demo data (idempotent) and serve it locally\n"
        "  serve         collect static files and run the production server (gunicorn)\n"
        "  build-assets  copy the npm front-end packages into static/vendor, compile translations\n"
        "  criteria      classify areas under the §61a/§61b rule sets, compute or synthesise "
        "figures\n"
        "  lists         import a published 1 December list\n"
        "  indicators    import or export area figures\n"
        "  check-data    list every stored plan role and seat that breaks a rule, with what to do\n"
        "  national      set up and load the synthetic national installation (all fictional)\n"
        "  plan          write a plan's pre-qualification application as PDF or XLSX\n"
    ) in ours
    assert "migrate" not in ours.replace("migrate, load", "")
    for name in ("migrate", "createsuperuser", "check", "shell", "collectstatic", "spectacular"):
        assert re.search(rf"[ ,]{name}(,|$)", djangos, re.MULTILINE), name
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    # Nothing of a local installation is written by asking for help with DEBUG off, but the key.
    assert sorted(p.name for p in (tmp_path / "var").iterdir()) == ["secret_key"]


def test_an_unknown_command_is_one_line(tmp_path):
    result = run(["serv"], cli_env(tmp_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "boligsocial: unknown command 'serv'; `boligsocial --help` lists the commands\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["criteria"],
            "boligsocial criteria: error: the following arguments are required: ACTION "
            "(see `boligsocial criteria --help`)",
        ),
        (
            ["criteria", "classify"],
            "boligsocial criteria classify: error: the following arguments are required: INPUT "
            "(see `boligsocial criteria classify --help`)",
        ),
        (
            ["lists", "import", "x.csv"],
            "boligsocial lists import: error: the following arguments are required: --source "
            "(see `boligsocial lists import --help`)",
        ),
        (
            ["indicators", "export", "--bogus"],
            "boligsocial indicators: error: unrecognized arguments: --bogus "
            "(see `boligsocial indicators --help`)",
        ),
        (
            ["serve", "--workers", "many"],
            "boligsocial serve: error: argument --workers: invalid int value: 'many' "
            "(see `boligsocial serve --help`)",
        ),
        (
            ["demo", "--nope"],
            "boligsocial demo: error: unrecognized arguments: --nope "
            "(see `boligsocial demo --help`)",
        ),
    ],
)
def test_a_bad_argument_is_one_line_and_exit_2(tmp_path, args, message):
    result = run(args, cli_env(tmp_path))
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["build-assets", "--node-modules", "/no/such/folder"],
            "/no/such/folder does not exist: run `npm ci` first.",
        ),
        (["criteria", "classify", "/no/such/file.csv"], "/no/such/file.csv: file not found"),
        (
            ["indicators", "import", "/no/such/file.csv", "--source", "x"],
            "/no/such/file.csv: file not found",
        ),
    ],
)
def test_a_project_commands_error_is_one_line_and_exit_2(tmp_path, args, message):
    result = run(args, cli_env(tmp_path))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"CommandError: {message}")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [["criteria", "synth", "--persons", "10", "--areas", "2", "--seed", "1", "-o", "x"], ["check"]],
)
def test_a_configuration_error_is_one_line_naming_the_variable(tmp_path, args):
    result = run(args, cli_env(tmp_path, DISCLOSURE_MIN_COUNT="five"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "boligsocial: configuration error: Environment variable DISCLOSURE_MIN_COUNT='five' is "
        "not a whole number.\n"
    )


def test_an_unmigrated_database_is_one_line(tmp_path):
    result = run(["indicators", "export"], cli_env(tmp_path))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("boligsocial: database error: no such table: ")
    assert result.stderr.endswith(
        " (is the database reachable, and has `boligsocial migrate` been run?)\n"
    )
    assert result.stderr.count("\n") == 1


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
    # The local demo database, under BOLIGSOCIAL_HOME: the only one the public password is for.
    db = tmp_path / "var" / "boligsocial.sqlite3"
    env = cli_env(tmp_path)
    first = run(["demo", "--no-serve"], env)
    assert first.returncode == 0, first.stderr
    assert (
        "Created 14 organisations, 47 areas, 17 afdelinger, 40 people, 8 plans, "
        "8 plan timelines, 20 plan roles, 10 bodies, 44 memberships, 8 pipeline plans, "
        "1 site profile, 7 users, 7 role assignments, 2 cooperation agreements, "
        "96 official list entries, 11 budgets, 2 budget revisions, 14 frame bookings, "
        "43 instalments, 34 yearly reports, 34 instalment payments, 11 plan data notes, "
        "14 contributions to LBF and renovation support.\n"
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
    assert second.stdout.count("(existing user: password unchanged)") == 7

    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT COUNT(*) FROM plans_plan").fetchone()[0]
        running = conn.execute(
            "SELECT COUNT(*) FROM plans_plan WHERE status = 'running' AND published"
        ).fetchone()[0]
    assert (count, running) == (16, 2)  # 8 plans and 8 invented ones before they run


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
    assert result.returncode == 2
    assert result.stderr == f"CommandError: {message}\n"
    assert not db.exists()


@pytest.mark.parametrize(
    ("demo_password", "message"),
    [
        (
            None,
            "DATABASE_URL is not the local demo database: set DEMO_PASSWORD to a password of "
            "your own; the public demo password (demo-boligsocial) is only used in var/.",
        ),
        (
            "demo-boligsocial",
            "DEMO_PASSWORD is the public demo password, which is only used for the local demo "
            "database in var/: choose another.",
        ),
        (
            "kort-kode",
            "DEMO_PASSWORD: This password is too short. It must contain at least 12 characters.",
        ),
    ],
    ids=["no-demo-password", "the-public-one", "too-short"],
)
def test_demo_refuses_the_public_password_for_another_database(tmp_path, demo_password, message):
    db = tmp_path / "elsewhere.sqlite3"
    env = cli_env(tmp_path, DATABASE_URL=f"sqlite:///{db}", LANGUAGE_CODE="en")
    if demo_password is not None:
        env["DEMO_PASSWORD"] = demo_password
    result = run(["demo", "--no-serve"], env)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"CommandError: {message}\n"
    assert not db.exists()


def test_demo_loads_another_database_with_a_password_of_ones_own(tmp_path):
    db = tmp_path / "elsewhere.sqlite3"
    env = cli_env(tmp_path, DATABASE_URL=f"sqlite:///{db}", DEMO_PASSWORD="et-langt-eget-kodeord")
    result = run(["demo", "--no-serve"], env)
    assert result.returncode == 0, result.stderr
    assert "Demo users (password for new users: et-langt-eget-kodeord):" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM auth_user").fetchone()[0] == 7


def test_demo_serves_the_site(tmp_path):
    port = free_port()
    env = cli_env(tmp_path)
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
    assert result.returncode == 2
    assert result.stderr == f"CommandError: {message}\n"
    assert not (tmp_path / "var" / "static").exists()


def test_serve_names_a_bad_environment_variable(tmp_path):
    result = run(["serve"], cli_env(tmp_path, DEBUG="1", WEB_CONCURRENCY="many"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "CommandError: Environment variable WEB_CONCURRENCY='many' is not a whole number."
    )


# --- a local installation after `make demo`: every command with no variable set ---------------

ROOT = Path(__file__).resolve().parents[1]
LIST_2010 = ROOT / "tests" / "criteria" / "fixtures" / "ghetto_list_2010.csv"
LIST_2012 = ROOT / "tests" / "criteria" / "fixtures" / "ghetto_list_2012.csv"
# The README's commands this test runs (by their first word), and those it leaves to others.
NOT_RUN_HERE = {
    "serve": "test_two_local_serves_started_at_once_both_serve_plain_http",
    "build-assets": "rewrites the package's static/vendor, which `make demo` has just done",
    "createsuperuser": "asks for a password on a terminal; Django's own command",
    "restore": "would replace the database the other commands use; tests/operations restores "
    "the CLI's backups into fresh databases",
}


def bare_env() -> dict[str, str]:
    """No variable of ours at all, as after `make demo` in a new shell."""
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}


def run_in(cwd: Path, args: list[str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN), *args],
        cwd=cwd,
        env=bare_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def local_install(tmp_path_factory) -> Path:
    """A directory where `boligsocial demo --no-serve` ran with no variable set."""
    home = tmp_path_factory.mktemp("local")
    result = run_in(home, ["demo", "--no-serve"])
    assert result.returncode == 0, result.stderr
    return home


def readme_commands() -> set[str]:
    """The first word of every command in the README's command table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The `boligsocial` command", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ")[0] for line in table.splitlines() if line.startswith("| `")]
    words = {
        code.removeprefix("boligsocial ").split()[0]
        for row in rows
        for code in re.findall(r"`([^`]+)`", row)
    }
    return words - {"export"}  # `indicators import …` / `export …` is one command


def test_every_readme_command_runs_in_a_local_installation_with_no_variable_set(local_install):
    home = local_install
    runs = {
        "--help": ["--help"],
        "demo": ["demo", "--no-serve"],
        "migrate": ["migrate"],
        "check": ["check", "--deploy"],
        "shell": ["shell", "--no-imports", "-c", "print('shell works')"],
        "criteria": ["criteria", "classify", str(LIST_2010), "-o", "classified.csv"],
        "lists": ["lists", "import", str(LIST_2012), "--source", "Liste 2012 (test)"],
        "indicators": ["indicators", "export", "-o", "figures.csv"],
        "spectacular": ["spectacular", "--file", "schema.yaml"],
        "check-data": ["check-data"],
        # Next to the Aarhus demo, at a small scale (the full one is `make national`).
        "national": ["national", "--scale", "0.02"],
        "plan": ["plan", "application", "--plan", "bispehaven-2024-2028", "-o", "ansoegning.xlsx"],
        "budget": ["budget", "export", "--plan", "bispehaven-2024-2028", "-o", "budget.xlsx"],
        "accounts": ["accounts", "export", "--plan", "bispehaven-2024-2028", "-o", "regnskab.xlsx"],
        "backup": ["backup", "-q", "-o", "backup.zip"],
    }
    # Every command of the README is run here or named with the reason why not.
    assert readme_commands() <= set(runs) | set(NOT_RUN_HERE)
    assert {"demo", "serve", "criteria", "lists", "indicators"} <= readme_commands()
    for name, args in runs.items():
        result = run_in(home, args)
        assert result.returncode == 0, f"{name}: {result.stderr}"
        assert "Traceback" not in result.stderr, name
    more = [
        ["criteria", "synth", "--persons", "300", "--areas", "3", "--seed", "1", "-o", "synth"],
        ["criteria", "compute", "synth/persons.parquet", "-o", "computed.csv"],
        ["indicators", "import", "figures.csv", "--source", "the export"],
        ["budget", "check", "draft.csv", "--round", "2019–26", "-o", "checked.csv"],
    ]
    (home / "draft.csv").write_text(
        "year,category,focus_area,source_kind,source,amount\n"
        "2025,salaries,,lbf,,750000.00\n"
        "2025,salaries,,municipality,Aarhus Kommune,250000.00\n",
        encoding="utf-8",
    )
    for args in more:
        result = run_in(home, args)
        assert result.returncode == 0, f"{args}: {result.stderr}"
    # One database, one key, both in var/ of the directory the commands ran in.
    assert stat.S_IMODE((home / "var" / "secret_key").stat().st_mode) == 0o600
    assert (home / "var" / "boligsocial.sqlite3").is_file()
    assert (home / "classified.csv").read_text().startswith("area,")
    assert (home / "schema.yaml").read_text().startswith("openapi: 3")
    assert (home / "ansoegning.xlsx").read_bytes().startswith(b"PK")
    assert (home / "budget.xlsx").read_bytes().startswith(b"PK")
    assert (home / "backup.zip").read_bytes().startswith(b"PK")
    assert (home / "regnskab.xlsx").read_bytes().startswith(b"PK")
    assert (home / "checked.csv").read_text().splitlines()[-1] == (
        "total,1000000.00,750000.00,250000.00,0.7500,0.2500,1"
    )


def test_two_local_serves_started_at_once_both_serve_plain_http(local_install):
    ports = [free_port(), free_port()]
    procs = [
        subprocess.Popen(
            [str(BIN), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=local_install,
            env=bare_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for port in ports
    ]
    try:
        for port, proc in zip(ports, procs, strict=True):
            status, body = wait_for(f"http://127.0.0.1:{port}/static/admin/css/base.css", proc)
            assert status == 200
            assert b"DJANGO Admin styles" in body
            # A local installation answers on plain HTTP: no redirect to https://.
            status, _ = get_page(f"http://127.0.0.1:{port}/")
            assert status == 200
    finally:
        outs = [stop(proc) for proc in procs]
    for out in outs:
        assert "Traceback" not in out
        assert "Booting worker" in out


def test_a_local_installation_serves_this_machine_only(local_install):
    result = run_in(local_install, ["serve", "--bind", "0.0.0.0:8000"])
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "CommandError: --bind '0.0.0.0:8000': a local installation (no SECRET_KEY, DATABASE_URL "
        "or ALLOWED_HOSTS set) serves plain HTTP to this machine only; set them to serve others "
        "(see README, Configuration).\n"
    )


@pytest.mark.parametrize(
    ("bind", "loopback"),
    [
        ("127.0.0.1:8000", True),
        ("127.0.0.2:8000", True),
        ("localhost:8000", True),
        ("[::1]:8000", True),
        ("unix:/run/boligsocial.sock", True),
        ("0.0.0.0:8000", False),
        ("[::]:8000", False),
        ("192.0.2.10:8000", False),
        ("boligsocial.example.dk:443", False),
    ],
)
def test_which_addresses_are_this_machine_only(bind, loopback):
    from boligsocial.core.management.commands.serve import is_loopback

    assert is_loopback(bind) is loopback


COLLECT = """
import django
django.setup()
from boligsocial.core.management.commands.serve import collect_static
collect_static()
"""


def test_concurrent_collects_of_the_static_files_do_not_collide(tmp_path):
    env = cli_env(
        tmp_path, DEBUG="0", SECRET_KEY=SECRET, DJANGO_SETTINGS_MODULE="boligsocial.settings"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", COLLECT],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [proc.communicate(timeout=600)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0], outs
    manifest = tmp_path / "var" / "static" / "staticfiles.json"
    paths = json.loads(manifest.read_text())["paths"]
    for hashed in paths.values():
        assert (tmp_path / "var" / "static" / hashed).is_file(), hashed


def test_serve_does_not_share_gunicorns_control_socket_with_other_servers():
    from boligsocial.core.management.commands.serve import gunicorn_argv

    # The default socket is one path in the user's home for every gunicorn of that user.
    assert "--no-control-socket" in gunicorn_argv(bind="127.0.0.1:8000", workers=2)
