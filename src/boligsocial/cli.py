"""The `boligsocial` command: Django's management commands plus the project's own.

`boligsocial demo`, `boligsocial serve`, `boligsocial criteria ...` and every Django command
(`migrate`, `createsuperuser`, `check`, ...) are management commands, so the CLI, the web and the
API call the same services.

What is wrong is said in one line, never with a traceback (`--traceback` shows one):
- a configuration error (a bad or missing environment variable) names the variable, exit 2;
- a project command's error (`CommandError`) or a bad argument to it, exit 2;
- an unexpected error names its type and message, exit 1.
"""

from __future__ import annotations

import os
import sys
import textwrap
from typing import Any, NoReturn

PROG = "boligsocial"
BAD_INPUT = 2
# Command-line spellings of project commands whose module names use an underscore.
ALIASES = {"build-assets": "build_assets", "check-data": "check_data"}
# Project commands whose exit status 1 is an answer, not an error.
ANSWERS_BY_STATUS = {"check_data", "budget"}
# The order of the project's commands in `boligsocial --help`: getting started first.
ORDER = [
    "demo",
    "serve",
    "build_assets",
    "criteria",
    "lists",
    "indicators",
    "check_data",
    "national",
    "plan",
    "budget",
    "accounts",
    "backup",
    "restore",
]
# One line each in `boligsocial --help`; a command not named here shows its help's first sentence.
SUMMARIES = {
    "demo": "migrate, load the Aarhus demo data (idempotent) and serve it locally",
    "serve": "collect static files and run the production server (gunicorn)",
    "build_assets": "copy the npm front-end packages into static/vendor, compile translations",
    "criteria": "classify areas under the §61a/§61b rule sets, compute or synthesise figures",
    "lists": "import a published 1 December list",
    "indicators": "import or export area figures",
    "check_data": "list every stored plan role and seat that breaks a rule, with what to do",
    "national": "set up and load the synthetic national installation (all fictional)",
    "plan": "write a plan's pre-qualification application as PDF or XLSX",
    "budget": "check a draft budget file against the 75/25 rule; budgets to and from XLSX",
    "accounts": "a plan's yearly accounts to and from XLSX",
    "backup": "back up all data and uploaded documents into one file, with checksums",
    "restore": "restore a backup into an empty database, or replace all data with it (--replace)",
}


def _fail(message: str, code: int = BAD_INPUT) -> NoReturn:
    sys.stderr.write(f"{PROG}: {message}\n")
    sys.stderr.flush()
    sys.exit(code)


def _is_project_command(name: str) -> bool:
    from django.core.management import get_commands

    return get_commands().get(name, "").startswith("boligsocial")


def _one_line_parser_errors() -> None:
    """A bad argument: one line naming it and where the options are, instead of the usage text
    followed by the error. Only in this console script; `call_command` is unchanged."""
    from django.core.management.base import CommandError, CommandParser

    def error(self: Any, message: str) -> NoReturn:
        if not self.called_from_command_line:
            raise CommandError(f"Error: {message}")
        sys.stderr.write(f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")
        sys.exit(BAD_INPUT)

    CommandParser.error = error  # type: ignore[method-assign]


def _summary(name: str, help_text: str) -> str:
    if name in SUMMARIES:
        return SUMMARIES[name]
    text = " ".join(help_text.split())
    end = text.find(". ")
    first = text if end < 0 else text[: end + 1]
    return first if len(first) <= 80 else first[:79].rstrip() + "…"


def main_help() -> str:
    """`boligsocial --help`: the project's commands with a line each, then Django's by name."""
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    spelled = {v: k for k, v in ALIASES.items()}
    ours = sorted(
        (name for name, app in commands.items() if app.startswith("boligsocial")),
        key=lambda name: (ORDER.index(name) if name in ORDER else len(ORDER), name),
    )
    lines = [
        f"Usage: {PROG} COMMAND [options]   (`{PROG} COMMAND --help` shows a command's options)",
        "",
        "Boligsocial's commands:",
    ]
    width = max(len(spelled.get(name, name)) for name in ours)
    for name in ours:
        summary = _summary(name, load_command_class(commands[name], name).help)
        lines.append(f"  {spelled.get(name, name).ljust(width)}  {summary}")
    by_app: dict[str, list[str]] = {}
    for name, app in commands.items():
        if not app.startswith("boligsocial"):
            label = "django" if app == "django.core" else app.rpartition(".")[2]
            by_app.setdefault(label, []).append(name)
    lines += [
        "",
        "Django's own commands (migrate, createsuperuser, check --deploy, shell, ...;",
        "see https://docs.djangoproject.com/en/5.2/ref/django-admin/):",
    ]
    for app in sorted(by_app):
        lines += textwrap.wrap(
            ", ".join(sorted(by_app[app])),
            width=96,
            initial_indent=f"  [{app}] ",
            subsequent_indent="    ",
        )
    return "\n".join(lines) + "\n"


def _run(args: list[str]) -> None:
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    command = args[1] if len(args) > 1 else "help"
    if command in {"help", "--help", "-h"} and len(args) <= 2:
        sys.stdout.write(main_help())
        return
    if not command.startswith("-") and command != "help" and command not in get_commands():
        _fail(f"unknown command {command!r}; `{PROG} --help` lists the commands")
    _one_line_parser_errors()
    try:
        execute_from_command_line(args)
    except SystemExit as exc:
        # Django exits 1 on a CommandError; a project command's error is bad input: exit 2.
        # A command whose exit status is its answer (check-data: 1 = rows break rules) keeps it.
        if exc.code == 1 and _is_project_command(command) and command not in ANSWERS_BY_STATUS:
            sys.exit(BAD_INPUT)
        raise


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    args[0] = PROG
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    if len(args) > 1 and args[1] in {"demo", "build_assets"}:
        # The demo runs the development server with the development key; production never does.
        os.environ.setdefault("DEBUG", "1")

    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    try:
        # Read the settings first, so that a bad environment variable is one line, not the
        # traceback Django prints when it meets the error while loading the apps.
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018
        _run(args)
    except ImproperlyConfigured as exc:
        if "--traceback" in args:
            raise
        _fail(f"configuration error: {exc}")
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except DatabaseError as exc:
        if "--traceback" in args:
            raise
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        _fail(
            f"database error: {first} (is the database reachable, and has "
            f"`{PROG} migrate` been run?)",
            1,
        )
    except Exception as exc:
        if "--traceback" in args:
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        _fail(f"unexpected error: {type(exc).__name__}: {first} (run with --traceback)", 1)


if __name__ == "__main__":
    main()
