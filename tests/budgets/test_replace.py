"""An import replaces a draft's lines all or nothing, by the lines' keys."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from boligsocial.budgets.bulk import RowErrors
from boligsocial.budgets.models import BudgetLine
from boligsocial.budgets.services import budget_lines_replace, budget_open, budget_revision_start
from boligsocial.core.concurrency import ConflictError, instance_version
from tests.budgets.conftest import row
from tests.kit import make_budget, nothing_written

D = Decimal


def rows_of(version) -> list[dict]:
    return [
        {
            "key": line.key,
            "year": line.year,
            "category": line.category_id,
            "focus_area": line.focus_area_id,
            "text": line.text,
            "source_kind": line.source_kind,
            "source_organisation": line.source_organisation_id,
            "source_afdeling": line.source_afdeling_id,
            "source_name": line.source_name,
            "in_kind": line.in_kind,
            "amount": line.amount,
        }
        for line in version.lines.order_by("position")
    ]


def test_the_same_rows_change_nothing(plan, world):
    version = make_budget(plan)
    token = instance_version(version)
    with nothing_written():
        result = budget_lines_replace(version=version, rows=rows_of(version), user=None)
    assert (result.created, result.updated, result.deleted, result.unchanged) == (0, 0, 0, 8)
    version.refresh_from_db()
    assert instance_version(version) == token


def test_rows_update_create_and_delete_by_key(plan, categories, world):
    version = make_budget(plan)
    rows = rows_of(version)
    kept_key, dropped_key = rows[0]["key"], rows[1]["key"]
    rows[0]["amount"] = "123.45"
    del rows[1]
    rows.append(row(categories, text="Ny linje", year=2026))
    rows.append(row(categories, key="egen-noegle", text="Med egen nøgle", year=2026))
    result = budget_lines_replace(version=version, rows=rows, user=world.users["admin"])
    assert (result.created, result.updated, result.deleted, result.unchanged) == (2, 7, 1, 0)
    lines = {line.key: line for line in version.lines.all()}
    assert lines[kept_key].amount == D("123.45")
    assert dropped_key not in lines
    assert "egen-noegle" in lines
    assert [line.text for line in version.lines.order_by("position")][-2:] == [
        "Ny linje",
        "Med egen nøgle",
    ]
    # Positions follow the rows: every later line moved up one (updated), and the history
    # records who did it.
    removed = BudgetLine.history.get(key=dropped_key, history_type="-")
    assert removed.history_user == world.users["admin"]
    assert BudgetLine.history.filter(key=kept_key, history_type="~").count() == 1
    assert BudgetLine.history.filter(key="egen-noegle", history_type="+").count() == 1


def test_every_bad_row_is_listed_and_nothing_is_written(plan, categories):
    version = make_budget(plan)
    rows = [
        *rows_of(version),
        row(categories, year=2030),
        row(categories, amount="-5", text=""),
        row(categories, key="a" * 33),
    ]
    rows.append(dict(rows[0]))
    with nothing_written(), pytest.raises(RowErrors) as excinfo:
        budget_lines_replace(version=version, rows=rows, user=None)
    assert excinfo.value.rows == {
        8: {"year": "2030 is outside the plan's period (2023–2026)."},
        9: {"amount": "The amount cannot be negative.", "text": "Say what the money is for."},
        10: {"key": f"“{'a' * 33}” is not a line key."},
        11: {"key": f"The line key {rows[0]['key']} is also in row 1."},
    }
    assert excinfo.value.message_dict["lines"][0] == (
        "Row 9, year: 2030 is outside the plan's period (2023–2026)."
    )


def test_dry_run_counts_and_writes_nothing(plan, categories):
    version = make_budget(plan)
    with nothing_written():
        result = budget_lines_replace(
            version=version, rows=[row(categories)], user=None, dry_run=True
        )
    assert (result.created, result.updated, result.deleted) == (1, 0, 8)


def test_replace_checks_the_token(plan, categories):
    version = make_budget(plan)
    with nothing_written(), pytest.raises(ConflictError):
        budget_lines_replace(version=version, rows=[], user=None, expected="stale")


def test_a_revision_import_may_not_break_the_rule(plan, categories):
    make_budget(plan, granted_on=date(2023, 1, 2))
    revision = budget_revision_start(plan=plan, user=None)
    rows = rows_of(revision)
    lbf_rows = [r for r in rows if r["source_kind"] == "lbf"]
    lbf_rows[0]["amount"] = D(lbf_rows[0]["amount"]) + D("0.01")
    with nothing_written(), pytest.raises(ValidationError) as excinfo:
        budget_lines_replace(version=revision, rows=rows, user=None)
    assert list(excinfo.value.message_dict) == ["lines"]
    assert "cannot raise LBF's share" in excinfo.value.message_dict["lines"][0]


def test_an_empty_draft_takes_many_rows(plan, categories, django_assert_max_num_queries):
    version = budget_open(plan=plan, user=None)
    rows = [row(categories, year=2023 + i % 4, text=f"Linje {i}") for i in range(600)]
    with django_assert_max_num_queries(40):
        result = budget_lines_replace(version=version, rows=rows, user=None)
    assert result.created == 600
    assert version.lines.count() == 600
