"""`boligsocial national`: migrate the database and load the synthetic national installation
(boligsocial.demo.national; docs/decisions/0013)."""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.demo.national import (
    ADMIN_USERNAME,
    DEFAULT_PASSWORD,
    DEFAULT_SEED,
    LEADER_USERNAME,
    NationalDataError,
    default_password_allowed,
    load_national,
)


def _scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        raise CommandError(f"--scale {value!r} is not a number (e.g. 1.0 or 0.1).") from None
    if not 0 < scale <= 10:
        raise CommandError(f"--scale {value}: give a number above 0 and at most 10.")
    return scale


class Command(BaseCommand):
    help = (
        "Migrate the database and load the synthetic national installation: at --scale 1.0 "
        "about 600 fictional areas in all 98 municipalities, 7,000 afdelinger, 500 housing "
        "organisations, 400 plans, 3,000 people, 1,500 bodies, official lists and area figures "
        "2010–2024. Everything is invented and marked fictional. The same --seed gives the "
        "same data, and loading twice changes nothing. Two users are created, "
        f"{ADMIN_USERNAME} (secretariat administrator) and {LEADER_USERNAME} (plan leader), "
        "with the password in DEMO_PASSWORD (the public demo password is only allowed for a "
        "SQLite database under var/)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", default="1.0", help="Size relative to the full installation (default 1.0)."
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED})."
        )
        parser.add_argument(
            "--no-migrate", action="store_true", help="Do not run the migrations first."
        )

    def _password(self) -> str:
        given = os.environ.get("DEMO_PASSWORD", "")
        if not given or given == DEFAULT_PASSWORD:
            if not default_password_allowed():
                raise CommandError(
                    "The database is not a SQLite file under var/: set DEMO_PASSWORD to a "
                    f"password of your own for the users {ADMIN_USERNAME} and {LEADER_USERNAME}."
                )
            return DEFAULT_PASSWORD
        try:
            password_validation.validate_password(given)
        except ValidationError as exc:
            raise CommandError(f"DEMO_PASSWORD: {' '.join(exc.messages)}") from None
        return given

    def handle(self, *args: Any, **options: Any) -> None:
        scale = _scale(options["scale"])
        password = self._password()
        if not options["no_migrate"]:
            self.stdout.write("Migrating the database …")
            call_command("migrate", interactive=False, verbosity=max(options["verbosity"] - 1, 0))
        self.stdout.write(
            f"Loading the national installation (scale {scale}, seed {options['seed']}) …"
        )
        try:
            report = load_national(scale=scale, seed=options["seed"], password=password)
        except (NationalDataError, ValidationError) as exc:
            raise CommandError(
                f"The national installation could not be loaded (nothing was written): {exc}"
            ) from exc
        if report.total_created:
            made = ", ".join(f"{n:,} {kind}" for kind, n in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Created {made} in {report.seconds:.1f} s."))
        else:
            self.stdout.write(
                f"The national installation was already loaded: nothing new created "
                f"({report.seconds:.1f} s)."
            )
        self.stdout.write(f"Users (password for new users: {password}): " + ", ".join(report.users))
