"""`boligsocial serve`: the production server. Collects the static files (served by whitenoise)
and replaces this process with gunicorn running `boligsocial.wsgi`."""

from __future__ import annotations

import ipaddress
import os
import re
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.core.static_lock import static_root_lock
from boligsocial.env import env_int, env_str

_BIND = re.compile(r"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.\-]+):(\d{1,5})$|^unix:.+$")


def collect_static() -> None:
    """collectstatic into STATIC_ROOT, one process at a time."""
    with static_root_lock(Path(settings.STATIC_ROOT)):
        call_command("collectstatic", interactive=False, verbosity=0)


def is_loopback(bind: str) -> bool:
    """Whether `bind` (HOST:PORT or unix:PATH) listens on this machine only."""
    if bind.startswith("unix:"):
        return True
    host = bind.rsplit(":", 1)[0].strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def gunicorn_argv(*, bind: str, workers: int, extra: list[str] | None = None) -> list[str]:
    """The command line that replaces this process. gunicorn also reads GUNICORN_CMD_ARGS."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "boligsocial.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        # gunicorn's control socket lives in the user's home by default, one path for every
        # server of that user: two installations (or two `serve`s) would take it from each
        # other. Boligsocial does not use it.
        "--no-control-socket",
        *(extra or []),
    ]


class Command(BaseCommand):
    help = (
        "Serve the site in production: collect static files (served by whitenoise), then run "
        "gunicorn with boligsocial.wsgi. Configure with the environment (DEBUG off, SECRET_KEY, "
        "ALLOWED_HOSTS, DATABASE_URL; see README). Further gunicorn options can be given in "
        "GUNICORN_CMD_ARGS. Run `boligsocial migrate` first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=None,
            metavar="HOST:PORT",
            help="Address to listen on (default: the BIND environment variable, else "
            "127.0.0.1:PORT with PORT from the environment or 8000). unix:PATH for a socket.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            metavar="N",
            help="Worker processes (default: WEB_CONCURRENCY from the environment, else 2 per "
            "CPU core plus one).",
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collectstatic (when the static files were collected at build time).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            bind = options["bind"] or env_str(
                "BIND", f"127.0.0.1:{env_int('PORT', 8000, minimum=1)}"
            )
            workers = options["workers"]
            if workers is None:
                workers = env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1, minimum=1)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from None
        if not _BIND.match(bind):
            raise CommandError(f"--bind {bind!r} is not HOST:PORT (for example 0.0.0.0:8000).")
        if not bind.startswith("unix:") and not 1 <= int(bind.rsplit(":", 1)[1]) <= 65535:
            raise CommandError(f"--bind {bind!r}: the port must be 1–65535.")
        if workers < 1:
            raise CommandError(f"--workers {workers}: at least 1 worker is needed.")
        if settings.LOCAL_INSTALLATION and not is_loopback(bind):
            raise CommandError(
                f"--bind {bind!r}: a local installation (no SECRET_KEY, DATABASE_URL or "
                "ALLOWED_HOSTS set) serves plain HTTP to this machine only; set them to serve "
                "others (see README, Configuration).",
                returncode=2,
            )

        if not options["no_collectstatic"]:
            collect_static()
        argv = gunicorn_argv(bind=bind, workers=workers)
        self.stdout.write(f"Starting gunicorn on {bind} with {workers} worker(s).")
        self.stdout.flush()
        sys.stderr.flush()
        os.execv(argv[0], argv)  # noqa: S606 (argv is gunicorn_argv(): our gunicorn, no shell)
