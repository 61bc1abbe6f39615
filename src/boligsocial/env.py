"""Typed readers for environment variables that fail fast with a clear message.

Every setting that differs between machines comes from the environment through one of these
readers, so a bad value stops the process at start-up with the variable's name in the message.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required but not set.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={raw!r} is not a boolean; use one of 1/0, true/false, yes/no."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not a whole number."
        ) from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"Environment variable {name}={value} must be >= {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: list[str]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r} must be one of: {', '.join(choices)}."
        )
    return value


def local_secret_key(path: Path) -> str:
    """The secret key of a local installation: read from `path`, which is created on first use
    with a new random key, readable and writable by its owner only (mode 0600).

    Two processes starting at once get the same key: the key is written to a private temporary
    file that is then linked into place, which fails if another process got there first.
    """
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_urlsafe(64) + "\n")
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink(missing_ok=True)
        except OSError as exc:
            raise ImproperlyConfigured(
                f"Cannot create the local secret key file {path} ({exc.strerror}); "
                "set the environment variable SECRET_KEY instead."
            ) from None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImproperlyConfigured(
            f"Cannot read the local secret key file {path} ({exc}); "
            "set the environment variable SECRET_KEY instead."
        ) from None
    if mode & 0o077:
        raise ImproperlyConfigured(
            f"The local secret key file {path} is readable by other users (mode {mode:04o}); "
            f"run `chmod 600 {path}`."
        )
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"The local secret key file {path} holds fewer than 50 characters; delete it to "
            "have a new key generated, or set the environment variable SECRET_KEY."
        )
    return key
