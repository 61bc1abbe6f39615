"""Writes of budgets: each refusal names the field and writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from boligsocial.budgets.models import BudgetLine, BudgetVersion, SourceKind, VersionState
from boligsocial.budgets.services import (
    ESTIMATE_TEXT,
    budget_draft_discard,
    budget_grant,
    budget_line_delete,
    budget_line_save,
    budget_open,
    budget_revision_approve,
    budget_revision_start,
)
from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import BudgetSource, PlanBudgetEstimate
from tests import factories as f
from tests.budgets.conftest import row
from tests.kit import make_budget, nothing_written

D = Decimal


def errors_of(excinfo) -> dict:
    return {k: [str(m) for m in v] for k, v in excinfo.value.message_dict.items()}


# Opening ---------------------------------------------------------------------------------------


def test_open_makes_the_draft_original_from_the_estimate(plan, aarhus, categories):
    for year, source, amount in [
        (2023, BudgetSource.LBF, "750000"),
        (2023, BudgetSource.MUNICIPALITY, "150000"),
        (2023, BudgetSource.HOUSING_ORGANISATION, "100000"),
        (2024, BudgetSource.OTHER, "5000"),
        (2024, BudgetSource.LBF, "0"),
        (2030, BudgetSource.LBF, "1"),  # outside the period: left out
    ]:
        PlanBudgetEstimate.objects.create(plan=plan, year=year, source=source, amount=D(amount))
    version = budget_open(plan=plan, user=None)
    assert (version.number, version.kind, version.state) == (1, "original", "draft")
    lines = list(
        version.lines.order_by("position").values_list(
            "year",
            "category__code",
            "text",
            "source_kind",
            "source_organisation_id",
            "source_name",
            "amount",
        )
    )
    assert lines == [
        (
            2023,
            "other",
            ESTIMATE_TEXT,
            "housing_organisation",
            plan.afdelinger.get().organisation_id,
            "",
            D("100000.00"),
        ),
        (2023, "other", ESTIMATE_TEXT, "lbf", None, "", D("750000.00")),
        (2023, "other", ESTIMATE_TEXT, "municipality", aarhus.pk, "", D("150000.00")),
        (2024, "other", ESTIMATE_TEXT, "other", None, "Andre kilder", D("5000.00")),
    ]
    assert len({line.key for line in version.lines.all()}) == 4
    # Opening again gives the same budget.
    assert budget_open(plan=plan, user=None) == version
    assert BudgetVersion.objects.filter(plan=plan).count() == 1


def test_open_without_estimate_is_an_empty_draft(plan):
    version = budget_open(plan=plan, user=None)
    assert version.lines.count() == 0


# Lines ---------------------------------------------------------------------------------------


def test_line_save_adds_and_changes_and_bumps_the_token(plan, categories, world):
    version = budget_open(plan=plan, user=None)
    token = instance_version(version)
    line = budget_line_save(version=version, data=row(categories), user=world.users["admin"])
    assert (line.position, len(line.key), line.amount) == (1, 32, D("100.00"))
    version.refresh_from_db()
    assert instance_version(version) != token
    second = budget_line_save(version=version, data=row(categories, year=2025), user=None)
    assert second.position == 2
    changed = budget_line_save(version=version, line=line, data={"amount": "250.5"}, user=None)
    assert (changed.pk, changed.key, changed.year, changed.amount) == (
        line.pk,
        line.key,
        2024,
        D("250.50"),
    )
    history = BudgetLine.history.filter(id=line.pk).order_by("history_date")
    assert [(h.history_type, h.amount) for h in history] == [("+", D("100.00")), ("~", D("250.50"))]
    assert history[0].history_user == world.users["admin"]


def test_a_stale_token_is_a_conflict_and_writes_nothing(plan, categories):
    version = budget_open(plan=plan, user=None)
    token = instance_version(version)
    budget_line_save(version=version, data=row(categories), user=None, expected=token)
    stale = BudgetVersion.objects.get(pk=version.pk)
    with nothing_written(BudgetLine), pytest.raises(ConflictError):
        budget_line_save(version=stale, data=row(categories), user=None, expected=token)


AARHUS_ONLY = object()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"year": 2022}, "year", "2022 is outside the plan's period (2023–2026)."),
        ({"year": 2027}, "year", "2027 is outside the plan's period (2023–2026)."),
        ({"year": "x"}, "year", "“x” is not a year."),
        ({"amount": "-0.01"}, "amount", "The amount cannot be negative."),
        ({"amount": "1000000000.00"}, "amount", "The amount is more than 999,999,999.99 kr."),
        ({"amount": "1.005"}, "amount", "An amount has at most two decimals (øre)."),
        ({"amount": "12 kr"}, "amount", "“12 kr” is not an amount."),
        ({"amount": None}, "amount", "Give the amount."),
        ({"amount": "NaN"}, "amount", "“NaN” is not an amount."),
        ({"category": None}, "category", "Choose a category."),
        ({"text": "  "}, "text", "Say what the money is for."),
        ({"text": "x" * 201}, "text", "At most 200 characters."),
        (
            {"source_kind": "bank"},
            "source_kind",
            "“bank” is not a source (one of lbf, municipality, housing_organisation, afdeling, "
            "foundation, other).",
        ),
        (
            {"source_name": "Fonden"},
            "source_kind",
            "LBF is the source itself: name no organisation with it.",
        ),
        ({"in_kind": True}, "in_kind", "LBF pays money, not contributions in kind."),
        ({"source_kind": "municipality"}, "source_organisation", "Choose the municipality."),
        (
            {"source_kind": "housing_organisation"},
            "source_organisation",
            "Choose the housing organisation.",
        ),
        ({"source_kind": "afdeling"}, "source_afdeling", "Choose the afdeling."),
        (
            {"source_kind": "foundation"},
            "source_name",
            "Choose the organisation, or give the source's name when it is not registered.",
        ),
        (
            {"source_kind": "other", "source_organisation": 999999},
            "source_organisation",
            "There is no organisation 999999.",
        ),
    ],
)
def test_bad_line_is_refused_by_field(plan, categories, values, field, message):
    version = budget_open(plan=plan, user=None)
    with nothing_written(BudgetLine), pytest.raises(ValidationError) as excinfo:
        budget_line_save(version=version, data=row(categories, **values), user=None)
    assert errors_of(excinfo)[field] == [message]


def test_largest_amount_and_exactly_two_decimals_are_accepted(plan, categories):
    version = budget_open(plan=plan, user=None)
    line = budget_line_save(version=version, data=row(categories, amount="999999999.99"), user=None)
    assert line.amount == D("999999999.99")


def test_sources_must_be_the_plans(plan, categories, world, aarhus):
    version = budget_open(plan=plan, user=None)
    odense = f.OrganisationFactory(
        kind="municipality",
        name="Odense Kommune",
        slug="odense-k",
        municipality=f.municipality("Odense"),
    )
    foundation = f.OrganisationFactory(kind="foundation", name="Testfonden", slug="testfonden")
    cases = [
        (
            {"source_kind": "municipality", "source_organisation": odense},
            "source_organisation",
            "Odense Kommune is not the municipality of one of the plan's areas.",
        ),
        (
            {"source_kind": "municipality", "source_organisation": world.org_a},
            "source_organisation",
            "Boligforeningen Alfa is not the municipality of one of the plan's areas.",
        ),
        (
            {"source_kind": "housing_organisation", "source_organisation": world.org_b},
            "source_organisation",
            "Boligforeningen Beta owns none of the plan's afdelinger.",
        ),
        (
            {"source_kind": "afdeling", "source_afdeling": world.afd_b},
            "source_afdeling",
            "The afdeling is not one of the plan's afdelinger.",
        ),
        (
            {
                "source_kind": "afdeling",
                "source_afdeling": world.afd_a,
                "source_organisation": world.org_a,
            },
            "source_organisation",
            "An afdeling is the source itself: name no organisation with it.",
        ),
        (
            {"source_kind": "foundation", "source_organisation": world.partner},
            "source_organisation",
            "Testskolen is not a source of the kind Foundation.",
        ),
        (
            {"source_kind": "other", "source_organisation": aarhus},
            "source_organisation",
            "Aarhus Kommune is not a source of the kind Other source.",
        ),
        (
            {"source_kind": "municipality", "source_organisation": aarhus, "source_name": "x"},
            "source_name",
            "Give a name only for a foundation or another source.",
        ),
        (
            {
                "source_kind": "housing_organisation",
                "source_organisation": world.org_a,
                "source_afdeling": world.afd_a,
            },
            "source_afdeling",
            "Name an afdeling only with the source kind afdeling.",
        ),
        (
            {"focus_area": FocusArea.objects.exclude(plans=plan).first()},
            "focus_area",
            "Choose one of the plan's focus areas, or none (shared).",
        ),
    ]
    for values, field, message in cases:
        with pytest.raises(ValidationError) as excinfo:
            budget_line_save(version=version, data=row(categories, **values), user=None)
        assert errors_of(excinfo).get(field) == [message], values
    good = [
        {"source_kind": "municipality", "source_organisation": aarhus},
        {"source_kind": "housing_organisation", "source_organisation": world.org_a.pk},
        {"source_kind": "afdeling", "source_afdeling": world.afd_a},
        {"source_kind": "foundation", "source_organisation": foundation},
        {"source_kind": "foundation", "source_name": "Ikke-registreret Fond", "in_kind": True},
        {"source_kind": "other", "source_organisation": world.partner},
    ]
    for values in good:
        budget_line_save(version=version, data=row(categories, **values), user=None)
    assert version.lines.count() == len(good)


def test_category_outside_its_validity(plan, categories):
    category = categories["evaluation"]
    category.valid_to = date(2024, 12, 31)
    category.save()
    version = budget_open(plan=plan, user=None)
    with pytest.raises(ValidationError) as excinfo:
        budget_line_save(
            version=version, data=row(categories, category=category, year=2025), user=None
        )
    assert errors_of(excinfo) == {"category": ["The category Evaluation is not in use in 2025."]}
    budget_line_save(version=version, data=row(categories, category=category, year=2024), user=None)


def test_line_of_another_version_is_refused(plan, categories, world):
    other = make_budget(world.plan_led)
    version = budget_open(plan=plan, user=None)
    with pytest.raises(ValidationError, match="not in this version"):
        budget_line_save(version=version, line=other.lines.first(), data={}, user=None)


def test_line_delete(plan, categories):
    version = budget_open(plan=plan, user=None)
    line = budget_line_save(version=version, data=row(categories), user=None)
    budget_line_delete(line=line, user=None)
    assert version.lines.count() == 0
    assert BudgetLine.history.filter(id=line.pk, history_type="-").count() == 1


def test_the_draft_original_may_be_saved_in_breach(plan, categories):
    version = budget_open(plan=plan, user=None)
    budget_line_save(version=version, data=row(categories, amount="1000"), user=None)
    assert version.lines.count() == 1


# Grant ---------------------------------------------------------------------------------------


def test_grant_approves_the_draft_original(plan):
    version = make_budget(plan)
    granted = budget_grant(
        plan=plan, when=date(2023, 2, 1), decision="Tilsagn af 1.2.2023", user=None
    )
    assert granted.pk == version.pk
    granted.refresh_from_db()
    assert (granted.state, granted.approved_on, granted.decision) == (
        "approved",
        date(2023, 2, 1),
        "Tilsagn af 1.2.2023",
    )
    with pytest.raises(ValidationError) as excinfo:
        budget_grant(plan=plan, when=date(2023, 2, 1), decision="", user=None)
    assert errors_of(excinfo) == {"budget": ["The plan's budget is already granted."]}


def test_grant_exactly_at_75_percent_and_refused_one_ore_over(plan, world):
    make_budget(world.plan_led, lbf="750000.00", local="250000.00")
    budget_grant(plan=world.plan_led, when=date(2023, 1, 2), decision="", user=None)
    version = make_budget(plan, lbf="750000.00", local="250000.00")
    line = version.lines.filter(source_kind="lbf", year=2026).get()
    budget_line_save(version=version, line=line, data={"amount": "750000.01"}, user=None)
    with nothing_written(), pytest.raises(ValidationError) as excinfo:
        budget_grant(plan=plan, when=date(2023, 1, 2), decision="", user=None)
    assert errors_of(excinfo) == {
        "budget": [
            "The budget breaks the fund round's co-financing rule: LBF's share is 75.0000001 %, "
            "0.0000001 pct.-point over the maximum; 0.01 kr. more local money is needed."
        ]
    }


def test_grant_refused_without_budget_or_lines(plan):
    with nothing_written(), pytest.raises(ValidationError) as excinfo:
        budget_grant(plan=plan, when=date(2023, 1, 2), decision="", user=None)
    message = (
        "The plan has no budget lines: enter the budget LBF grants before recording the grant."
    )
    assert errors_of(excinfo) == {"budget": [message]}
    budget_open(plan=plan, user=None)
    with pytest.raises(ValidationError) as excinfo:
        budget_grant(plan=plan, when=date(2023, 1, 2), decision="", user=None)
    assert errors_of(excinfo) == {"budget": [message]}


def test_grant_refused_with_a_line_outside_the_period(plan):
    make_budget(plan)
    type(plan).objects.filter(pk=plan.pk).update(end_date=date(2025, 12, 31))
    with nothing_written(), pytest.raises(ValidationError) as excinfo:
        budget_grant(plan=plan, when=date(2023, 1, 2), decision="", user=None)
    assert errors_of(excinfo) == {
        "budget": ["The budget has lines in 2026, outside the plan's period (2023–2025)."]
    }


# Revisions -----------------------------------------------------------------------------------


def test_revision_needs_a_granted_budget(plan):
    make_budget(plan)
    with pytest.raises(ValidationError, match="not granted yet"):
        budget_revision_start(plan=plan, user=None)


def test_revision_copies_the_lines_with_their_keys(plan, world):
    granted = make_budget(plan, granted_on=date(2023, 1, 2))
    revision = budget_revision_start(plan=plan, user=world.users["admin"], note="Omplacering")
    assert (revision.number, revision.kind, revision.state) == (2, "revision", "draft")
    old = list(granted.lines.values_list("key", "year", "amount", "source_kind").order_by("key"))
    new = list(revision.lines.values_list("key", "year", "amount", "source_kind").order_by("key"))
    assert old == new
    assert BudgetLine.history.filter(version_id=revision.pk, history_type="+").count() == 8
    with pytest.raises(ValidationError, match="Version 2 is a draft"):
        budget_revision_start(plan=plan, user=None)


def test_approved_version_never_changes(plan, categories):
    granted = make_budget(plan, granted_on=date(2023, 1, 2))
    with nothing_written(), pytest.raises(ValidationError, match="approved and never changes"):
        budget_line_save(version=granted, data=row(categories), user=None)
    with pytest.raises(ValidationError, match="approved and never changes"):
        budget_line_delete(line=granted.lines.first(), user=None)
    with pytest.raises(ValidationError, match="approved and never changes"):
        budget_draft_discard(version=granted, user=None)


def test_a_revision_may_not_raise_lbfs_share_over_the_maximum(plan, categories):
    make_budget(plan, granted_on=date(2023, 1, 2))
    revision = budget_revision_start(plan=plan, user=None)
    lbf_line = revision.lines.get(source_kind="lbf", year=2024)
    local_line = revision.lines.get(source_kind="housing_organisation", year=2024)
    # Moving money between years and categories keeps the period at exactly 75 %: allowed.
    budget_line_save(
        version=revision, line=lbf_line, data={"amount": "700000", "year": 2025}, user=None
    )
    budget_line_save(version=revision, data=row(categories, amount="50000", year=2026), user=None)
    # One øre more from LBF: refused, with the breach explained.
    with nothing_written(BudgetLine), pytest.raises(ValidationError) as excinfo:
        budget_line_save(version=revision, data=row(categories, amount="0.01"), user=None)
    assert errors_of(excinfo)["amount"][0].startswith(
        "A revision moves money within the budget; it cannot raise LBF's share over the "
        "maximum. LBF's share is 75.0000001 %"
    )
    # Removing local money breaks it too.
    with nothing_written(BudgetLine), pytest.raises(ValidationError, match="cannot raise"):
        budget_line_delete(line=local_line, user=None)


def test_revision_approval(plan, world):
    make_budget(plan, granted_on=date(2023, 1, 2))
    revision = budget_revision_start(plan=plan, user=None)
    other_body = world.body_led
    with nothing_written(), pytest.raises(ValidationError) as excinfo:
        budget_revision_approve(
            version=revision,
            user=None,
            approved_on=date(2022, 12, 31),
            decision=" ",
            body=other_body,
        )
    assert errors_of(excinfo) == {
        "approved_on": ["The approval cannot be dated before version 1's, 2 January 2023."],
        "decision": ["Give the board's decision."],
        "body": ["The body is not one of the plan's."],
    }
    with pytest.raises(ValidationError, match="after today"):
        budget_revision_approve(
            version=revision, user=None, approved_on=date(2999, 1, 1), decision="x"
        )
    approved = budget_revision_approve(
        version=revision,
        user=None,
        approved_on=date(2023, 1, 2),
        decision="Bestyrelsen 2.1.",
        body=world.body_pub,
    )
    approved.refresh_from_db()
    assert (approved.state, approved.approved_on, approved.decision, approved.body) == (
        VersionState.APPROVED,
        date(2023, 1, 2),
        "Bestyrelsen 2.1.",
        world.body_pub,
    )


def test_the_original_is_not_approved_as_a_revision(plan):
    version = make_budget(plan)
    with pytest.raises(ValidationError) as excinfo:
        budget_revision_approve(
            version=version, user=None, approved_on=date(2023, 1, 2), decision="x"
        )
    assert list(errors_of(excinfo)) == ["state"]


def test_discard_a_draft(plan):
    make_budget(plan, granted_on=date(2023, 1, 2))
    revision = budget_revision_start(plan=plan, user=None)
    keys = set(revision.lines.values_list("pk", flat=True))
    budget_draft_discard(version=revision, user=None)
    assert not BudgetVersion.objects.filter(pk=revision.pk).exists()
    assert set(BudgetLine.history.filter(history_type="-").values_list("id", flat=True)) == keys
    # A new revision gets the next number.
    assert budget_revision_start(plan=plan, user=None).number == 2


def test_in_kind_lines_are_allowed_from_local_sources(plan, categories, world):
    version = budget_open(plan=plan, user=None)
    line = budget_line_save(
        version=version,
        data=row(
            categories, source_kind=SourceKind.AFDELING, source_afdeling=world.afd_a, in_kind=True
        ),
        user=None,
    )
    assert line.in_kind is True


def test_messages_are_in_danish(plan, categories):
    from django.utils import translation

    version = budget_open(plan=plan, user=None)
    with translation.override("da"), pytest.raises(ValidationError) as excinfo:
        budget_line_save(
            version=version, data=row(categories, year=2030, amount="1000000000"), user=None
        )
    assert errors_of(excinfo) == {
        "year": ["2030 ligger uden for planens periode (2023–2026)."],
        "amount": ["Beløbet er over 999.999.999,99 kr."],
    }
