"""LBF's instalments in the API: each instalment with its derived state and, when held back,
the late reports that hold it; a plan's instalments with its totals per year; the input of a
payment and of a change of plan (docs/decisions/0030)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField
from boligsocial.core.concurrency import instance_version
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.payments.models import InstalmentState
from boligsocial.payments.selectors import InstalmentRow


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class OverdueSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text=_("The year the report is about."))
    due_date = serializers.DateField(help_text=_("When the report was due."))


class InstalmentSerializer(serializers.Serializer):
    """One instalment of LBF's to a plan, with its state: `planned`, `held_back` (unpaid while
    a report of the plan is late; `held_back_by` names the reports) or `paid`."""

    plan = serializers.CharField(source="instalment.plan.slug", help_text=_("The plan's slug."))
    year = serializers.IntegerField(source="instalment.year")
    state = serializers.SerializerMethodField()
    planned_on = serializers.DateField(source="instalment.planned_on")
    planned_amount = _money(source="instalment.planned_amount")
    paid_on = serializers.DateField(source="instalment.paid_on", allow_null=True)
    paid_amount = _money(source="instalment.paid_amount", allow_null=True)
    note = serializers.CharField(source="instalment.note")
    recorded_by = serializers.SerializerMethodField()
    held_back_by = OverdueSerializer(
        source="state.reasons",
        many=True,
        help_text=_("The late reports that hold the instalment back (empty unless held back)."),
    )
    explanation = serializers.CharField(
        source="reason", help_text=_("Why the instalment is held back, in words; empty if not.")
    )
    version = serializers.SerializerMethodField()

    @extend_schema_field(EnumField(InstalmentState))
    def get_state(self, row: InstalmentRow) -> str:
        return row.state.state

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_recorded_by(self, row: InstalmentRow) -> str | None:
        user = row.instalment.recorded_by
        return user.get_username() if user is not None else None

    @extend_schema_field(
        serializers.CharField(
            help_text=_("The instalment's version: give it in `If-Match` to pay or change it.")
        )
    )
    def get_version(self, row: InstalmentRow) -> str:
        return instance_version(row.instalment)


class YearTotalsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    planned = _money(help_text=_("Planned and not yet paid, not held back."))
    held_back = _money(help_text=_("Unpaid and held back while a report is late."))
    paid = _money(help_text=_("Paid by LBF."))


class PlanInstalmentsSerializer(serializers.Serializer):
    """A plan's instalments, its late reports and its totals per year."""

    plan = serializers.CharField(source="plan.slug", help_text=_("The plan's slug."))
    late_reports = OverdueSerializer(
        source="late",
        many=True,
        help_text=_(
            "The plan's late reports: while any is late, every unpaid instalment is held back."
        ),
    )
    explanation = serializers.CharField(
        source="late_text", help_text=_("Why unpaid instalments are held back; empty if not.")
    )
    totals = YearTotalsSerializer(many=True)
    instalments = InstalmentSerializer(source="rows", many=True)


class PaySerializer(serializers.Serializer):
    paid_on = DateField(help_text=_("The date LBF paid the instalment; not after today."))
    amount = _money(
        help_text=_('The amount paid: more than 0, at most 999999999.99 (e.g. "1234567.50").')
    )
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)


class PlanEditSerializer(serializers.Serializer):
    planned_on = DateField(required=False)
    planned_amount = _money(
        required=False, help_text=_('0 or more, at most 999999999.99 (e.g. "1234567.50").')
    )
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
