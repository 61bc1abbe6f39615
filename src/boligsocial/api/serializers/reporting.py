"""The yearly reports to LBF in the API (docs/decisions/0029): the reports due across plans, a
plan's years with their reguleringskonto, one year's report with its lines, budget against
actual and what it lacks, and the input of each write. Amounts are decimal strings with two
places ("1234.50"), as everywhere in the API."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField, IdField
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.budgets.models import BudgetCategory
from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.funding.models import FocusArea
from boligsocial.reporting.models import (
    AccountLine,
    DecisionCapacity,
    GoalResult,
    Milestone,
    ReportStatus,
    YearlyReport,
)


def money(**kwargs: Any) -> serializers.DecimalField:
    """An amount in kroner with øre, a decimal string in answers."""
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def amount_input(**kwargs: Any) -> serializers.DecimalField:
    return money(min_value=Decimal(0), max_value=AMOUNT_MAX, **kwargs)


class ReportDueSerializer(serializers.Serializer):
    """A report a plan owes (stored or not: a year nobody has opened is `due`)."""

    plan = serializers.CharField(source="plan.slug", help_text=_("The plan's slug."))
    plan_name = serializers.CharField(source="plan.name")
    year = serializers.IntegerField(source="due.year")
    due_date = serializers.DateField(source="due.due_date")
    status = EnumField(ReportStatus, source="due.status")
    late = serializers.BooleanField(
        source="due.late",
        help_text=_("Neither submitted nor approved, and past its due date."),
    )
    submitted_on = serializers.SerializerMethodField()

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_submitted_on(self, row: Any) -> str | None:
        day = row.report.submitted_on if row.report else None
        return day.isoformat() if day else None


class StatementSerializer(serializers.Serializer):
    """One year of the reguleringskonto: opening + received from LBF + local − spent =
    closing, carried to the next year."""

    year = serializers.IntegerField()
    opening = money(help_text=_("The previous year's closing balance, or the one entered."))
    opening_entered = serializers.BooleanField(
        help_text=_("The opening balance was entered, not carried forward.")
    )
    lbf_received = money()
    local_received = money()
    spent = money()
    closing = money()


class ComparisonRowSerializer(serializers.Serializer):
    """Budget against actual of one budget line (by its stable key; "" for spending on no
    line) in one year; difference = actual − budget."""

    key = serializers.CharField()
    text = serializers.CharField()
    category = serializers.CharField()
    focus_area = serializers.CharField()
    # DRF takes declared fields off the class: "source" names the output, not Field.source
    source = serializers.CharField()  # type: ignore[assignment]
    budget = money()
    actual = money()
    difference = money()


class PlanYearSerializer(serializers.Serializer):
    """A year of the plan's period with its report, statement and budget against actual."""

    year = serializers.IntegerField()
    due_date = serializers.DateField(source="plan_year.due_date")
    status = EnumField(ReportStatus, source="plan_year.status")
    owed = serializers.BooleanField(
        source="plan_year.owed", help_text=_("The year has ended: its report is owed.")
    )
    late = serializers.BooleanField(source="plan_year.late")
    submitted_on = serializers.SerializerMethodField()
    decided_on = serializers.SerializerMethodField()
    statement = StatementSerializer()
    budget = money(help_text=_("The current budget's lines of the year in all."))
    actual = money(help_text=_("Spent in the year in all."))
    difference = money()

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_submitted_on(self, item: Any) -> str | None:
        report = item.plan_year.report
        return report.submitted_on.isoformat() if report and report.submitted_on else None

    @extend_schema_field({"type": "string", "format": "date", "nullable": True})
    def get_decided_on(self, item: Any) -> str | None:
        report = item.plan_year.report
        return report.decided_on.isoformat() if report and report.decided_on else None


class AccountLineSerializer(OutputSerializer):
    category: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    amount = money()

    class Meta:
        model = AccountLine
        fields = ("id", "line_key", "category", "focus_area", "text", "amount")


class GoalResultSerializer(OutputSerializer):
    class Meta:
        model = GoalResult
        fields = ("id", "focus_area", "goal", "indicator", "baseline", "target", "result")


class MilestoneSerializer(OutputSerializer):
    class Meta:
        model = Milestone
        fields = ("id", "due_on", "text", "focus_area")


class ReportSerializer(serializers.Serializer):
    """One year's report: its status and dates, LBF's remarks, the figures, its line of the
    reguleringskonto, the account lines, goal results and milestones, budget against actual,
    and what it lacks before it can be submitted."""

    plan = serializers.CharField(source="plan.slug")
    year = serializers.IntegerField()
    status = EnumField(ReportStatus)
    due_date = serializers.DateField()
    owed = serializers.BooleanField()
    late = serializers.BooleanField()
    editable = serializers.BooleanField(
        help_text=_("The contents may change: the report is due or returned by LBF.")
    )
    submitted_on = serializers.DateField(source="report.submitted_on", allow_null=True)
    decided_on = serializers.DateField(source="report.decided_on", allow_null=True)
    decision_capacity = serializers.SerializerMethodField()
    remarks = serializers.CharField(source="report.remarks", help_text=_("LBF's remarks."))
    lbf_received = money(source="report.lbf_received")
    local_received = money(source="report.local_received")
    opening_balance = money(
        source="report.opening_balance",
        allow_null=True,
        help_text=_("Null: carried forward from the previous year's closing balance."),
    )
    note = serializers.CharField(source="report.note")
    statement = StatementSerializer(allow_null=True)
    account_lines = AccountLineSerializer(many=True)
    goal_results = GoalResultSerializer(many=True)
    milestones = MilestoneSerializer(many=True)
    budget_against_actual = serializers.SerializerMethodField()
    missing = serializers.ListField(
        child=serializers.CharField(),
        source="missing_texts",
        help_text=_("What the report lacks before it can be submitted; empty when nothing."),
    )

    @extend_schema_field(EnumField(DecisionCapacity, allow_null=True))
    def get_decision_capacity(self, detail: Any) -> str | None:
        return (detail.report.decision_capacity or None) if detail.report else None

    @extend_schema_field(ComparisonRowSerializer(many=True))
    def get_budget_against_actual(self, detail: Any) -> Any:
        rows = detail.accounts.rows if detail.accounts else []
        return ComparisonRowSerializer(rows, many=True).data

    def to_representation(self, instance: Any) -> Any:
        if instance.report is None:  # not opened yet: the values a new report starts with
            blank = YearlyReport(plan=instance.plan, year=instance.year)
            instance = replace(instance, report=blank)
        return super().to_representation(instance)


# Input -----------------------------------------------------------------------------------------


class FiguresInputSerializer(serializers.Serializer):
    lbf_received = amount_input(required=False)
    local_received = amount_input(required=False)
    opening_balance = money(
        required=False,
        allow_null=True,
        min_value=-AMOUNT_MAX,
        max_value=AMOUNT_MAX,
        help_text=_("Null: carried forward from the previous year's closing balance."),
    )
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)


class AccountLineInputSerializer(serializers.Serializer):
    line_key = serializers.CharField(
        max_length=32,
        required=False,
        allow_blank=True,
        help_text=_(
            "The key of the budget line the money was spent on (its category, focus area and "
            "text are taken when not given); empty for none."
        ),
    )
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=BudgetCategory.objects.all(),
        required=False,
        help_text=_("A budget category's code, e.g. `activities`."),
    )
    focus_area = IdField(queryset=FocusArea.objects.all(), required=False, allow_null=True)
    text = serializers.CharField(max_length=200, required=False, allow_blank=True)
    amount = amount_input(help_text=_("Spent, in kroner: 0 to 999999999.99."))


class AccountLineUpdateSerializer(AccountLineInputSerializer):
    amount = amount_input(required=False)


class GoalResultInputSerializer(serializers.Serializer):
    focus_area = IdField(queryset=FocusArea.objects.all(), help_text=_("One of the plan's."))
    goal = serializers.CharField(max_length=LONG_TEXT_MAX)
    indicator = serializers.CharField(max_length=300)
    baseline = serializers.CharField(max_length=300, required=False, allow_blank=True)
    target = serializers.CharField(max_length=300)
    result = serializers.CharField(max_length=LONG_TEXT_MAX)


class GoalResultUpdateSerializer(GoalResultInputSerializer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class MilestoneInputSerializer(serializers.Serializer):
    due_on = DateField(help_text=_("A day of the year after the report's year."))
    text = serializers.CharField(max_length=500)
    focus_area = IdField(queryset=FocusArea.objects.all(), required=False, allow_null=True)


class MilestoneUpdateSerializer(MilestoneInputSerializer):
    due_on = DateField(required=False)
    text = serializers.CharField(max_length=500, required=False)


class SubmitInputSerializer(serializers.Serializer):
    submitted_on = DateField(
        required=False, help_text=_("When the report was sent, if earlier than today.")
    )


class DecisionInputSerializer(serializers.Serializer):
    decided_on = DateField(help_text=_("The date of LBF's decision (its letter)."))
    decision_capacity = EnumField(
        DecisionCapacity,
        required=False,
        help_text=_(
            "`lbf` for a user acting for LBF, `admin_recording_lbf` for a secretariat "
            "administrator recording LBF's letter; default: the first the user holds."
        ),
    )
    remarks = serializers.CharField(
        max_length=LONG_TEXT_MAX,
        required=False,
        allow_blank=True,
        help_text=_("LBF's remarks; required to return the report."),
    )
