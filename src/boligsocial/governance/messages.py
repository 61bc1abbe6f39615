"""The words for the rules of `governance.rules`: one message per broken rule, naming the row
it conflicts with (person, role and dates in the user's date format), used alike by the
services' ValidationErrors and by `boligsocial check-data`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.governance.models import Membership, MembershipRole, PlanRole, PlanRoleKind
from boligsocial.governance.periods import body_period, plan_period
from boligsocial.governance.rules import Period, Problem, Span

__all__ = ["plan_period"]  # re-exported: the services and selectors import it from here


def fmt_date(d: date) -> str:
    return date_format(d, "DATE_FORMAT")


def period_text(start: date | None, end: date | None) -> str:
    """ "1. januar 2024 – 31. december 2028", "from 1. januar 2024" or "until ..."."""
    if start and end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if start:
        return _("from %(start)s") % {"start": fmt_date(start)}
    if end:
        return _("until %(end)s") % {"end": fmt_date(end)}
    return _("without dates")


def _other(span: Span, kind_label: str) -> dict[str, str]:
    return {
        "person": span.person_name,
        "role": kind_label,
        "period": period_text(span.valid_from, span.valid_to),
    }


def problem_message(
    problem: Problem,
    *,
    row: Span,
    period: Period,
    place: str,
    kind_label: str = "",
    other_kind_label: str = "",
) -> str:
    """The message for one broken rule. `place` names the plan or body ("the plan", "the
    board"); the labels are the translated role names of the row and of the other row."""
    other = problem.other
    params: dict[str, str] = {
        "place": place,
        "from": fmt_date(row.valid_from),
        "to": fmt_date(row.valid_to) if row.valid_to else "",
        "period": period_text(period.start, period.end),
        "end": fmt_date(period.end) if period.end else "",
    }
    if other is not None:
        params.update(_other(other, other_kind_label or kind_label))
    code = problem.code
    if code == "end_before_start":
        return _("The end date (%(to)s) is before the start date (%(from)s).") % params
    if code == "starts_before_period":
        return (
            _(
                "The start date (%(from)s) is before the period of %(place)s (%(period)s): "
                "give a start date within the period."
            )
            % params
        )
    if code == "starts_after_period":
        return (
            _(
                "The start date (%(from)s) is after the period of %(place)s (%(period)s) "
                "ended: give a start date within the period."
            )
            % params
        )
    if code == "ends_after_period":
        return (
            _(
                "The end date (%(to)s) is after the period of %(place)s ends (%(end)s): give "
                "an end date up to %(end)s, or leave it empty."
            )
            % params
        )
    if code == "same_role_twice":
        return (
            _(
                "%(person)s is already %(role)s in %(place)s in an overlapping period "
                "(%(period)s): correct or end that role instead."
            )
            % params
        )
    if code == "second_leader":
        return (
            _(
                "%(place)s already has a leader in an overlapping period: %(person)s "
                "(%(period)s). A plan has one leader at a time: end that role first, or "
                "choose other dates."
            )
            % params
        )
    if code == "second_seat":
        return (
            _(
                "%(person)s already holds a seat in %(place)s in an overlapping period "
                "(%(role)s, %(period)s). One person holds one seat of a body at a time: "
                "correct or end that seat instead."
            )
            % params
        )
    if code == "second_chair":
        return (
            _(
                "%(place)s already has a chair in an overlapping period: %(person)s "
                "(%(period)s). A body has one chair at a time: end that seat first, or "
                "choose other dates."
            )
            % params
        )
    if code == "second_vice_chair":
        return (
            _(
                "%(place)s already has a vice-chair in an overlapping period: %(person)s "
                "(%(period)s). A body has one vice-chair at a time: end that seat first, or "
                "choose other dates."
            )
            % params
        )
    raise ValueError(f"No message for the rule {code!r}.")


def span_of(row: PlanRole | Membership) -> Span:
    kind = row.kind if isinstance(row, PlanRole) else row.role
    return Span(
        id=row.pk,
        person_id=row.person_id,
        person_name=row.person.name,
        kind=kind,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
    )


def role_label(kind: str) -> str:
    return str(PlanRoleKind(kind).label).lower() if kind in PlanRoleKind.values else kind


def seat_label(role: str) -> str:
    return str(MembershipRole(role).label).lower() if role in MembershipRole.values else role


def plan_role_messages(role: PlanRole, problems: Iterable[Problem]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    row, period = span_of(role), plan_period(role.plan)
    for problem in problems:
        other_kind = problem.other.kind if problem.other else role.kind
        message = problem_message(
            problem,
            row=row,
            period=period,
            place=role.plan.name,
            kind_label=role_label(role.kind),
            other_kind_label=role_label(other_kind),
        )
        errors.setdefault(problem.field, []).append(message)
    return errors


def membership_messages(
    membership: Membership, problems: Iterable[Problem]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    body = membership.body
    # A working group's seats may lie before the plan's start (decision 0025).
    row, period = span_of(membership), body_period(body)
    for problem in problems:
        other_kind = problem.other.kind if problem.other else membership.role
        place = body.name if problem.code not in _PERIOD_CODES else body.plan.name
        message = problem_message(
            problem,
            row=row,
            period=period,
            place=place,
            kind_label=seat_label(membership.role),
            other_kind_label=seat_label(other_kind),
        )
        errors.setdefault(problem.field, []).append(message)
    return errors


_PERIOD_CODES = {"starts_before_period", "starts_after_period", "ends_after_period"}
