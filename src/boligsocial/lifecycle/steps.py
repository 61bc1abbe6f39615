"""What every step on a plan's timeline checks and records: the date of the step and the
name of the user who made it."""

from __future__ import annotations

from datetime import date as date_type
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.lifecycle.selectors import last_transition
from boligsocial.plans.models import Plan


def actor_name(user: Any) -> str:
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def check_date(plan: Plan, when: date_type) -> dict[str, str]:
    if not 1900 <= when.year <= 2999:
        return {"date": _("The year must be between 1900 and 2999.")}
    if when > timezone.localdate():
        return {"date": _("The date is in the future; record a step when it has happened.")}
    previous = last_transition(plan)
    if previous is not None and when < previous.date:
        return {
            "date": _("The date is before the plan's previous step (“%(kind)s”, %(date)s).")
            % {
                "kind": previous.get_kind_display(),
                "date": date_format(previous.date, "DATE_FORMAT"),
            }
        }
    return {}
