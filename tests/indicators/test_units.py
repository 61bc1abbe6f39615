"""An indicator's unit is the `Unit` enumeration: its stored values are fixed English keys (they
are data), and no code outside the enumeration compares a unit with a string literal like
"count"."""

from __future__ import annotations

import ast
from pathlib import Path

from boligsocial.indicators.models import Indicator, Unit

SRC = Path(__file__).resolve().parents[2] / "src" / "boligsocial"


def test_the_stored_values_are_english_keys():
    # Changing one needs a data migration (decision 0019: `indicators` 0005 renamed pct, antal and
    # kr), not only an edit of the enumeration.
    assert dict(Unit.choices).keys() == {"percent", "count", "ratio", "kroner"}
    assert Unit.COUNT == "count"
    assert Indicator._meta.get_field("unit").choices == Unit.choices


def _unit_literals(tree: ast.AST) -> list[int]:
    """Lines that compare something with, or pass as `unit=`, a string that is a unit value."""
    values = set(Unit.values)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(isinstance(o, ast.Constant) and o.value in values for o in operands):
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.keyword)
            and node.arg == "unit"
            and isinstance(node.value, ast.Constant)
            and node.value.value in values
        ):
            lines.append(node.value.lineno)
    return lines


def test_the_check_finds_a_literal_unit():
    assert _unit_literals(
        ast.parse('x = unit == "count"\nf(unit="percent")\ny = u == Unit.COUNT')
    ) == [
        1,
        2,
    ]


def test_no_code_compares_a_unit_with_a_string_literal():
    found = {
        f"{path.relative_to(SRC)}:{line}": path.read_text(encoding="utf-8").splitlines()[line - 1]
        for path in sorted(SRC.rglob("*.py"))
        if "migrations" not in path.parts  # a migration keeps the values of its time
        for line in _unit_literals(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert found == {}
