"""The budget workbook's layout, the contract between its export and its import
(docs/decisions/0027). The headings and labels are Danish and fixed, whatever the reader's
language: they are how the import finds a column or a value again.

- `Oversigt` (first): the plan, its slug (`Plan-id`), the version and its version token
  (`Versionsmærke`: an import of a workbook whose version has changed since is refused as an
  edit conflict), the fund round, the day of the export, the format (`FORMAT`), then the
  co-financing check per year and for the whole period. Not read back, but for the labels.
- One sheet per year of the plan's period (titled with the year): `COLUMNS`, one row a line.
- `Lister`: the values the drop-downs of the year sheets offer. Not read back."""

from __future__ import annotations

from boligsocial.budgets.models import SourceKind
from boligsocial.budgets.workbook.sheets import KEY_HEADING, Column

FORMAT = "boligsocial-budget/1"
SUMMARY = "Oversigt"
LISTS = "Lister"

LABEL_PLAN = "Helhedsplan"
LABEL_SLUG = "Plan-id"
LABEL_VERSION = "Budgetversion"
LABEL_TOKEN = "Versionsmærke"  # noqa: S105 - a label, not a password
LABEL_ROUND = "Pulje"
LABEL_EXPORTED = "Eksporteret"
LABEL_FORMAT = "Format"

COLUMNS = (
    Column("category", "Kategori", 18),
    Column("focus_area", "Indsatsområde", 30),
    Column("text", "Tekst", 40),
    Column("source_kind", "Kildetype", 20),
    Column("source", "Kilde", 40),
    Column("in_kind", "Naturalier", 12),
    Column("amount", "Beløb (kr.)", 18),
    Column("key", KEY_HEADING, 34),
)
AMOUNT_COLUMN = 7

SUMMARY_HEADINGS = (
    "År",
    "I alt (kr.)",
    "LBF (kr.)",
    "Lokal medfinansiering (kr.)",
    "Heraf naturalier (kr.)",
    "LBF's andel",
    "Lokal andel",
    "Overholder reglen",
)
PERIOD = "Hele perioden"

KIND_LABELS = {
    SourceKind.LBF: "LBF",
    SourceKind.MUNICIPALITY: "Kommune",
    SourceKind.HOUSING_ORGANISATION: "Boligorganisation",
    SourceKind.AFDELING: "Afdeling",
    SourceKind.FOUNDATION: "Fond",
    SourceKind.OTHER: "Anden kilde",
}
YES, NO = "ja", "nej"
SHARED = "Fælles"

# What an import reads as each kind: the label, the code and a few more spellings.
KIND_WORDS = {
    **{label.lower(): kind for kind, label in KIND_LABELS.items()},
    **{kind.value: kind for kind in SourceKind},
    "landsbyggefonden": SourceKind.LBF,
    "landsbyggefonden (lbf)": SourceKind.LBF,
    "anden": SourceKind.OTHER,
    "andet": SourceKind.OTHER,
}
IN_KIND_WORDS = {
    "": False,
    NO: False,
    "0": False,
    "false": False,
    "falsk": False,
    YES: True,
    "1": True,
    "true": True,
    "sand": True,
    "x": True,
}
SHARED_WORDS = ("", SHARED.lower(), "faelles")
LBF_SOURCE_WORDS = ("", "lbf", "landsbyggefonden", "landsbyggefonden (lbf)")
