"""`boligsocial check-data`: list every stored row that breaks a rule of the register (data
entered before the rule existed, or written around the services), with what to do about it.
Exit status 0 when every row keeps the rules, 1 when some do not."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from boligsocial.governance.selectors import Breach, rule_breaches

WHAT_TO_DO = {
    "end_before_start": _("Correct the dates (internal pages: the plan's page, Correct)."),
    "starts_before_period": _(
        "Correct the start date to lie within the plan's period, or delete the row if it was "
        "entered by mistake."
    ),
    "starts_after_period": _(
        "The row belongs to another period: delete it, or move the person to the plan of that "
        "period."
    ),
    "ends_after_period": _(
        "Correct the end date to the plan's last day or earlier (or leave it empty)."
    ),
    "same_role_twice": _("Merge the two overlapping roles: correct one and delete the other."),
    "second_leader": _("End the earlier leader's role before the later one starts."),
    "second_seat": _("Merge the two overlapping seats: correct one and delete the other."),
    "second_chair": _("End the earlier chair's seat before the later one starts."),
    "second_vice_chair": _("End the earlier vice-chair's seat before the later one starts."),
}


class Command(BaseCommand):
    help = (
        "List every stored plan role and membership that breaks a rule, with what to do. "
        "The rules: dates within the plan's period and no end before the start; one leader of "
        "a plan, one chair and one vice-chair of a body, and one seat of a body per person at "
        "a time. Exit status 0 when the data is clean, 1 otherwise."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            breaches = rule_breaches()
            for breach in breaches:
                self.stdout.write(self._describe(breach))
        if not breaches:
            self.stdout.write("No stored row breaks a rule.")
            return
        rows = len({(b.model, b.row_id) for b in breaches})
        self.stderr.write(
            f"{len(breaches)} problem{'s' if len(breaches) != 1 else ''} in {rows} "
            f"row{'s' if rows != 1 else ''}."
        )
        sys.exit(1)

    @staticmethod
    def _describe(breach: Breach) -> str:
        return (
            f"{breach.plan}: {breach.model} {breach.row_id} ({breach.summary})\n"
            f"  {breach.field}: {breach.message}\n"
            f"  {_('What to do:')} {WHAT_TO_DO[breach.code]}"
        )
