"""`boligsocial demo`: migrate the database, load the Aarhus demo data and serve the site with
Django's development server. The `boligsocial` command sets DEBUG=1 for it."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.demo.load import DEFAULT_PASSWORD, load_demo
from boligsocial.demo.source import DemoDataError

DEFAULT_PORT = 8000
# A file `boligsocial build-assets` puts in the static folder; missing means no assets.
ASSET_PROBE = "vendor/htmx/htmx.min.js"


def _port(value: str, *, name: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise CommandError(f"{name}={value!r} is not a port number (1–65535).") from None
    if not 1 <= port <= 65535:
        raise CommandError(f"{name}={port} is not a port number (1–65535).")
    return port


class Command(BaseCommand):
    help = (
        "Migrate the database, load the Aarhus demo data (idempotent: loading twice adds "
        "nothing) and serve the site on http://127.0.0.1:PORT with the development server. "
        "Demo users get the password in DEMO_PASSWORD (default: demo-boligsocial, which is "
        "only allowed for the local demo database under var/)."
    )
    requires_system_checks = []  # the development server runs them itself

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--port",
            default=None,
            help=f"Port to serve on (default: the PORT environment variable, else {DEFAULT_PORT}).",
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Migrate and load the demo data, then stop without serving.",
        )

    def _check_password(self) -> None:
        """The public demo password is only for the local demo database (the default SQLite
        database under var/); elsewhere DEMO_PASSWORD must be given, and pass the password
        validators. Checked before the database is touched."""
        given = os.environ.get("DEMO_PASSWORD", "")
        if not given:
            if not settings.USES_LOCAL_DATABASE:
                raise CommandError(
                    "DATABASE_URL is not the local demo database: set DEMO_PASSWORD to a "
                    f"password of your own; the public demo password ({DEFAULT_PASSWORD}) is "
                    "only used in var/.",
                    returncode=2,
                )
            return
        if given == DEFAULT_PASSWORD and not settings.USES_LOCAL_DATABASE:
            raise CommandError(
                "DEMO_PASSWORD is the public demo password, which is only used for the local "
                "demo database in var/: choose another.",
                returncode=2,
            )
        try:
            password_validation.validate_password(given)
        except ValidationError as exc:
            raise CommandError(f"DEMO_PASSWORD: {' '.join(exc.messages)}", returncode=2) from None

    def handle(self, *args: Any, **options: Any) -> None:
        if options["port"] is not None:
            port = _port(options["port"], name="--port")
        else:
            port = _port(os.environ.get("PORT", "") or str(DEFAULT_PORT), name="PORT")
        verbosity = options["verbosity"]
        self._check_password()

        self.stdout.write("Migrating the database …")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        self.stdout.write("Loading the Aarhus demo data …")
        try:
            report = load_demo()
        except (DemoDataError, ValidationError) as exc:
            raise CommandError(
                f"The demo data could not be loaded (nothing was written): {exc}"
            ) from exc
        if report.total_created:
            made = ", ".join(f"{n} {kind}" for kind, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {made}."))
        else:
            self.stdout.write("The demo data was already loaded: nothing new created.")

        self.stdout.write(f"\nDemo users (password for new users: {report.password}):")
        width = max(len(u.username) for u in report.users)
        for user in report.users:
            note = "" if user.created else "  (existing user: password unchanged)"
            self.stdout.write(f"  {user.username.ljust(width)}  {user.description}{note}")

        if finders.find(ASSET_PROBE) is None:
            self.stderr.write(
                "Warning: the front-end assets are missing, so pages will have no styles: "
                "run `make assets` (or `npm ci && boligsocial build-assets`)."
            )
        if options["no_serve"]:
            return
        self.stdout.write(f"\nServing on http://127.0.0.1:{port}/ (Ctrl+C stops).\n")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
