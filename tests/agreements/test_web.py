"""The agreement pages: who reads them, who writes a draft, who records LBF's approval (403
and nothing written for anybody else), bad input and stale saves shown on the form, and the
side-by-side comparison marking changes in words, not only in colour."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from boligsocial.agreements import services
from boligsocial.agreements.models import AgreementVersion, SubAgreement, VersionStatus
from boligsocial.core.concurrency import sign_values, version_values

from .conftest import AgreementWorld

pytestmark = pytest.mark.django_db

BASE = "/intern/planer/helhedsplan-aftaleparken/samarbejdsaftale/"


def client_for(aw: AgreementWorld, role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    if role != "anonymous":
        client.force_login(aw.users[role])
    return client


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def _pending(aw: AgreementWorld) -> AgreementVersion:
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    for sub in version.sub_agreements.all():
        services.sub_agreement_update(
            sub_agreement=sub, data={"goals": "Mål", "activities": ["Lektiecafé", "Jobcafé"]}
        )
    return services.agreement_version_submit(version=version, user=aw.users["leader"])


def _two_versions(aw: AgreementWorld) -> tuple[AgreementVersion, AgreementVersion]:
    first = _pending(aw)
    services.agreement_version_approve(
        version=first, user=aw.users["lbf"], capacity="lbf", approved_on=timezone.localdate()
    )
    second = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = second.sub_agreements.order_by("focus_area__position").first()
    services.sub_agreement_update(
        sub_agreement=sub, data={"goals": "Nye mål", "activities": ["Jobcafé", "Virksomhedsbesøg"]}
    )
    return first, second


@pytest.mark.parametrize("role", ["admin", "leader", "housing_user", "municipality_user", "lbf"])
def test_the_agreement_page_is_read_by_everyone_who_reads_the_plan(aw, role):
    _pending(aw)
    response = client_for(aw, role).get(BASE)
    assert response.status_code == 200
    assert "Version 1 waits for LBF's approval" in text(response)
    assert "LBF has not approved a version yet." in text(response)


def test_the_agreement_page_is_not_found_for_other_users_and_needs_a_login(aw):
    assert client_for(aw, "other_leader").get(BASE).status_code == 404
    response = client_for(aw, "anonymous").get(BASE)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


def test_buttons_follow_the_users_rights(aw):
    version = _pending(aw)
    approve = f"{BASE}versioner/{version.number}/godkend/"
    assert approve not in text(client_for(aw, "leader").get(BASE))
    assert approve in text(client_for(aw, "lbf").get(BASE))
    assert approve in text(client_for(aw, "admin").get(BASE))
    assert "Withdraw the version" in text(client_for(aw, "leader").get(BASE))
    assert "Withdraw the version" not in text(client_for(aw, "lbf").get(BASE))


def test_an_editor_writes_a_draft_and_submits_it(aw):
    client = client_for(aw, "leader")
    response = client.post(f"{BASE}ny-version/", {"note": "Første aftale"})
    version = AgreementVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}versioner/1/"
    assert version.note == "Første aftale"
    sub = version.sub_agreements.order_by("focus_area__position").first()
    edit = f"{BASE}delaftaler/{sub.pk}/ret/"
    form = client.get(edit)
    assert form.status_code == 200
    token = form.context["form"].initial["version"]
    response = client.post(
        edit,
        {
            "version": token,
            "goals": "Flere unge i uddannelse",
            "target_groups": "Unge 15–25 år",
            "activities": "Lektiecafé\n\n  Mentorordning \n",
            "indicators": "Andel i uddannelse",
        },
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.activities == ["Lektiecafé", "Mentorordning"]
    assert sub.indicators == ["Andel i uddannelse"]
    page = text(client.get(f"{BASE}versioner/1/"))
    assert "<li>Mentorordning</li>" in page
    other = version.sub_agreements.exclude(pk=sub.pk).get()
    services.sub_agreement_remove(sub_agreement=other)
    submit = f"{BASE}versioner/1/indsend/"
    token = client.get(submit).context["form"].initial["version"]
    assert client.post(submit, {"version": token}).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


def test_a_bad_item_is_shown_on_its_field_and_nothing_is_written(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    client = client_for(aw, "leader")
    edit = f"{BASE}delaftaler/{sub.pk}/ret/"
    token = client.get(edit).context["form"].initial["version"]
    response = client.post(
        edit, {"version": token, "goals": "Mål", "activities": "Lektiecafé\n" + "x" * 501}
    )
    assert response.status_code == 200
    assert "Item 2 is longer than 500 characters." in text(response)
    sub.refresh_from_db()
    assert (sub.goals, sub.activities) == ("", [])


def test_a_stale_save_is_refused_and_says_what_changed(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    seen = sign_values(version_values(sub))
    services.sub_agreement_update(sub_agreement=sub, data={"goals": "Den andens mål"})
    response = client_for(aw, "admin").post(
        f"{BASE}delaftaler/{sub.pk}/ret/", {"version": seen, "goals": "Mine mål"}
    )
    assert response.status_code == 200
    assert "Someone else saved changes" in text(response)
    sub.refresh_from_db()
    assert sub.goals == "Den andens mål"


def test_submitting_content_changed_since_it_was_read_is_refused(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    seen = sign_values(version_values(version))
    for sub in version.sub_agreements.all():
        services.sub_agreement_update(sub_agreement=sub, data={"goals": "Nyt"})
    response = client_for(aw, "leader").post(f"{BASE}versioner/1/indsend/", {"version": seen})
    assert response.status_code == 200
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_forged_version_token_is_refused(aw):
    services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    forged = signing.dumps({"status": "draft"}, salt="other")
    response = client_for(aw, "leader").post(f"{BASE}versioner/1/indsend/", {"version": forged})
    assert response.status_code == 200
    assert "damaged or out of date" in text(response)
    assert AgreementVersion.objects.get().status == VersionStatus.DRAFT


@pytest.mark.parametrize("role", ["housing_user", "municipality_user", "lbf"])
def test_readers_who_do_not_edit_the_plan_write_nothing(aw, role):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    client = client_for(aw, role)
    for url, data in (
        (f"{BASE}ny-version/", {"note": "x"}),
        (f"{BASE}versioner/1/ret/", {"note": "x"}),
        (f"{BASE}versioner/1/indsend/", {}),
        (f"{BASE}versioner/1/kasser/", {}),
        (f"{BASE}versioner/1/delaftaler/ny/", {"focus_area": aw.focus[2].pk}),
        (f"{BASE}delaftaler/{sub.pk}/ret/", {"goals": "x"}),
        (f"{BASE}delaftaler/{sub.pk}/fjern/", {}),
    ):
        assert client.post(url, data).status_code == 403, url
    version.refresh_from_db()
    assert (version.status, version.note) == (VersionStatus.DRAFT, "")
    assert SubAgreement.objects.filter(goals="x").count() == 0
    assert version.sub_agreements.count() == 2


@pytest.mark.parametrize("role", ["leader", "housing_user", "municipality_user"])
def test_only_the_lbf_capacity_reaches_the_approval(aw, role):
    _pending(aw)
    client = client_for(aw, role)
    url = f"{BASE}versioner/1/godkend/"
    assert client.get(url).status_code == 403
    data = {"approval_capacity": "lbf", "approved_on": timezone.localdate().isoformat()}
    assert client.post(url, data).status_code == 403
    assert AgreementVersion.objects.get().status == VersionStatus.PENDING


def test_lbf_records_the_approval_and_an_administrator_only_as_the_letters_recorder(aw):
    _pending(aw)
    url = f"{BASE}versioner/1/godkend/"
    admin = client_for(aw, "admin")
    form = admin.get(url).context["form"]
    assert [value for value, _label in form.fields["approval_capacity"].choices] == [
        "admin_recording_lbf"
    ]
    token = form.initial["version"]
    today = timezone.localdate().isoformat()
    response = admin.post(url, {"version": token, "approval_capacity": "lbf", "approved_on": today})
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert AgreementVersion.objects.get().status == VersionStatus.PENDING
    lbf = client_for(aw, "lbf")
    token = lbf.get(url).context["form"].initial["version"]
    response = lbf.post(url, {"version": token, "approval_capacity": "lbf", "approved_on": today})
    assert response.status_code == 302
    version = AgreementVersion.objects.get()
    assert version.status == VersionStatus.APPROVED
    assert version.approval_recorded_by == aw.users["lbf"]
    page = text(client_for(aw, "housing_user").get(BASE))
    assert "Version 1, approved by LBF on" in page


def test_a_missing_approval_date_is_named(aw):
    _pending(aw)
    lbf = client_for(aw, "lbf")
    url = f"{BASE}versioner/1/godkend/"
    token = lbf.get(url).context["form"].initial["version"]
    response = lbf.post(url, {"version": token, "approval_capacity": "lbf", "approved_on": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["approved_on"]
    assert AgreementVersion.objects.get().status == VersionStatus.PENDING


def test_the_comparison_marks_changes_in_words(aw):
    _two_versions(aw)
    response = client_for(aw, "lbf").get(f"{BASE}sammenlign/?fra=1&til=2")
    assert response.status_code == 200
    page = text(response)
    assert page.count("<strong>Changed</strong>") == 2  # goals and activities of one area
    assert '<del><span class="bs-mark">Removed:</span> Lektiecafé</del>' in page
    assert '<ins><span class="bs-mark">Added:</span> Virksomhedsbesøg</ins>' in page
    assert "Nye mål" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?fra=1&til=1", "Choose two different versions."),
        ("?fra=1&til=9", "Select a valid choice. 9 is not one of the available choices."),
        ("?fra=x&til=2", "Select a valid choice."),
        ("", "This field is required."),
    ],
)
def test_a_bad_comparison_is_a_400_naming_the_field(aw, query, message):
    _two_versions(aw)
    response = client_for(aw, "leader").get(f"{BASE}sammenlign/{query}")
    assert response.status_code == 400
    assert message in text(response)


def test_a_missing_version_is_404(aw):
    _pending(aw)
    assert client_for(aw, "leader").get(f"{BASE}versioner/7/").status_code == 404


def test_the_plans_internal_page_links_to_the_agreement(aw):
    page = text(client_for(aw, "leader").get("/intern/planer/helhedsplan-aftaleparken/"))
    assert f'href="{BASE}"' in page


def test_the_pages_are_danish_first(aw):
    _two_versions(aw)
    client = Client()
    client.force_login(aw.users["leader"])
    page = text(client.get(BASE))
    assert "Samarbejdsaftale for Helhedsplan Aftaleparken" in page
    assert "Den gældende aftale" in page
    compare = text(client.get(f"{BASE}sammenlign/?fra=1&til=2"))
    assert "<strong>Ændret</strong>" in compare
    assert '<span class="bs-mark">Tilføjet:</span> Virksomhedsbesøg' in compare


def test_the_document_an_approval_rests_on_is_linked(aw):
    from boligsocial.documents.models import Document

    version = _pending(aw)
    letter = Document.objects.create(
        plan=aw.plan,
        title="LBF's brev om godkendelse",
        file="letter.pdf",
        original_name="letter.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    lbf = client_for(aw, "lbf")
    url = f"{BASE}versioner/1/godkend/"
    token = lbf.get(url).context["form"].initial["version"]
    today = timezone.localdate().isoformat()
    response = lbf.post(
        url,
        {"version": token, "approval_capacity": "lbf", "approved_on": today, "document": letter.pk},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.document == letter
    page = text(client_for(aw, "leader").get(f"{BASE}versioner/1/"))
    assert f"/dokumenter/{letter.pk}/hent/\">LBF's brev om godkendelse</a>" in page


def test_the_agreement_page_costs_the_same_however_many_versions(aw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(aw, "leader")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BASE).status_code == 200
        return len(captured)

    _two_versions(aw)
    few = queries()
    assert few > 5  # the page was built, not answered from a cache
    for _ in range(3):
        version = AgreementVersion.objects.get(status=VersionStatus.DRAFT)
        services.agreement_version_submit(version=version, user=aw.users["leader"])
        services.agreement_version_approve(
            version=version, user=aw.users["lbf"], capacity="lbf", approved_on=timezone.localdate()
        )
        services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    assert AgreementVersion.objects.count() == 5
    assert queries() == few
