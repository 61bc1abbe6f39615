"""The `boligsocial` command: Django's management commands plus the project's own.

`boligsocial demo`, `boligsocial serve`, `boligsocial criteria ...` and every Django command
(`migrate`, `createsuperuser`, `check`, ...) are management commands, so the CLI, the web and the
API call the same services.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")
    if len(args) > 1 and args[1] in {"demo", "build-assets"}:
        # The demo runs the development server with the development key; production never does.
        os.environ.setdefault("DEBUG", "1")
    if len(args) > 1 and args[1] == "build-assets":
        args[1] = "build_assets"
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
