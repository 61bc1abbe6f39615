"""Settings from the environment: production settings pass `check --deploy` without warnings,
and a bad value stops the command with a message naming the variable."""

from __future__ import annotations

import os
import secrets
import stat
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
    "BOLIGSOCIAL_HOME",
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
            {"SECRET_KEY": None, "DATABASE_URL": "postgres://boligsocial@db.example.dk/bs"},
            "Environment variable SECRET_KEY is required when DEBUG is off and DATABASE_URL or "
            "ALLOWED_HOSTS is set (only a local installation keeps its own key in var/).",
        ),
        (
            {"SECRET_KEY": None, "ALLOWED_HOSTS": "boligsocial.example.dk"},
            "Environment variable SECRET_KEY is required when DEBUG is off and DATABASE_URL or "
            "ALLOWED_HOSTS is set (only a local installation keeps its own key in var/).",
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
        (
            {"LOGIN_FAILURE_LIMIT": "many"},
            "Environment variable LOGIN_FAILURE_LIMIT='many' is not a whole number.",
        ),
        (
            {"LOGIN_LOCKOUT_MINUTES": "0"},
            "Environment variable LOGIN_LOCKOUT_MINUTES=0 must be >= 1.",
        ),
        (
            {"PASSWORD_MIN_LENGTH": "6"},
            "Environment variable PASSWORD_MIN_LENGTH=6 must be >= 8.",
        ),
    ],
    ids=[
        "bad-debug",
        "missing-secret-key-with-a-database-url",
        "missing-secret-key-with-allowed-hosts",
        "short-secret-key",
        "49-char-secret-key",
        "bad-database-url",
        "bad-database-port",
        "bad-language-code",
        "bad-hsts-seconds",
        "bad-ssl-redirect",
        "bad-login-failure-limit",
        "zero-lockout-minutes",
        "short-password-minimum",
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
    assert result.returncode == 2
    assert result.stdout == ""
    # One line naming the variable, no traceback.
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"boligsocial: configuration error: {message}")
    assert not (tmp_path / "var" / "secret_key").exists()


def local_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A local installation after `make demo`: no variable of ours set at all."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(BOLIGSOCIAL_HOME=str(tmp_path), **extra)
    return env


def settings_of(env: dict[str, str], *names: str) -> list[str]:
    code = "from django.conf import settings\n" + "".join(
        f"print(repr(settings.{name}))\n" for name in names
    )
    result = subprocess.run(
        [str(BIN), "shell", "--no-imports", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_a_local_installation_generates_its_secret_key_once_readable_by_its_owner_only(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    first = check(local_env(tmp_path))
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    assert len(key.strip()) >= 50
    assert check(local_env(tmp_path)).returncode == 0
    assert key_file.read_text() == key
    assert settings_of(local_env(tmp_path), "SECRET_KEY", "LOCAL_INSTALLATION") == [
        repr(key.strip()),
        "True",
    ]


def test_a_local_installation_serves_plain_http_on_loopback_names(tmp_path):
    assert settings_of(
        local_env(tmp_path), "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "ALLOWED_HOSTS"
    ) == ["False", "False", "['127.0.0.1', 'localhost', '[::1]']"]


def test_a_local_secret_key_readable_by_others_is_refused(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    key_file.parent.mkdir()
    key_file.write_text("k" * 60)
    key_file.chmod(0o644)
    result = check(local_env(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (
        f"boligsocial: configuration error: The local secret key file {key_file} is readable "
        f"by other users (mode 0644); run `chmod 600 {key_file}`.\n"
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"DEBUG": "1"},
        {"SECRET_KEY": "s" * 60},
        {"SECRET_KEY": "s" * 60, "DATABASE_URL": "sqlite:///elsewhere.sqlite3"},
    ],
    ids=["debug", "secret-key-set", "deployment"],
)
def test_no_local_key_file_outside_a_local_installation(tmp_path, extra):
    env = local_env(tmp_path, **extra)
    assert settings_of(env, "LOCAL_INSTALLATION") == ["False"]
    assert not (tmp_path / "var" / "secret_key").exists()


def test_a_deployment_keeps_the_https_defaults(tmp_path):
    env = production_env(tmp_path)
    assert settings_of(env, "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE") == ["True", "True"]


def test_two_processes_creating_the_local_key_at_once_agree(tmp_path):
    env = local_env(tmp_path)
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    procs = [
        subprocess.Popen(
            [str(BIN), "shell", "--no-imports", "-c", code],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    keys = {proc.communicate(timeout=120)[0].strip() for proc in procs}
    assert len(keys) == 1
    assert keys == {(tmp_path / "var" / "secret_key").read_text().strip()}


def test_a_deployment_lets_health_probes_through_over_plain_http(tmp_path):
    """The HTTPS redirect spares /healthz and /readyz, which a load balancer probes on the app's
    plain-HTTP port (decision 0033); every other address is still redirected."""
    import ast
    import re

    env = production_env(tmp_path)
    (exempt,) = settings_of(env, "SECURE_REDIRECT_EXEMPT")
    patterns = ast.literal_eval(exempt)  # the repr of a list of strings
    for path in ("healthz", "healthz/", "readyz", "readyz/"):
        assert any(re.search(p, path) for p in patterns), path
    for path in ("", "intern/", "api/v1/plans/", "healthzz"):
        assert not any(re.search(p, path) for p in patterns), path
