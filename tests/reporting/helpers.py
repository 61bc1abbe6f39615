"""Helpers of the reporting tests: a report stored in a given status without the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from boligsocial.reporting.models import YearlyReport
from boligsocial.reporting.selectors import due_date_for


def stored_report(plan: Any, year: int, status: str = "due", **fields: Any) -> YearlyReport:
    """A report row in `status`, with the dates its status needs."""
    values: dict[str, Any] = {"due_date": due_date_for(plan, year), "status": status}
    if status in ("submitted", "approved"):
        values["submitted_on"] = date(year + 1, 5, 1)
    if status in ("approved", "returned"):
        values["submitted_on"] = date(year + 1, 5, 1)
        values["decided_on"] = date(year + 1, 6, 1)
    values.update(fields)
    report = YearlyReport(plan=plan, year=year, **values)
    report.save()
    return report
