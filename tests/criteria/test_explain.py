"""Explanations as structure (`criteria/rules/explain.py`): parts naming each criterion with its
value, threshold, met and margin; hidden figures are withheld in the parts, and the Danish
sentences are written from the parts in one place (`wording.py`)."""

from __future__ import annotations

from decimal import Decimal

from boligsocial.criteria.rules import classify, get_rule_set
from boligsocial.criteria.rules.explain import AtRisk, Count, CriterionPart, explain
from boligsocial.criteria.rules.wording import render_danish
from tests.criteria.helpers import figures

RULES_2010 = get_rule_set("2010")


def _classification():
    return classify(
        figures(year=2012, residents=900, pct_outside_labour="55.0", pct_non_western="44.8",
                pct_convicted="2.64"),
        RULES_2010,
    )  # fmt: skip


def test_the_parts_name_each_criterion_with_value_threshold_met_and_margin():
    parts = explain(_classification(), RULES_2010, Decimal("0.10"))
    count = parts.parts[0]
    assert isinstance(count, Count)
    assert count.total == 3
    assert count.met == (
        CriterionPart(
            criterion="outside_labour",
            group="ghetto",
            field="pct_outside_labour",
            value=Decimal("55.0"),
            comparator=RULES_2010.group("ghetto").criteria[0].comparator,
            threshold=Decimal(40),
            met=True,
            margin=Decimal("15.0"),
        ),
    )
    assert [p.criterion for p in count.unmet] == ["convicted", "non_western"]


def test_the_engine_sentence_is_the_parts_rendered():
    classification = _classification()
    parts = explain(classification, RULES_2010, classification.risk_margin)
    assert render_danish(parts) == classification.explanation


def test_hidden_figures_are_withheld_in_the_parts_not_edited_in_the_sentence():
    classification = _classification()
    hidden = frozenset({"pct_convicted", "residents"})
    parts = explain(classification, RULES_2010, Decimal("0.10"), hidden)
    convicted = next(p for p in parts.criteria if p.field == "pct_convicted")
    assert (convicted.value, convicted.margin, convicted.hidden) == (None, None, True)
    assert (convicted.threshold, convicted.met) == (Decimal("2.7"), False)
    # the convicted share was the only criterion near its threshold: no at-risk part is left
    assert not any(isinstance(p, AtRisk) for p in parts.parts)
    text = render_danish(parts, withheld="<5")
    assert "andelen af dømte blandt beboere på 18 år og derover vises ikke, da tallet bygger " \
        "på færre end 5 personer (skal overstige 2,7 %)" in text  # fmt: skip
    assert "Området har <5 beboere, færre end de 1.000, som enhver betegnelse kræver." in text
    assert "2,64" not in text
    assert "900" not in text
