"""Copy the front-end libraries installed by npm into the static folder, and compile the
translations (.po to .mo) with polib so that no gettext tools are needed to install."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import polib  # type: ignore[import-untyped]
from django.core.management.base import BaseCommand, CommandError, CommandParser

PACKAGE_DIR = Path(__file__).resolve().parents[3]
VENDOR = PACKAGE_DIR / "web" / "static" / "vendor"

# (source inside node_modules, target inside static/vendor)
ASSETS = [
    ("dkfds/dist/css", "dkfds/css"),
    ("dkfds/dist/js", "dkfds/js"),
    ("dkfds/dist/fonts", "dkfds/fonts"),
    ("dkfds/dist/img", "dkfds/img"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
]


class Command(BaseCommand):
    help = "Copy npm front-end libraries into static/vendor and compile translations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--node-modules",
            default="node_modules",
            help="Where `npm ci` installed the packages (default: ./node_modules).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        node_modules = Path(options["node_modules"]).resolve()
        if not node_modules.is_dir():
            raise CommandError(f"{node_modules} does not exist: run `npm ci` first.")
        for source, target in ASSETS:
            src, dst = node_modules / source, VENDOR / target
            if not src.exists():
                raise CommandError(f"{src} is missing: run `npm ci` to install package.json.")
            if dst.exists():
                shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst)
            else:
                shutil.copy2(src, dst)
        compiled = 0
        # The project's catalogue and each app's own (an app keeps the Danish of its strings).
        for po_path in sorted(PACKAGE_DIR.glob("**/locale/*/LC_MESSAGES/*.po")):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            compiled += 1
        self.stdout.write(f"Assets copied to {VENDOR}; {compiled} translation file(s) compiled.")
