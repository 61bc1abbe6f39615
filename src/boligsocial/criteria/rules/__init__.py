"""The official area criteria since 2010 as pure functions over dataclasses (no Django imports).

`classify(figures, rule_set, history=...)` gives each criterion's value, threshold, comparator,
met or not and margin; the number met; every designation the rule set defines (None where it
does not); the criteria at risk; and a plain-Danish explanation. The rule sets are data in
`sets.py`, each criterion with its legal citation, population, unit and averaging
(`law.py`), checked for consistency when built (`consistency.py`): a new law is a new entry
there.
"""

from boligsocial.criteria.rules.classify import (
    DEFAULT_RISK_MARGIN,
    MissingFigureError,
    check_streak,
    classify,
    history_entries,
    history_status,
)
from boligsocial.criteria.rules.sets import (
    RULE_SET_CODES,
    RULE_SETS,
    NoRuleSetError,
    RuleSetError,
    get_rule_set,
    rule_set_for_year,
)
from boligsocial.criteria.rules.types import (
    CRITERION_KEYS,
    DESIGNATION_KEYS,
    FIGURE_FIELDS,
    FIGURE_MAXIMA,
    FIGURE_UNITS,
    PERCENT_FIELDS,
    Act,
    AreaFigures,
    Averaging,
    Citation,
    Classification,
    Comparator,
    CriteriaGroup,
    Criterion,
    CriterionKey,
    CriterionResult,
    DesignationKey,
    DesignationRule,
    FigureField,
    HistoryEntry,
    MarginUnit,
    Population,
    RuleSet,
    Streak,
    StreakResult,
    Unit,
)
from boligsocial.criteria.rules.wording import DESIGNATION_LABELS, danish_number

__all__ = [
    "CRITERION_KEYS",
    "DEFAULT_RISK_MARGIN",
    "DESIGNATION_KEYS",
    "DESIGNATION_LABELS",
    "FIGURE_FIELDS",
    "FIGURE_MAXIMA",
    "FIGURE_UNITS",
    "PERCENT_FIELDS",
    "RULE_SETS",
    "RULE_SET_CODES",
    "Act",
    "AreaFigures",
    "Averaging",
    "Citation",
    "Classification",
    "Comparator",
    "CriteriaGroup",
    "Criterion",
    "CriterionKey",
    "CriterionResult",
    "DesignationKey",
    "DesignationRule",
    "FigureField",
    "HistoryEntry",
    "MarginUnit",
    "MissingFigureError",
    "NoRuleSetError",
    "Population",
    "RuleSet",
    "RuleSetError",
    "Streak",
    "StreakResult",
    "Unit",
    "check_streak",
    "classify",
    "danish_number",
    "get_rule_set",
    "history_entries",
    "history_status",
    "rule_set_for_year",
]
