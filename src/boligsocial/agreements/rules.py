"""The cooperation agreement's rules, without Django: which capacity may record LBF's
approval, what a list of items may hold, and the comparison of two versions field by field
per focus area (docs/decisions/0023-cooperation-agreement.md)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field

# LBF's approval is recorded in the accounts' LBF decision capacities (`accounts.rules.LBF`,
# `ADMIN_RECORDING_LBF`, the keys of models.ApprovalCapacity), as the lifecycle's decisions are.

# The comparable fields of a sub-agreement, in the order they are shown.
TEXT_FIELDS = ("goals", "target_groups")
LIST_FIELDS = ("activities", "indicators")
FIELDS = TEXT_FIELDS + LIST_FIELDS


@dataclass(frozen=True)
class ItemProblem:
    """What is wrong with a list of items: `kind` is not_a_list, not_text, empty, too_long or
    too_many; `index` the 0-based item at fault (None for the whole list)."""

    kind: str
    index: int | None = None


def item_problem(items: object, *, max_items: int, max_length: int) -> ItemProblem | None:
    """The first problem of a list of items (activities, indicators), or None: it must be a
    list of at most `max_items` non-blank texts of at most `max_length` characters each."""
    if not isinstance(items, list):
        return ItemProblem("not_a_list")
    if len(items) > max_items:
        return ItemProblem("too_many")
    for index, item in enumerate(items):
        if not isinstance(item, str):
            return ItemProblem("not_text", index)
        if not item.strip():
            return ItemProblem("empty", index)
        if len(item) > max_length:
            return ItemProblem("too_long", index)
    return None


def items_from_lines(text: str) -> list[str]:
    """The items of a text with one item a line: blank lines dropped, spaces trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# Comparing two versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class SubAgreementContent:
    """What a sub-agreement says, keyed by its focus area."""

    focus_area_id: int
    focus_area_name: str
    position: int
    goals: str = ""
    target_groups: str = ""
    activities: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class VersionContent:
    number: int
    note: str
    sub_agreements: tuple[SubAgreementContent, ...]


@dataclass(frozen=True)
class ItemChange:
    """One item of a list in the comparison: `change` is same, added (only right) or removed
    (only left)."""

    text: str
    change: str


@dataclass(frozen=True)
class FieldComparison:
    name: str
    left: str | tuple[str, ...] | None
    right: str | tuple[str, ...] | None
    changed: bool
    items: tuple[ItemChange, ...] = ()


@dataclass(frozen=True)
class FocusAreaComparison:
    """One focus area in both versions: `change` is same, changed, added (only in the right
    version) or removed (only in the left)."""

    focus_area_id: int
    focus_area_name: str
    change: str
    fields: tuple[FieldComparison, ...]


@dataclass(frozen=True)
class Comparison:
    left_number: int
    right_number: int
    note: FieldComparison
    focus_areas: tuple[FocusAreaComparison, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return self.note.changed or any(f.change != "same" for f in self.focus_areas)


def compare_items(left: Sequence[str], right: Sequence[str]) -> tuple[ItemChange, ...]:
    """The items of both lists in one sequence, each marked same, removed or added, in the
    order a reader follows them (the longest common run of items kept)."""
    changes: list[ItemChange] = []
    matcher = difflib.SequenceMatcher(a=list(left), b=list(right), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes.extend(ItemChange(text, "same") for text in left[i1:i2])
            continue
        changes.extend(ItemChange(text, "removed") for text in left[i1:i2])
        changes.extend(ItemChange(text, "added") for text in right[j1:j2])
    return tuple(changes)


def _field(
    name: str, left: SubAgreementContent | None, right: SubAgreementContent | None
) -> FieldComparison:
    before = getattr(left, name) if left is not None else None
    after = getattr(right, name) if right is not None else None
    items: tuple[ItemChange, ...] = ()
    if name in LIST_FIELDS:
        items = compare_items(before or (), after or ())
    return FieldComparison(
        name=name, left=before, right=after, changed=before != after, items=items
    )


def compare(left: VersionContent, right: VersionContent) -> Comparison:
    """The two versions side by side: the note, then every focus area of either version (in
    the focus areas' order) with each field of its sub-agreement in both and whether it
    changed."""
    lefts = {s.focus_area_id: s for s in left.sub_agreements}
    rights = {s.focus_area_id: s for s in right.sub_agreements}
    keys = sorted(
        set(lefts) | set(rights),
        key=lambda k: ((lefts.get(k) or rights[k]).position, k),
    )
    areas: list[FocusAreaComparison] = []
    for key in keys:
        before, after = lefts.get(key), rights.get(key)
        fields = tuple(_field(name, before, after) for name in FIELDS)
        if before is None:
            change = "added"
        elif after is None:
            change = "removed"
        else:
            change = "changed" if any(f.changed for f in fields) else "same"
        name = (after or before).focus_area_name  # type: ignore[union-attr]
        areas.append(FocusAreaComparison(key, name, change, fields))
    note = FieldComparison("note", left.note, right.note, left.note != right.note)
    return Comparison(left.number, right.number, note, tuple(areas))
