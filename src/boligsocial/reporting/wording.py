"""The reports' rules in words, for the pages, the API, the PDF and the services' messages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from boligsocial.reporting import rules


def missing_text(code: str, year: int) -> str:
    """What a report lacks before it can be submitted (`rules.MISSING_*`), as a phrase."""
    texts = {
        rules.MISSING_ACCOUNTS: _("the accounts: no line of what was spent in %(year)s"),
        rules.MISSING_GOALS: _("the goals: no result of a goal in %(year)s"),
        rules.MISSING_MILESTONES: _("the milestone plan: no milestone for %(coming)s"),
    }
    return texts[code] % {"year": year, "coming": year + 1}
