"""The plain-Danish explanation of a classification ("Opfylder 2 af 4 kriterier: …")."""

from __future__ import annotations

from decimal import Decimal

from boligsocial.criteria.rules.types import (
    Classification,
    Comparator,
    CriterionResult,
    DesignationKey,
    FigureField,
    RuleSet,
    StreakResult,
)

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
FIELD_UNITS: dict[FigureField, str] = {
    "pct_outside_labour": " %",
    "pct_convicted": " %",
    "conviction_ratio": " gange",
    "pct_non_western": " %",
    "pct_basic_education": " %",
    "income_pct_of_region": " % af regionens",
}
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
COMPARATOR_WORDS: dict[Comparator, str] = {
    Comparator.GT: "overstiger",
    Comparator.GE: "mindst",
    Comparator.LT: "mindre end",
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


def describe_criterion(result: CriterionResult) -> str:
    unit = FIELD_UNITS[result.field]
    words = (COMPARATOR_WORDS if result.met else COMPARATOR_REQUIRED)[result.comparator]
    return (
        f"{FIELD_LABELS[result.field]} er {shown_value(result.value, result.threshold)}{unit} "
        f"({words} {danish_number(result.threshold)}{unit})"
    )


def _listing(results: list[CriterionResult]) -> str:
    return "; ".join(describe_criterion(r) for r in results)


def _years(years: tuple[int, ...]) -> str:
    return ", ".join(str(y) for y in years)


def _describe_streak(
    key: DesignationKey, streak: StreakResult, counts_as: str, list_year: int
) -> str:
    first = list_year - streak.years_required + 1
    text = (
        f"{DESIGNATION_LABELS[key].capitalize()} kræver {counts_as} på hver af de seneste "
        f"{streak.years_required} lister ({first}–{list_year})"
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


def explain(classification: Classification, rule_set: RuleSet, risk_margin: Decimal) -> str:
    results = list(classification.criteria)
    primary = [r for r in results if r.group == rule_set.primary_group]
    met = [r for r in primary if r.met]
    unmet = [r for r in primary if not r.met]
    n, total = len(met), classification.n_criteria
    parts = [f"Opfylder {n} af {total} kriterier" + (f": {_listing(met)}." if met else ".")]
    if unmet:
        parts.append(f"Opfylder ikke: {_listing(unmet)}.")
    primary_label = GROUP_LABELS.get(rule_set.primary_group, rule_set.primary_group)
    parts.append(
        f"{primary_label.capitalize()} kræver mindst {classification.min_criteria} af {total}."
    )
    for group in rule_set.groups:
        if group.key == rule_set.primary_group:
            continue
        label = GROUP_LABELS.get(group.key, group.key)
        members = [r for r in results if r.group == group.key]
        if len(members) == 1:
            parts.append(f"Krav for {label}: {describe_criterion(members[0])}.")
        else:
            group_met = [r for r in members if r.met]
            group_unmet = [r for r in members if not r.met]
            text = (
                f"Kriterier for {label}: opfylder {len(group_met)} af {len(members)} "
                f"(mindst {group.min_met} kræves)"
            )
            if group_met:
                text += f": {_listing(group_met)}"
            if group_unmet:
                text += f"; opfylder ikke: {_listing(group_unmet)}"
            parts.append(text + ".")

    residents = danish_number(classification.figures.residents)
    if not classification.meets_residents_floor:
        parts.append(
            f"Området har {residents} beboere, færre end de "
            f"{danish_number(classification.min_residents)}, som enhver betegnelse kræver."
        )
    for rule in rule_set.designations:
        streak = classification.streaks.get(rule.key)
        if rule.streak is None or streak is None:
            continue
        if not all(classification.designations.get(r) for r in rule.requires):
            continue
        counts_as = " eller ".join(DESIGNATION_LABELS[d] for d in rule.streak.counts_as)
        parts.append(_describe_streak(rule.key, streak, counts_as, classification.figures.year))

    held = [DESIGNATION_LABELS[k] for k, v in classification.designations.items() if v]
    parts.append(f"Betegnelse: {', '.join(held)}." if held else "Ingen betegnelse.")

    at_risk = [r for r in results if r.at_risk]
    if at_risk:
        seen: set[tuple[FigureField, Decimal]] = set()
        lines = []
        for r in at_risk:
            if (r.field, r.threshold) in seen:
                continue
            seen.add((r.field, r.threshold))
            lines.append(describe_criterion(r))
        parts.append(
            f"Tæt på grænsen (inden for {danish_number(risk_margin * 100)} % af tærsklen): "
            f"{'; '.join(lines)}."
        )
    return " ".join(parts)
