"""The README cannot drift from the code: every environment variable the code reads, and every
command, subcommand and option of the `boligsocial` console script, is in it (decision 0017).

Both lists come from the code itself: the variables from the calls that read the environment
(found with `ast`), the commands and options from the project's management commands' own
argument parsers. A new variable or option without a line in the README fails here."""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

from boligsocial.cli import ALIASES, PROG

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "boligsocial"
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The typed readers of boligsocial.env; each takes the variable's name first.
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice"}


def _is_os_environ(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _name_read(node: ast.AST) -> str | None:
    """The variable `node` reads: env_*("NAME", …), os.environ.get("NAME"), os.getenv("NAME")
    or os.environ["NAME"]. Writes (os.environ.setdefault) are not reads."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        if _is_os_environ(node.value) and isinstance(node.slice, ast.Constant):
            return str(node.slice.value)
        return None
    if not isinstance(node, ast.Call) or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id in ENV_READERS:
        return first.value
    if isinstance(func, ast.Attribute) and (
        (func.attr == "get" and _is_os_environ(func.value))
        or (func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os")
    ):
        return first.value
    return None


def variables_read() -> dict[str, str]:
    """Every environment variable the package reads, with the first place that reads it."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = _name_read(node)
            if name is not None:
                found.setdefault(name, f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    return found


def configuration_table() -> set[str]:
    """The variables in the first column of the README's configuration table."""
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)}


def test_the_scan_finds_variables_of_every_kind_of_read():
    # env_* readers in settings and in a command, os.environ.get in the demo: if the scan
    # stopped finding them, the completeness test below would pass on nothing.
    assert {"DEBUG", "SECRET_KEY", "DATABASE_URL", "WEB_CONCURRENCY", "BIND"} <= set(
        variables_read()
    )
    assert "DEMO_PASSWORD" in variables_read()
    tree = ast.parse('os.environ["A"]; os.getenv("B"); os.environ.setdefault("C", "1")')
    assert [n for n in map(_name_read, ast.walk(tree)) if n] == ["A", "B"]


def test_every_environment_variable_the_code_reads_is_in_the_readme():
    missing = {name: where for name, where in variables_read().items() if f"`{name}`" not in README}
    assert missing == {}


def test_every_variable_of_the_configuration_table_is_read_by_the_code():
    assert configuration_table() - set(variables_read()) == set()


# --- commands and options ------------------------------------------------------------------


def _django_options() -> set[str]:
    """The options every management command has (--verbosity, --settings, …, --help)."""
    parser = BaseCommand().create_parser(PROG, "any")
    return {s for action in parser._actions for s in action.option_strings}


def _walk(parser: argparse.ArgumentParser, path: str, common: set[str]) -> dict[str, list]:
    """{"criteria classify": [("--rules",), ("-o", "--output"), …], …}: each (sub)command that
    runs, with its own options (each as its spellings)."""
    commands: dict[str, list] = {}
    options = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands |= _walk(sub, f"{path} {name}", common)
        elif action.option_strings and not set(action.option_strings) & common:
            options.append(tuple(action.option_strings))
    if not commands:
        commands[path] = options
    return commands


def cli_commands() -> dict[str, list]:
    """The project's commands as typed on the command line, with their options."""
    spelled = {module: typed for typed, module in ALIASES.items()}
    common = _django_options()
    commands: dict[str, list] = {}
    for name, app in get_commands().items():
        if app.startswith("boligsocial"):
            typed = spelled.get(name, name)
            parser = load_command_class(app, name).create_parser(PROG, typed)
            commands |= _walk(parser, typed, common)
    return commands


def readme_rows(command: str) -> list[str]:
    """The rows of the README's command table that spell `boligsocial COMMAND …`."""
    section = README.split("## The `boligsocial` command", 1)[1].split("\n## ", 1)[0]
    start = re.compile(rf"`{PROG} {re.escape(command)}(?=[ `])")
    return [line for line in section.splitlines() if line.startswith("|") and start.search(line)]


def _mentions(row: str, spelling: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", row) is not None


def test_the_parsers_give_the_commands_and_options_of_the_cli():
    commands = cli_commands()
    assert {"demo", "serve", "build-assets", "check-data", "criteria classify"} <= set(commands)
    assert "criteria" not in commands  # only its subcommands run
    assert ("--no-collectstatic",) in commands["serve"]
    assert ("-o", "--output") in commands["criteria classify"]
    assert not {("--verbosity",), ("-v", "--verbosity"), ("--help",)} & set(commands["serve"])


def test_every_command_and_option_of_the_cli_is_in_the_readme():
    missing: dict[str, list[str]] = {}
    for command, options in sorted(cli_commands().items()):
        rows = readme_rows(command)
        if not rows:
            missing[command] = ["(no row)"]
            continue
        unnamed = [
            "/".join(spellings)
            for spellings in options
            if not any(_mentions(row, s) for row in rows for s in spellings)
        ]
        if unnamed:
            missing[command] = unnamed
    assert missing == {}


def test_an_option_missing_from_the_readme_is_found():
    # The matching is by whole option: --rules is not found inside --rules-file, nor
    # --year in a row that only has --years.
    assert not _mentions("`boligsocial x [--rules-file F] [--years N]`", "--rules")
    assert not _mentions("`boligsocial x [--years N]`", "--year")
    assert _mentions("`boligsocial x [--year Y]`", "--year")
    assert readme_rows("criteria classify") != []
    assert readme_rows("criteria nonexistent") == []
