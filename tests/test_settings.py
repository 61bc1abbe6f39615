"""Settings from the environment: production settings pass `check --deploy` without warnings,
and a bad value stops the command with a message naming the variable."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).with_name("boligsocial")
_CLEARED = (
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # the browser suite sets it for Playwright
    "SECRET_KEY",
    "DATABASE_URL",
    "ALLOWED_HOSTS",
    "LANGUAGE_CODE",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_PROXY",
    "DJANGO_SETTINGS_MODULE",
)


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a production machine: DEBUG unset, a strong key, nothing else."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(BOLIGSOCIAL_HOME=str(tmp_path), SECRET_KEY=secrets.token_urlsafe(48))
    env.update(extra)
    return env


def check(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN), "check", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("debug", [None, "0", "false", "no"])
def test_production_settings_pass_the_deploy_check_without_warnings(tmp_path, debug):
    env = production_env(tmp_path)
    if debug is not None:
        env["DEBUG"] = debug
    assert len(env["SECRET_KEY"]) >= 50
    result = check(env, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"
    assert result.stderr == ""


def test_the_default_database_is_sqlite_under_var(tmp_path):
    result = check(production_env(tmp_path), "--database", "default")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var").is_dir()


def test_debug_runs_without_a_secret_key(tmp_path):
    env = production_env(tmp_path, DEBUG="1")
    del env["SECRET_KEY"]
    result = check(env)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"DEBUG": "maybe"},
            "Environment variable DEBUG='maybe' is not a boolean; use one of 1/0, true/false, "
            "yes/no.",
        ),
        (
            {"SECRET_KEY": None},
            "Environment variable SECRET_KEY is required but not set.",
        ),
        (
            {"SECRET_KEY": "too-short-a-key"},
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off.",
        ),
        (
            {"DEBUG": "0", "SECRET_KEY": "x" * 49},
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off.",
        ),
        (
            {"DATABASE_URL": "nonsense"},
            "DATABASE_URL='nonsense' is not a valid URL: ",
        ),
        (
            {"DATABASE_URL": "postgres://user@localhost:notaport/db"},
            "DATABASE_URL='postgres://user@localhost:notaport/db' is not a valid URL: ",
        ),
        (
            {"LANGUAGE_CODE": "fr"},
            "Environment variable LANGUAGE_CODE='fr' must be one of: da, en.",
        ),
        (
            {"SECURE_HSTS_SECONDS": "a year"},
            "Environment variable SECURE_HSTS_SECONDS='a year' is not a whole number.",
        ),
        (
            {"SECURE_SSL_REDIRECT": "sometimes"},
            "Environment variable SECURE_SSL_REDIRECT='sometimes' is not a boolean; use one of "
            "1/0, true/false, yes/no.",
        ),
    ],
    ids=[
        "bad-debug",
        "missing-secret-key",
        "short-secret-key",
        "49-char-secret-key",
        "bad-database-url",
        "bad-database-port",
        "bad-language-code",
        "bad-hsts-seconds",
        "bad-ssl-redirect",
    ],
)
def test_a_bad_value_stops_with_a_message_naming_the_variable(tmp_path, changes, message):
    env = production_env(tmp_path)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    result = check(env)
    assert result.returncode == 1
    assert result.stdout == ""
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"django.core.exceptions.ImproperlyConfigured: {message}")
