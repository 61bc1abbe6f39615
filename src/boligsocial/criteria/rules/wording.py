"""The Danish words of the criteria: the one place where an explanation's parts
(`explain.py`) become sentences ("Opfylder 2 af 4 kriterier: …"), for the area page, the CSV and
JSON of `criteria classify`, and later the PDF. A figure hidden by disclosure control is
rendered as withheld here, from the part's own data, never by editing a finished sentence.
No Django imports."""

from __future__ import annotations

from decimal import Decimal

from boligsocial.criteria.rules.explain import (
    AtRisk,
    Count,
    CriterionPart,
    Designations,
    Explanation,
    GroupCriteria,
    Part,
    Requirement,
    ResidentsFloor,
    StreakPart,
)
from boligsocial.criteria.rules.law import COMPARATOR_WORDS, FIGURE_UNITS, Unit
from boligsocial.criteria.rules.types import Comparator, DesignationKey, FigureField

FIELD_LABELS: dict[FigureField, str] = {
    "pct_outside_labour": "andelen af 18–64-årige uden for arbejdsmarked og uddannelse",
    "pct_convicted": "andelen af dømte blandt beboere på 18 år og derover",
    "conviction_ratio": "andelen af dømte målt i forhold til landsgennemsnittet",
    "pct_non_western": "andelen af indvandrere og efterkommere fra ikke-vestlige lande",
    "pct_basic_education": "andelen af 30–59-årige med kun grundskole",
    "income_pct_of_region": (
        "den gennemsnitlige bruttoindkomst (15–64 år, ekskl. uddannelsessøgende)"
    ),
}
# The unit of a figure as written after it ("55 %", "3 gange", "50 % af regionens").
UNIT_WORDS: dict[Unit, str] = {
    Unit.PERCENT: " %",
    Unit.TIMES_NATIONAL_AVERAGE: " gange",
    Unit.PERCENT_OF_REGIONAL_AVERAGE: " % af regionens",
}
FIELD_UNITS: dict[FigureField, str] = {f: UNIT_WORDS[unit] for f, unit in FIGURE_UNITS.items()}
DESIGNATION_LABELS: dict[DesignationKey, str] = {
    "ghetto": "ghettoområde",
    "haardt_ghetto": "hårdt ghettoområde",
    "udsat": "udsat boligområde",
    "parallelsamfund": "parallelsamfund",
    "omdannelse": "omdannelsesområde",
    "forebyggelse": "forebyggelsesområde",
}
GROUP_LABELS: dict[str, str] = {
    "ghetto": "ghettoområde",
    "udsat": "udsat boligområde",
    "parallelsamfund": "parallelsamfund",
    "forebyggelse": "forebyggelsesområde",
    "forebyggelse_non_western": "forebyggelsesområde",
}
COMPARATOR_REQUIRED: dict[Comparator, str] = {
    Comparator.GT: "skal overstige",
    Comparator.GE: "skal være mindst",
    Comparator.LT: "skal være mindre end",
}


def danish_number(value: Decimal | int, places: int | None = None) -> str:
    """1234.5 → '1.234,5'; `places` rounds first. Trailing zeros of a decimal are dropped."""
    number = Decimal(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def shown_value(value: Decimal, threshold: Decimal) -> str:
    """At most two decimals, unless rounding would make the value look equal to the threshold."""
    rounded = value.quantize(Decimal("0.01"))
    if rounded == threshold and value != threshold:
        return danish_number(value)
    return danish_number(rounded)


def describe(part: CriterionPart, withheld: str = "") -> str:
    """One criterion: its figure and the threshold in the law's words; a hidden figure says
    why it is not shown (`withheld` is the reader's suppression label, e.g. "<5")."""
    unit = FIELD_UNITS[part.field]
    words = (COMPARATOR_WORDS if part.met else COMPARATOR_REQUIRED)[part.comparator]
    threshold = f"({words} {danish_number(part.threshold)}{unit})"
    if part.value is None:
        return (
            f"{FIELD_LABELS[part.field]} vises ikke, da tallet bygger på færre end "
            f"{withheld.lstrip('<')} personer {threshold}"
        )
    return (
        f"{FIELD_LABELS[part.field]} er {shown_value(part.value, part.threshold)}{unit} {threshold}"
    )


def _listing(parts: tuple[CriterionPart, ...], withheld: str) -> str:
    return "; ".join(describe(p, withheld) for p in parts)


def _years(years: tuple[int, ...]) -> str:
    return ", ".join(str(y) for y in years)


def _group_label(group: str) -> str:
    return GROUP_LABELS.get(group, group)


def _sentence(part: Part, withheld: str) -> str:
    if isinstance(part, Count):
        n = len(part.met)
        text = f"Opfylder {n} af {part.total} kriterier" + (
            f": {_listing(part.met, withheld)}." if part.met else "."
        )
        if part.unmet:
            text += f" Opfylder ikke: {_listing(part.unmet, withheld)}."
        return text
    if isinstance(part, Requirement):
        label = _group_label(part.group).capitalize()
        return f"{label} kræver mindst {part.min_met} af {part.total}."
    if isinstance(part, GroupCriteria):
        label = _group_label(part.group)
        members = part.met + part.unmet
        if len(members) == 1:
            return f"Krav for {label}: {describe(members[0], withheld)}."
        text = (
            f"Kriterier for {label}: opfylder {len(part.met)} af {len(members)} "
            f"(mindst {part.min_met} kræves)"
        )
        if part.met:
            text += f": {_listing(part.met, withheld)}"
        if part.unmet:
            text += f"; opfylder ikke: {_listing(part.unmet, withheld)}"
        return text + "."
    if isinstance(part, ResidentsFloor):
        residents = withheld if part.residents is None else danish_number(part.residents)
        return (
            f"Området har {residents} beboere, færre end de "
            f"{danish_number(part.min_residents)}, som enhver betegnelse kræver."
        )
    if isinstance(part, StreakPart):
        return _describe_streak(part)
    if isinstance(part, Designations):
        held = [DESIGNATION_LABELS[k] for k in part.held]
        return f"Betegnelse: {', '.join(held)}." if held else "Ingen betegnelse."
    if isinstance(part, AtRisk):
        return (
            f"Tæt på grænsen (inden for {danish_number(part.margin * 100)} % af tærsklen): "
            f"{_listing(part.criteria, withheld)}."
        )
    raise TypeError(f"no wording for {part!r}")


def _describe_streak(part: StreakPart) -> str:
    streak = part.streak
    counts_as = " eller ".join(DESIGNATION_LABELS[d] for d in part.counts_as)
    first = part.list_year - streak.years_required + 1
    text = (
        f"{DESIGNATION_LABELS[part.designation].capitalize()} kræver {counts_as} på hver af de "
        f"seneste {streak.years_required} lister ({first}–{part.list_year})"
    )
    if streak.complete:
        return f"{text}: bekræftet for {_years(streak.confirmed)}."
    details = []
    if streak.confirmed:
        details.append(f"bekræftet for {_years(streak.confirmed)}")
    if streak.denied:
        details.append(f"ikke opfyldt i {_years(streak.denied)}")
    if streak.missing:
        details.append(f"ingen oplysninger om {_years(streak.missing)}")
    return f"{text}: {', '.join(details)}."


def render_danish(explanation: Explanation, *, withheld: str = "") -> str:
    """The explanation in Danish, the language of the law, as one paragraph."""
    return " ".join(_sentence(part, withheld) for part in explanation.parts)
