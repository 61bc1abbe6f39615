"""`/api/v1/plans/{slug}/agreement/…`: the same rules as the pages. Readers read, editors
write drafts, only the LBF capacities approve (403 and nothing written otherwise), bad input
answers 400 naming the field, and `If-Match` refuses a stale write with 412."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from boligsocial.agreements import services
from boligsocial.agreements.models import AgreementVersion, SubAgreement, VersionStatus

from .conftest import AgreementWorld

pytestmark = pytest.mark.django_db

BASE = "/api/v1/plans/helhedsplan-aftaleparken/agreement/"
VERSIONS = f"{BASE}versions/"


def api(aw: AgreementWorld, role: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if role != "anonymous":
        client.force_login(aw.users[role])
    return client


def _pending(aw: AgreementWorld) -> AgreementVersion:
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    for sub in version.sub_agreements.all():
        services.sub_agreement_update(sub_agreement=sub, data={"goals": "Mål"})
    return services.agreement_version_submit(version=version, user=aw.users["leader"])


def snapshot() -> list[Any]:
    return [
        list(AgreementVersion.objects.order_by("pk").values()),
        list(SubAgreement.objects.order_by("pk").values()),
        AgreementVersion.history.count(),
        SubAgreement.history.count(),
    ]


@pytest.mark.parametrize("role", ["admin", "leader", "housing_user", "municipality_user", "lbf"])
def test_readers_read_the_agreement(aw, role):
    _pending(aw)
    response = api(aw, role).get(BASE)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["plan"] == "helhedsplan-aftaleparken"
    assert body["current"] is None
    assert body["open"]["status"] == "pending"
    assert body["open"]["approval_capacity"] is None
    assert [s["goals"] for s in body["open"]["sub_agreements"]] == ["Mål", "Mål"]
    assert body["versions"] == [1]


def test_others_get_404_and_anonymous_403(aw):
    _pending(aw)
    assert api(aw, "other_leader").get(BASE).status_code == 404
    assert api(aw, "other_leader").get(f"{VERSIONS}1/").status_code == 404
    assert api(aw, "anonymous").get(BASE).status_code == 403
    assert api(aw, "leader").get("/api/v1/plans/ingen-plan/agreement/").status_code == 404
    assert api(aw, "leader").get(f"{VERSIONS}99999999999/").status_code == 404


def test_the_whole_round_trip_through_the_api(aw):
    leader = api(aw, "leader")
    response = leader.post(VERSIONS, {"note": "Første aftale"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 1
    sub_id = response.json()["sub_agreements"][0]["id"]
    sub_url = f"{VERSIONS}1/sub-agreements/{sub_id}/"
    etag = leader.get(sub_url)["ETag"]
    response = leader.patch(
        sub_url,
        {"goals": "Flere i job", "activities": ["Jobcafé", "Mentorer"]},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    assert response.json()["activities"] == ["Jobcafé", "Mentorer"]
    second = response.json()
    other_id = next(
        s["id"] for s in leader.get(f"{VERSIONS}1/").json()["sub_agreements"] if s["id"] != sub_id
    )
    assert leader.delete(f"{VERSIONS}1/sub-agreements/{other_id}/").status_code == 204
    etag = leader.get(f"{VERSIONS}1/")["ETag"]
    response = leader.post(f"{VERSIONS}1/submit/", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "pending"
    lbf = api(aw, "lbf")
    etag = lbf.get(f"{VERSIONS}1/")["ETag"]
    today = timezone.localdate().isoformat()
    response = lbf.post(
        f"{VERSIONS}1/approve/",
        {"approved_on": today, "approval_capacity": "lbf"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "approved"
    assert response.json()["approval_capacity"] == "lbf"
    assert response.json()["approval_recorded_by"] == aw.users["lbf"].username
    assert leader.get(BASE).json()["current"]["sub_agreements"][0]["goals"] == second["goals"]
    response = leader.post(VERSIONS, {}, format="json")
    assert response.status_code == 201
    response = leader.get(f"{BASE}compare/?from=1&to=2")
    assert response.status_code == 200
    body = response.json()
    assert body["changed"] is True
    assert body["note"] == {
        "name": "note",
        "left": "Første aftale",
        "right": "",
        "changed": True,
        "items": [],
    }
    assert [a["change"] for a in body["focus_areas"]] == ["same"]


@pytest.mark.parametrize("role", ["housing_user", "municipality_user", "lbf", "other_leader"])
def test_non_editors_write_nothing(aw, role):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    before = snapshot()
    client = api(aw, role)
    expected = 404 if role == "other_leader" else 403
    for method, url, data in (
        ("post", VERSIONS, {}),
        ("patch", f"{VERSIONS}1/", {"note": "x"}),
        ("delete", f"{VERSIONS}1/", None),
        ("post", f"{VERSIONS}1/submit/", None),
        ("post", f"{VERSIONS}1/sub-agreements/", {"focus_area": aw.focus[2].pk}),
        ("patch", f"{VERSIONS}1/sub-agreements/{sub.pk}/", {"goals": "x"}),
        ("delete", f"{VERSIONS}1/sub-agreements/{sub.pk}/", None),
    ):
        response = getattr(client, method)(url, data, format="json")
        assert response.status_code == expected, (method, url, response.content)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("role", "capacity"),
    [
        ("leader", "lbf"),
        ("housing_user", "lbf"),
        ("municipality_user", "lbf"),
        ("admin", "lbf"),
        ("lbf", "admin_recording_lbf"),
    ],
)
def test_only_the_lbf_capacities_approve(aw, role, capacity):
    _pending(aw)
    before = snapshot()
    response = api(aw, role).post(
        f"{VERSIONS}1/approve/",
        {"approved_on": timezone.localdate().isoformat(), "approval_capacity": capacity},
        format="json",
    )
    assert response.status_code == 403
    assert "acting for LBF" in response.json()["detail"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("url", "data", "field", "message"),
    [
        (
            "approve/",
            {"approved_on": "2026-13-01", "approval_capacity": "lbf"},
            "approved_on",
            "Date has wrong format",
        ),
        (
            "approve/",
            {"approved_on": "2026-01-01", "approval_capacity": "boss"},
            "approval_capacity",
            '"boss" is not a valid choice.',
        ),
        ("approve/", {"approval_capacity": "lbf"}, "approved_on", "This field is required."),
        (
            "approve/",
            {"approved_on": "2026-01-01", "approval_capacity": "lbf", "document": 999},
            "document",
            'Invalid pk "999" - object does not exist.',
        ),
    ],
)
def test_bad_approval_input_names_the_field(aw, url, data, field, message):
    _pending(aw)
    before = snapshot()
    response = api(aw, "lbf").post(f"{VERSIONS}1/{url}", data, format="json")
    assert response.status_code == 400
    assert message in response.json()[field][0]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"activities": "Jobcafé"}, "activities", 'Expected a list of items but got type "str".'),
        ({"activities": ["Jobcafé", ""]}, "activities", "Item 2 is empty."),
        ({"indicators": ["x" * 501]}, "indicators", "Item 1 is longer than 500 characters."),
        ({"goals": "x" * 5001}, "goals", "Ensure this field has no more than 5000 characters."),
    ],
)
def test_bad_sub_agreement_input_names_the_field(aw, data, field, message):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    before = snapshot()
    response = api(aw, "leader").patch(f"{VERSIONS}1/sub-agreements/{sub.pk}/", data, format="json")
    assert response.status_code == 400
    assert response.json()[field] == [message]
    assert snapshot() == before


def test_a_focus_area_of_another_round_and_an_approved_version_are_refused(aw):
    from boligsocial.funding.models import FocusArea

    version = _pending(aw)
    services.agreement_version_approve(
        version=version, user=aw.users["lbf"], capacity="lbf", approved_on=timezone.localdate()
    )
    leader = api(aw, "leader")
    sub = version.sub_agreements.first()
    response = leader.patch(f"{VERSIONS}1/sub-agreements/{sub.pk}/", {"goals": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "Version 1 is approved by LBF and never changes. Create a new version to change "
            "the agreement."
        ]
    }
    leader.post(VERSIONS, {}, format="json")
    other = FocusArea.objects.filter(fund_round__code="2015–18").first()
    response = leader.post(f"{VERSIONS}2/sub-agreements/", {"focus_area": other.pk}, format="json")
    assert response.status_code == 400
    assert "not a focus area of the plan's fund round" in response.json()["focus_area"][0]


def test_a_stale_if_match_is_412_and_nothing_is_written(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    leader = api(aw, "leader")
    etag = leader.get(f"{VERSIONS}1/sub-agreements/{sub.pk}/")["ETag"]
    services.sub_agreement_update(sub_agreement=sub, data={"goals": "Andens"})
    response = leader.patch(
        f"{VERSIONS}1/sub-agreements/{sub.pk}/",
        {"goals": "Mine"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 412
    assert response.json()["changed_fields"] == ["goals"]
    sub.refresh_from_db()
    assert sub.goals == "Andens"
    etag = leader.get(f"{VERSIONS}1/")["ETag"]
    services.sub_agreement_update(sub_agreement=sub, data={"goals": "Igen"})
    response = leader.post(f"{VERSIONS}1/submit/", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


@pytest.mark.parametrize(
    ("query", "field"),
    [("?from=1", "to"), ("?from=x&to=1", "from"), ("?from=1&to=1e9", "to")],
)
def test_a_bad_comparison_is_400_naming_the_parameter(aw, query, field):
    _pending(aw)
    response = api(aw, "leader").get(f"{BASE}compare/{query}")
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_comparison_with_a_missing_version_is_404(aw):
    _pending(aw)
    assert api(aw, "leader").get(f"{BASE}compare/?from=1&to=5").status_code == 404
