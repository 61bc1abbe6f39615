"""The budget API (docs/decisions/0028): the current budget with lines, totals and the 75/25
check, versions, line writes under the version's token (If-Match, 412), an omplacering that
may not raise LBF's share over the maximum, its approval, and co-financers' commitments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boligsocial.budgets.models import BudgetLine, BudgetVersion, SourceKind, VersionState
from boligsocial.budgets.services import budget_revision_start
from tests.kit import db_snapshot, make_budget

pytestmark = pytest.mark.django_db


def _url(plan: Any, rest: str = "") -> str:
    return f"/api/v1/plans/{plan.slug}/budget/{rest}"


def _lbf(version: Any, year: int = 2024) -> BudgetLine:
    return version.lines.get(source_kind=SourceKind.LBF, year=year)


@pytest.fixture
def granted(world: Any) -> Any:
    return make_budget(world.plan_led, granted_on=date(2023, 2, 1))


def test_the_current_budget_with_lines_totals_and_check(world: Any, granted: Any) -> None:
    response = world.client("leader").get(_url(world.plan_led))
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == f'"{body["version"]}"'
    assert body["plan"] == world.plan_led.slug
    assert (body["number"], body["kind"], body["state"]) == (1, "original", "approved")
    assert body["approved_on"] == "2023-02-01"
    assert len(body["lines"]) == 8
    line = next(li for li in body["lines"] if li["source_kind"] == "lbf")
    assert line["amount"] == "750000.00"
    assert line["category"] == "salaries"
    assert body["totals"]["total"] == "4000000.00"
    assert {"year": 2023, "amount": "1000000.00"} in body["totals"]["by_year"]
    assert {"source_kind": "lbf", "year": 2024, "amount": "750000.00"} in body["totals"][
        "by_source_kind"
    ]
    check = body["check"]
    assert check["ok"] is True
    assert check["explanation"] == ""
    assert check["period"]["lbf_share"] == "0.750000"
    assert check["period"]["local_amount"] == "1000000.00"
    assert [y["year"] for y in check["years"]] == [2023, 2024, 2025, 2026]


def test_a_draft_in_breach_is_explained(world: Any) -> None:
    make_budget(world.plan_led, lbf="760000.00", local="240000.00")
    body = world.client("leader").get(_url(world.plan_led)).json()
    assert body["state"] == "draft"
    assert body["check"]["ok"] is False
    assert body["check"]["explanation"].startswith("LBF's share is 76.0 %, 1.0 pct.-point over")
    assert body["check"]["period"]["local_needed"] == "53333.34"
    assert body["check"]["years"][0]["ok"] is False


def test_reads_follow_the_plan_readers(world: Any, granted: Any) -> None:
    assert world.client("anonymous").get(_url(world.plan_led)).status_code == 403
    assert world.client("other_leader").get(_url(world.plan_led)).status_code == 404
    assert world.client("housing_user").get(_url(world.plan_led)).status_code == 200
    assert world.client("leader").get(_url(world.plan_other)).status_code == 404
    assert world.client("admin").get(_url(world.plan_pub)).status_code == 404  # no budget
    versions = world.client("admin").get(_url(world.plan_led, "versions/")).json()
    assert [(v["number"], v["state"]) for v in versions] == [(1, "approved")]
    assert world.client("admin").get(_url(world.plan_led, "versions/7/")).status_code == 404


def test_an_omplacering_cannot_raise_lbf_over_the_maximum_then_is_approved(
    world: Any, granted: Any
) -> None:
    client = world.client("leader")
    started = client.post(_url(world.plan_led, "revisions/"), {"note": "Flyt"}, format="json")
    assert started.status_code == 201
    assert (started.json()["number"], started.json()["state"]) == (2, "draft")
    token = started["ETag"]
    revision = BudgetVersion.objects.get(plan=world.plan_led, number=2)
    line = _lbf(revision)
    before = db_snapshot(BudgetLine, BudgetVersion)
    refused = client.patch(
        _url(world.plan_led, f"versions/2/lines/{line.pk}/"),
        {"amount": "750000.01"},
        format="json",
        HTTP_IF_MATCH=token,
    )
    assert refused.status_code == 400
    assert "LBF's share is" in refused.json()["amount"][0]
    assert "0.01 kr." in refused.json()["amount"][0]  # one øre of local money is missing
    assert db_snapshot(BudgetLine, BudgetVersion) == before
    saved = client.patch(
        _url(world.plan_led, f"versions/2/lines/{line.pk}/"),
        {"amount": "700000.00"},
        format="json",
        HTTP_IF_MATCH=token,
    )
    assert saved.status_code == 200
    assert saved.json()["amount"] == "700000.00"
    assert saved["ETag"] != token
    stale = client.patch(
        _url(world.plan_led, f"versions/2/lines/{line.pk}/"),
        {"amount": "600000.00"},
        format="json",
        HTTP_IF_MATCH=token,
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["number"] == 2
    assert stale["ETag"] == saved["ETag"]
    assert BudgetLine.objects.get(pk=line.pk).amount == Decimal("700000.00")
    approved = client.post(
        _url(world.plan_led, "versions/2/approve/"),
        {"approved_on": "2024-03-01", "decision": "Bestyrelsen godkendte", "body": None},
        format="json",
        HTTP_IF_MATCH=saved["ETag"],
    )
    assert approved.status_code == 200, approved.json()
    assert approved.json()["state"] == "approved"
    current = client.get(_url(world.plan_led)).json()
    assert (current["number"], current["decision"]) == (2, "Bestyrelsen godkendte")
    again = client.patch(
        _url(world.plan_led, f"versions/2/lines/{line.pk}/"), {"amount": "1"}, format="json"
    )
    assert again.status_code == 400
    assert "never changes" in again.json()["non_field_errors"][0]


def test_only_the_plans_editors_write(world: Any, granted: Any) -> None:
    budget_revision_start(plan=world.plan_led, user=None)
    line = _lbf(BudgetVersion.objects.get(plan=world.plan_led, number=2))
    before = db_snapshot()
    for role in ("housing_user", "municipality_user"):
        client = world.client(role)
        expected = 403 if role == "housing_user" else 404
        assert client.post(_url(world.plan_led, "revisions/"), {}).status_code == expected
        assert (
            client.patch(
                _url(world.plan_led, f"versions/2/lines/{line.pk}/"), {"amount": "1"}
            ).status_code
            == expected
        )
        assert client.delete(_url(world.plan_led, "versions/2/")).status_code == expected
        assert (
            client.post(
                _url(world.plan_led, "versions/2/approve/"),
                {"approved_on": "2024-01-01", "decision": "x"},
            ).status_code
            == expected
        )
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-1.00", "greater than or equal to 0"),
        ("amount", "1000000000.00", "less than or equal to 999999999.99"),
        ("amount", "12.345", "no more than 2 decimal places"),
        ("amount", "tolv", "A valid number is required"),
        ("year", 2031, "outside the plan's period"),
        ("category", "unknown", "does not exist"),
        ("source_kind", "bank", "is not a valid choice"),
    ],
)
def test_bad_lines_are_refused_naming_the_field(
    world: Any, field: str, value: Any, message: str
) -> None:
    make_budget(world.plan_led)
    body = {
        "year": 2024,
        "category": "activities",
        "text": "Lektiecafé",
        "source_kind": "housing_organisation",
        "source_organisation": world.org_b.slug,
        "amount": "1000.00",
        field: value,
    }
    before = db_snapshot(BudgetLine, BudgetVersion)
    response = world.client("leader").post(
        _url(world.plan_led, "versions/1/lines/"), body, format="json"
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert db_snapshot(BudgetLine, BudgetVersion) == before


def test_add_and_delete_lines_and_discard_a_draft(world: Any) -> None:
    make_budget(world.plan_led)
    client = world.client("admin")
    token = client.get(_url(world.plan_led, "versions/1/"))["ETag"]
    added = client.post(
        _url(world.plan_led, "versions/1/lines/"),
        {
            "year": 2025,
            "category": "activities",
            "text": "Lektiecafé",
            "source_kind": "afdeling",
            "source_afdeling": world.afd_b.pk,
            "in_kind": True,
            "amount": 1234.5,
        },
        format="json",
        HTTP_IF_MATCH=token,
    )
    assert added.status_code == 201, added.json()
    assert added.json()["amount"] == "1234.50"
    assert added.json()["source_afdeling"] == world.afd_b.pk
    listed = client.get(_url(world.plan_led, "versions/1/lines/")).json()
    assert len(listed) == 9
    gone = client.delete(
        _url(world.plan_led, f"versions/1/lines/{added.json()['id']}/"),
        HTTP_IF_MATCH=added["ETag"],
    )
    assert gone.status_code == 204
    assert (
        client.delete(_url(world.plan_led, "versions/1/"), HTTP_IF_MATCH=token).status_code == 412
    )
    assert (
        client.delete(_url(world.plan_led, "versions/1/"), HTTP_IF_MATCH=gone["ETag"]).status_code
        == 204
    )
    assert not BudgetVersion.objects.filter(plan=world.plan_led).exists()
    assert client.get(_url(world.plan_led)).status_code == 404


def test_the_original_is_approved_by_lbfs_grant_not_through_approve(world: Any) -> None:
    make_budget(world.plan_led)
    response = world.client("admin").post(
        _url(world.plan_led, "versions/1/approve/"),
        {"approved_on": "2023-01-10", "decision": "Godkendt"},
        format="json",
    )
    assert response.status_code == 400
    assert "grant" in response.json()["state"][0]
    assert BudgetVersion.objects.get(plan=world.plan_led).state == VersionState.DRAFT


def test_reading_the_budget_costs_the_same_queries_with_more_lines(world: Any) -> None:
    client = world.client("leader")
    make_budget(world.plan_led)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(world.plan_led)).status_code == 200
        return len(queries)

    few = count()
    make_budget(world.plan_led, years=[2023, 2024, 2025, 2026, 2023, 2024])
    assert BudgetLine.objects.filter(version__plan=world.plan_led).count() == 12
    assert count() == few


def test_a_cofinancers_commitments(world: Any, granted: Any) -> None:
    url = f"/api/v1/cofinancers/{world.org_b.slug}/commitments/"
    body = world.client("housing_user").get(url).json()
    assert body["organisation"] == world.org_b.slug
    assert body["kind"] == "housing_organisation"
    assert body["years"] == [2023, 2024, 2025, 2026]
    assert [row["plan"] for row in body["committed"]] == [world.plan_led.slug]
    assert body["committed"][0]["total"] == "1000000.00"
    assert body["totals_by_year"][0] == {"year": 2023, "amount": "250000.00"}
    assert body["proposed"] == []
    assert world.client("admin").get(url).status_code == 200
    assert world.client("municipality_user").get(url).status_code == 404
    assert world.client("leader").get(url).status_code == 404
    assert world.client("anonymous").get(url).status_code == 403
    assert world.client("admin").get("/api/v1/cofinancers/nobody/commitments/").status_code == 404
