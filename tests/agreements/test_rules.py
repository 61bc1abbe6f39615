"""The pure rules: the comparison of two versions field by field per focus area, the items
of a list, and who records LBF's approval in which capacity."""

from __future__ import annotations

from boligsocial.accounts.rules import Scopes, lbf_decision_capacities
from boligsocial.agreements import rules
from boligsocial.agreements.rules import (
    ItemChange,
    SubAgreementContent,
    VersionContent,
    compare,
    compare_items,
)
from boligsocial.lifecycle import rules as lifecycle_rules


def _sub(key: int, name: str, position: int, **fields: object) -> SubAgreementContent:
    return SubAgreementContent(key, name, position, **fields)  # type: ignore[arg-type]


def test_items_keep_the_common_run_and_mark_removed_and_added_ones():
    assert compare_items(("a", "b", "c"), ("a", "c", "d")) == (
        ItemChange("a", "same"),
        ItemChange("b", "removed"),
        ItemChange("c", "same"),
        ItemChange("d", "added"),
    )
    assert compare_items((), ("x",)) == (ItemChange("x", "added"),)
    assert compare_items(("x",), ("y",)) == (ItemChange("x", "removed"), ItemChange("y", "added"))


def test_compare_reports_each_field_per_focus_area_in_the_focus_areas_order():
    left = VersionContent(
        1,
        "Første aftale",
        (
            _sub(7, "Beskæftigelse", 2, goals="Flere i job", activities=("Jobcafé",)),
            _sub(5, "Uddannelse", 1, goals="Flere i uddannelse", target_groups="Unge"),
            _sub(9, "Kriminalitet", 3, goals="Færre sigtede"),
        ),
    )
    right = VersionContent(
        2,
        "Første aftale",
        (
            _sub(5, "Uddannelse", 1, goals="Flere i uddannelse", target_groups="Unge"),
            _sub(
                7,
                "Beskæftigelse",
                2,
                goals="Flere i job",
                activities=("Jobcafé", "Virksomhedsbesøg"),
            ),
            _sub(11, "Sammenhængskraft", 4, goals="Flere foreninger"),
        ),
    )
    result = compare(left, right)
    assert (result.left_number, result.right_number) == (1, 2)
    assert not result.note.changed
    assert [(a.focus_area_name, a.change) for a in result.focus_areas] == [
        ("Uddannelse", "same"),
        ("Beskæftigelse", "changed"),
        ("Kriminalitet", "removed"),
        ("Sammenhængskraft", "added"),
    ]
    employment = result.focus_areas[1]
    assert [f.name for f in employment.fields] == list(rules.FIELDS)
    assert [f.name for f in employment.fields if f.changed] == ["activities"]
    activities = employment.fields[2]
    assert activities.left == ("Jobcafé",)
    assert activities.right == ("Jobcafé", "Virksomhedsbesøg")
    assert [i.change for i in activities.items] == ["same", "added"]
    removed = result.focus_areas[2]
    assert removed.fields[0].left == "Færre sigtede"
    assert removed.fields[0].right is None
    assert all(f.changed for f in removed.fields if f.left)
    assert result.changed


def test_compare_of_a_version_with_itself_changes_nothing_but_a_new_note_does():
    version = VersionContent(3, "Note", (_sub(1, "Uddannelse", 1, goals="Mål"),))
    assert not compare(version, version).changed
    renoted = VersionContent(4, "Ny note", version.sub_agreements)
    result = compare(version, renoted)
    assert result.changed
    assert result.note.changed
    assert result.note.left == "Note"
    assert result.note.right == "Ny note"


def test_items_of_a_list():
    check = {"max_items": 2, "max_length": 5}
    assert rules.item_problem(["abc"], **check) is None
    assert rules.item_problem("abc", **check) == rules.ItemProblem("not_a_list")
    assert rules.item_problem(["a", "b", "c"], **check) == rules.ItemProblem("too_many")
    assert rules.item_problem(["a", None], **check) == rules.ItemProblem("not_text", 1)
    assert rules.item_problem([""], **check) == rules.ItemProblem("empty", 0)
    assert rules.item_problem(["abcdef"], **check) == rules.ItemProblem("too_long", 0)
    assert rules.items_from_lines(" a \n\n b\r\n") == ["a", "b"]


def test_lbf_decisions_are_recorded_by_lbf_and_by_administrators_only():
    """The capacities come from accounts, shared with the plan's lifecycle."""
    both = Scopes(is_authenticated=True, is_admin=True, acts_for_lbf=True)
    assert lbf_decision_capacities(both) == ("lbf", "admin_recording_lbf")
    assert lbf_decision_capacities(Scopes(is_authenticated=True, acts_for_lbf=True)) == ("lbf",)
    assert lbf_decision_capacities(Scopes(is_authenticated=True, is_admin=True)) == (
        "admin_recording_lbf",
    )
    leader = Scopes(is_authenticated=True, led_plan_ids=frozenset({1}))
    assert lbf_decision_capacities(leader) == ()
    assert lbf_decision_capacities(Scopes()) == ()
    assert frozenset(lbf_decision_capacities(both)) == lifecycle_rules.LBF_DECIDERS
