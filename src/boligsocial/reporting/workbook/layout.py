"""The accounts workbook's layout, the contract between its export and its import
(docs/decisions/0027): fixed Danish headings, as the budget workbook's.

- `Oversigt` (first): the plan, its slug, the day of the export and the format (`FORMAT`), then
  the reguleringskonto per year (`STATEMENT`): what may be entered (the opening balance when it
  is not carried forward, received from LBF, local co-financing received, the note) is read
  back; the status, the computed opening balance, the money spent and the closing balance are
  not. The hidden last column holds each report's version token.
- One sheet per year of the plan's period that may have a report (titled with the year): the
  account lines (`COLUMNS`), each on the budget line it was spent on (`Budgetlinje`, chosen
  from the year's lines in `Lister`; the hidden `Nøgle` holds its key).
- `Lister`: the budget lines of each year, the categories and the focus areas. Not read back."""

from __future__ import annotations

from boligsocial.budgets.workbook.sheets import KEY_HEADING, Column

FORMAT = "boligsocial-regnskab/1"
SUMMARY = "Oversigt"
LISTS = "Lister"
YEAR_HEADING = "År"

LABEL_PLAN = "Helhedsplan"
LABEL_SLUG = "Plan-id"
LABEL_EXPORTED = "Eksporteret"
LABEL_FORMAT = "Format"
TOKEN_HEADING = "Versionsmærke"  # noqa: S105 - a heading, not a password

STATEMENT = (
    Column("year", YEAR_HEADING, 8),
    Column("status", "Status", 26),
    Column("opening", "Primo (kr.)", 16),
    Column("opening_balance", "Primo, indtastet (kr.)", 20),
    Column("lbf_received", "Modtaget fra LBF (kr.)", 20),
    Column("local_received", "Lokal medfinansiering modtaget (kr.)", 24),
    Column("spent", "Brugt (kr.)", 16),
    Column("closing", "Ultimo (kr.)", 16),
    Column("note", "Bemærkning", 40),
    Column("token", TOKEN_HEADING, 30),
)
#: Statement columns the import reads; the others are computed.
STATEMENT_ENTERED = ("opening_balance", "lbf_received", "local_received", "note")

COLUMNS = (
    Column("budget_line", "Budgetlinje", 50),
    Column("category", "Kategori", 18),
    Column("focus_area", "Indsatsområde", 30),
    Column("text", "Tekst", 40),
    Column("amount", "Beløb (kr.)", 18),
    Column("key", KEY_HEADING, 34),
)
SHARED = "Fælles"
SHORT_KEY = 8  # characters of a budget line's key in its label: "Lektiecafé · … · #1a2b3c4d"
