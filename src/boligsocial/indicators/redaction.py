"""Disclosure control of an assessed year: what a reader without analyst rights may see of its
figures, criteria, explanation and reasons (docs/decisions/0005). The figures come from
`rules.disclose`; the explanation is rebuilt from its parts with the hidden figures withheld."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from boligsocial.criteria.rules import Classification, CriterionResult, get_rule_set
from boligsocial.criteria.rules.explain import explain
from boligsocial.criteria.rules.wording import render_danish
from boligsocial.indicators.assessment import YearAssessment
from boligsocial.indicators.reasons import closest, disagreement_reason
from boligsocial.indicators.rules import Figure, disclose, suppression_label


@dataclass(frozen=True)
class ShownFigure:
    value: Decimal | None  # None: suppressed for this reader
    suppressed: bool


@dataclass(frozen=True)
class ShownCriterion:
    """A criterion as the reader may see it: value and margin are None when its figure is
    suppressed, and then it is never shown as at risk (that would hint at the value)."""

    result: CriterionResult
    value: Decimal | None
    margin: Decimal | None
    at_risk: bool
    suppressed: bool
    primary: bool  # in the rule set's main group (the criteria counted in "n of m")


@dataclass(frozen=True)
class ShownYear:
    year: YearAssessment
    residents: ShownFigure | None
    criteria: tuple[ShownCriterion, ...]
    closest: ShownCriterion | None
    at_risk: tuple[ShownCriterion, ...]
    explanation: str
    hidden: frozenset[str]  # indicator keys suppressed for this reader
    reasons: tuple[str, ...]  # one per disagreement

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)


def _hidden(figures: Mapping[str, Figure], *, analyst: bool, min_count: int) -> frozenset[str]:
    if analyst:
        return frozenset()
    return frozenset(
        key
        for key, figure in figures.items()
        if disclose(figure, min_count=min_count, analyst=False) is None
    )


def redacted_explanation(classification: Classification, hidden: frozenset[str], label: str) -> str:
    """The explanation with every figure in `hidden` withheld: built from the explanation's
    parts with those figures left out (`criteria.rules.explain`), never by editing the
    engine's sentences. `label` is the reader's suppression label, e.g. "<5"."""
    if not hidden:
        return classification.explanation
    rule_set = get_rule_set(classification.rules)
    parts = explain(classification, rule_set, classification.risk_margin, hidden)
    return render_danish(parts, withheld=label)


def shown_year(year: YearAssessment, *, analyst: bool) -> ShownYear:
    """One assessed year as the reader may see it (disclosure control applied)."""
    min_count = settings.DISCLOSURE_MIN_COUNT
    label = suppression_label(min_count)
    hidden = _hidden(year.figures, analyst=analyst, min_count=min_count)
    residents_figure = year.figures.get("residents")
    residents = None
    if residents_figure is not None:
        suppressed = "residents" in hidden
        residents = ShownFigure(None if suppressed else residents_figure.value, suppressed)
    c = year.classification
    criteria: list[ShownCriterion] = []
    explanation = ""
    if c is not None:
        primary_group = year.rule_set.primary_group if year.rule_set else ""
        for result in c.criteria:
            suppressed = result.field in hidden
            criteria.append(
                ShownCriterion(
                    result=result,
                    value=None if suppressed else result.value,
                    margin=None if suppressed else result.margin,
                    at_risk=result.at_risk and not suppressed,
                    suppressed=suppressed,
                    primary=result.group == primary_group,
                )
            )
        explanation = redacted_explanation(c, hidden, label)
    shown = [s for s in criteria if not s.suppressed]
    nearest = closest(c, hidden) if c is not None else None
    closest_shown = next((s for s in shown if s.result == nearest), None)
    reasons = tuple(
        disagreement_reason(year, d, residents_label=label if "residents" in hidden else None)
        for d in year.disagreements
    )
    return ShownYear(
        year=year,
        residents=residents,
        criteria=tuple(criteria),
        closest=closest_shown,
        at_risk=tuple(s for s in shown if s.at_risk),
        explanation=explanation,
        hidden=hidden,
        reasons=reasons,
    )
