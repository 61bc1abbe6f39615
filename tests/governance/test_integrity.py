"""The register's integrity rules through the services: dates within the plan's period, one
leader / chair / vice-chair / seat at a time (also under concurrent requests), corrections,
deletions with history, duplicate people and merging them, and `check-data`."""

import threading
import time
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError, connection
from tests import kit
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    PlanRoleFactory,
    UserFactory,
)

from boligsocial.governance.models import Membership, MembershipRole, Person, PlanRole
from boligsocial.governance.selectors import person_duplicates, rule_breaches
from boligsocial.governance.services import (
    membership_add,
    membership_delete,
    membership_update,
    person_create,
    person_merge,
    plan_role_add,
    plan_role_delete,
    plan_role_update,
)

pytestmark = pytest.mark.django_db


def make_plan():
    return PlanFactory(start_date=date(2024, 1, 1), end_date=date(2027, 12, 31))


# Dates within the plan's period -------------------------------------------------------------


def test_a_plan_role_outside_the_plan_period_is_refused_on_the_date_field():
    plan, person = make_plan(), PersonFactory()
    before = kit.db_snapshot()
    with pytest.raises(ValidationError) as excinfo:
        plan_role_add(plan=plan, person=person, kind="staff", valid_from=date(1990, 1, 1))
    assert excinfo.value.message_dict == {
        "valid_from": [
            f"Startdatoen (1. januar 1990) ligger før perioden for {plan.name} (1. januar "
            "2024 – 31. december 2027): angiv en startdato inden for perioden."
        ]
    }
    with pytest.raises(ValidationError) as excinfo:
        plan_role_add(plan=plan, person=person, kind="staff", valid_from=date(2031, 1, 1))
    assert list(excinfo.value.message_dict) == ["valid_from"]
    with pytest.raises(ValidationError) as excinfo:
        plan_role_add(
            plan=plan,
            person=person,
            kind="staff",
            valid_from=date(2024, 1, 1),
            valid_to=date(2028, 1, 1),
        )
    assert list(excinfo.value.message_dict) == ["valid_to"]
    assert kit.db_snapshot() == before  # no role, no history row
    # Within the period, with an end or with an open end, is fine.
    plan_role_add(plan=plan, person=person, kind="staff", valid_from=date(2024, 1, 1))
    assert PlanRole.objects.count() == 1


def test_a_seat_in_a_plan_body_outside_the_plan_period_is_refused():
    body = BodyFactory(plan=make_plan())
    kwargs = {"body": body, "person": PersonFactory(), "represents": OrganisationFactory()}
    with kit.nothing_written(), pytest.raises(ValidationError) as excinfo:
        membership_add(**kwargs, valid_from=date(2001, 1, 1))
    assert list(excinfo.value.message_dict) == ["valid_from"]
    assert body.plan.name in excinfo.value.message_dict["valid_from"][0]
    membership_add(**kwargs, valid_from=date(2024, 1, 1), valid_to=date(2027, 12, 31))
    assert Membership.objects.count() == 1


# One at a time ------------------------------------------------------------------------------


def test_a_plan_has_one_leader_at_a_time():
    plan = make_plan()
    first = PersonFactory(name="Førsta Leder")
    plan_role_add(
        plan=plan,
        person=first,
        kind="leader",
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    second = PersonFactory()
    with pytest.raises(ValidationError) as excinfo:
        plan_role_add(plan=plan, person=second, kind="leader", valid_from=date(2025, 6, 30))
    assert excinfo.value.message_dict == {
        "kind": [
            f"{plan.name} har allerede en leder i en overlappende periode: Førsta Leder "
            "(1. januar 2024 – 30. juni 2025). En plan har én leder ad gangen: afslut den "
            "rolle først, eller vælg andre datoer."
        ]
    }
    plan_role_add(plan=plan, person=second, kind="leader", valid_from=date(2025, 7, 1))
    # Staff are many at once.
    plan_role_add(plan=plan, person=first, kind="staff", valid_from=date(2024, 1, 1))
    plan_role_add(plan=plan, person=PersonFactory(), kind="staff", valid_from=date(2024, 1, 1))
    assert PlanRole.objects.filter(plan=plan, kind="leader").count() == 2
    assert PlanRole.objects.filter(plan=plan).count() == 4


@pytest.mark.parametrize(
    ("role", "field"), [(MembershipRole.CHAIR, "role"), (MembershipRole.VICE_CHAIR, "role")]
)
def test_a_body_has_one_chair_and_one_vice_chair_at_a_time(role, field):
    body = BodyFactory(plan=make_plan())
    org = OrganisationFactory()
    holder = PersonFactory(name="Siddende Formand")
    membership_add(body=body, person=holder, represents=org, role=role, valid_from=date(2024, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        membership_add(
            body=body,
            person=PersonFactory(),
            represents=org,
            role=role,
            valid_from=date(2026, 1, 1),
        )
    assert list(excinfo.value.message_dict) == [field]
    assert "Siddende Formand (fra 1. januar 2024)" in excinfo.value.message_dict[field][0]
    assert Membership.objects.count() == 1
    # The other single-seat role and ordinary members are not limited by it.
    other = MembershipRole.VICE_CHAIR if role == MembershipRole.CHAIR else MembershipRole.CHAIR
    membership_add(
        body=body, person=PersonFactory(), represents=org, role=other, valid_from=date(2024, 1, 1)
    )
    for _ in range(2):
        membership_add(
            body=body, person=PersonFactory(), represents=org, valid_from=date(2024, 1, 1)
        )
    assert Membership.objects.count() == 4


def _concurrently(n, action):
    """Run `action` in n threads released at once; return what each returned or raised. SQLite's
    shared in-memory test database answers a lock with an immediate error instead of waiting
    (a file database waits, with its busy timeout), so a thread retries then."""
    barrier = threading.Barrier(n)
    results = [None] * n

    def run(i):
        try:
            barrier.wait()
            for _attempt in range(200):
                try:
                    results[i] = action(i)
                    return
                except OperationalError as error:
                    if connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            results[i] = TimeoutError("still locked")
        except Exception as error:
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_identical_leader_requests_at_once_create_one_row():
    plan, person = make_plan(), PersonFactory()
    results = _concurrently(
        8,
        lambda _i: plan_role_add(
            plan=plan, person=person, kind="leader", valid_from=date(2024, 1, 1)
        ),
    )
    created = [r for r in results if isinstance(r, PlanRole)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(created), len(refused)) == (1, 7), results
    assert all(list(r.message_dict) == ["valid_from"] for r in refused)
    assert PlanRole.objects.filter(plan=plan).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_chairs_at_once_create_one_seat():
    body = BodyFactory(plan=make_plan())
    org = OrganisationFactory()
    people = [PersonFactory() for _ in range(8)]

    def add(i):
        return membership_add(
            body=body, person=people[i], represents=org, role="chair", valid_from=date(2024, 1, 1)
        )

    results = _concurrently(8, add)
    assert sum(isinstance(r, Membership) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 7, results
    assert Membership.objects.filter(body=body).count() == 1


# Corrections and deletions ------------------------------------------------------------------


def test_every_field_of_a_role_can_be_corrected_and_the_rules_still_apply():
    plan = make_plan()
    role = plan_role_add(
        plan=plan, person=PersonFactory(), kind="staff", valid_from=date(2024, 1, 1)
    )
    other = PersonFactory()
    plan_role_update(
        role=role,
        data={
            "person": other,
            "kind": "leader",
            "title": "Leder",
            "valid_from": date(2024, 2, 1),
            "valid_to": date(2027, 1, 31),
        },
    )
    role.refresh_from_db()
    assert (role.person, role.kind, role.title, role.valid_from, role.valid_to) == (
        other,
        "leader",
        "Leder",
        date(2024, 2, 1),
        date(2027, 1, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        plan_role_update(role=role, data={"valid_from": date(2023, 1, 1)})
    assert list(excinfo.value.message_dict) == ["valid_from"]
    assert PlanRole.objects.get(pk=role.pk).valid_from == date(2024, 2, 1)


def test_a_seat_can_be_given_to_another_person_unless_they_already_sit_there():
    body = BodyFactory(plan=make_plan())
    org = OrganisationFactory()
    seat = membership_add(
        body=body, person=PersonFactory(), represents=org, valid_from=date(2024, 1, 1)
    )
    sitting = membership_add(
        body=body, person=PersonFactory(), represents=org, valid_from=date(2024, 1, 1)
    )
    with pytest.raises(ValidationError) as excinfo:
        membership_update(membership=seat, data={"person": sitting.person})
    assert list(excinfo.value.message_dict) == ["valid_from"]
    fresh = PersonFactory()
    membership_update(membership=seat, data={"person": fresh, "role": "chair"})
    assert Membership.objects.get(pk=seat.pk).person == fresh


def test_deleting_a_role_or_a_seat_keeps_the_deleted_row_in_the_history():
    user = UserFactory()
    role = PlanRoleFactory(plan=make_plan(), valid_from=date(2024, 1, 1))
    seat = MembershipFactory(body=BodyFactory(plan=role.plan), valid_from=date(2024, 1, 1))
    role_id, seat_id = role.pk, seat.pk
    plan_role_delete(role=role, actor=user)
    membership_delete(membership=seat, actor=user)
    assert PlanRole.objects.count() == Membership.objects.count() == 0
    deleted_role = PlanRole.history.get(id=role_id, history_type="-")
    assert (deleted_role.person_id, deleted_role.history_user) == (role.person_id, user)
    deleted_seat = Membership.history.get(id=seat_id, history_type="-")
    assert (deleted_seat.valid_from, deleted_seat.history_user) == (date(2024, 1, 1), user)


# Duplicate people and merging ---------------------------------------------------------------


def test_a_person_with_the_same_name_and_employer_is_asked_about():
    employer = OrganisationFactory()
    existing = person_create(name="Anna  Testesen", title="Konsulent", employer=employer)
    with pytest.raises(ValidationError) as excinfo:
        person_create(name=" anna testesen", employer=employer)
    (message,) = excinfo.value.message_dict["name"]
    assert message == (
        "Er det den samme person? Der findes allerede en person med dette navn og denne "
        f"arbejdsgiver: Anna  Testesen (Konsulent, {employer.name}, id {existing.pk}). Vælg "
        "den eksisterende person, eller bekræft at det er en anden person med samme navn."
    )
    assert excinfo.value.error_dict["name"][0].code == "possible_duplicate"
    assert Person.objects.count() == 1
    # Another employer, or a confirmation, creates the person.
    person_create(name="Anna Testesen", employer=OrganisationFactory())
    person_create(name="Anna Testesen", employer=employer, confirm_new=True)
    assert Person.objects.count() == 3
    # Only the people in `among` are looked at.
    assert (
        person_duplicates(name="ANNA TESTESEN", employer=employer, among=Person.objects.none())
        == []
    )


def test_merging_moves_roles_and_seats_and_records_the_merge():
    admin = UserFactory()
    plan = make_plan()
    body = BodyFactory(plan=plan)
    keep = person_create(name="Bo Testsen", employer=None)
    remove = person_create(name="Bo Testsen", email="bo@example.org", confirm_new=True)
    role = plan_role_add(plan=plan, person=remove, kind="leader", valid_from=date(2024, 1, 1))
    seat = membership_add(
        body=body, person=remove, represents=OrganisationFactory(), valid_from=date(2024, 1, 1)
    )
    remove_id = remove.pk
    person_merge(keep=keep, remove=remove, actor=admin)
    assert not Person.objects.filter(pk=remove_id).exists()
    assert PlanRole.objects.get(pk=role.pk).person == keep
    assert Membership.objects.get(pk=seat.pk).person == keep
    keep.refresh_from_db()
    assert keep.email == "bo@example.org"
    gone = Person.history.get(id=remove_id, history_type="-")
    assert gone.history_change_reason == f"Flettet ind i Bo Testsen (id {keep.pk})"
    assert gone.history_user == admin
    moved = PlanRole.history.filter(id=role.pk).latest("history_date")
    assert moved.history_change_reason == f"Fletning: flyttet fra Bo Testsen (id {remove_id})"


def test_a_merge_that_would_overlap_is_refused_with_the_reason_and_changes_nothing():
    plan = make_plan()
    body = BodyFactory(plan=plan, name="Bestyrelsen")
    org = OrganisationFactory()
    keep, remove = PersonFactory(), PersonFactory()
    membership_add(body=body, person=keep, represents=org, valid_from=date(2024, 1, 1))
    role = plan_role_add(plan=plan, person=remove, kind="staff", valid_from=date(2024, 1, 1))
    membership_add(body=body, person=remove, represents=org, valid_from=date(2025, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        person_merge(keep=keep, remove=remove)
    (message,) = excinfo.value.message_dict["remove"]
    assert message.startswith("De to personer kan ikke flettes: Bestyrelsen, medlem: ")
    assert keep.name in message
    assert Person.objects.filter(pk=remove.pk).exists()
    assert PlanRole.objects.get(pk=role.pk).person == remove
    assert Membership.objects.filter(person=remove).count() == 1
    with pytest.raises(ValidationError) as excinfo:
        person_merge(keep=keep, remove=keep)
    assert list(excinfo.value.message_dict) == ["remove"]


# check-data ---------------------------------------------------------------------------------


def test_check_data_lists_rows_that_break_rules_and_exits_1():
    plan = make_plan()
    # Rows written around the services, as data entered before the rules existed.
    early = PlanRoleFactory(plan=plan, kind="leader", valid_from=date(2001, 1, 1))
    second = PlanRoleFactory(plan=plan, kind="leader", valid_from=date(2024, 1, 1))
    body = BodyFactory(plan=plan)
    chair = MembershipFactory(body=body, role="chair", valid_from=date(2024, 1, 1))
    other_chair = MembershipFactory(body=body, role="chair", valid_from=date(2024, 6, 1))
    MembershipFactory(body=body, valid_from=date(2024, 1, 1), valid_to=date(2025, 1, 1))
    found = [(b.model, b.row_id, b.field, b.code) for b in rule_breaches()]
    assert found == [
        ("plan role", early.pk, "valid_from", "starts_before_period"),
        ("plan role", second.pk, "kind", "second_leader"),
        ("membership", other_chair.pk, "role", "second_chair"),
    ]
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as excinfo:
        call_command("check_data", stdout=out, stderr=err)
    assert excinfo.value.code == 1
    text = out.getvalue()
    assert (
        f"{plan.name}: plan role {early.pk} ({early.person.name}, leder, fra 1. januar 2001)"
        in text
    )
    assert f"membership {other_chair.pk}" in text
    assert f"membership {chair.pk}" not in text
    assert text.count("Hvad skal der gøres:") == 3
    assert err.getvalue().strip() == "3 problems in 3 rows."


def test_check_data_is_quiet_and_exits_0_on_clean_data():
    PlanRoleFactory(plan=make_plan(), kind="leader", valid_from=date(2024, 1, 1))
    out = StringIO()
    call_command("check_data", stdout=out)
    assert out.getvalue() == "No stored row breaks a rule.\n"


def test_a_plan_period_that_would_leave_out_roles_or_seats_is_refused():
    from boligsocial.governance.services import plan_update
    from boligsocial.plans.models import Plan

    plan = make_plan()  # 2024–2027
    role = PlanRoleFactory(
        plan=plan, person=PersonFactory(name="Ida Testsen"), valid_from=date(2024, 1, 1)
    )
    MembershipFactory(
        body=BodyFactory(plan=plan, name="Styregruppen"),
        person=PersonFactory(name="Ole Testsen"),
        valid_from=date(2024, 3, 1),
        valid_to=date(2027, 6, 30),
    )
    with pytest.raises(ValidationError) as excinfo:
        plan_update(
            plan=plan,
            data={
                "start_date": date(2024, 2, 1),
                "end_date": date(2027, 1, 31),
                "length_reason": "Test.",
            },
        )
    assert excinfo.value.message_dict == {
        "start_date": [
            "Ida Testsen, medarbejder, fra 1. januar 2024 ville ligge uden for den nye periode: "
            "ret, afslut eller slet den først."
        ],
        "end_date": [
            "Ole Testsen, medlem, Styregruppen, 1. marts 2024 – 30. juni 2027 ville ligge uden "
            "for den nye periode: ret, afslut eller slet den først."
        ],
    }
    assert Plan.objects.get(pk=plan.pk).start_date == date(2024, 1, 1)
    # A period that still holds them is saved.
    plan_update(plan=plan, data={"start_date": date(2024, 1, 1), "end_date": date(2027, 12, 31)})
    assert PlanRole.objects.get(pk=role.pk).plan == plan


def test_the_demo_data_passes_check_data(settings):
    from boligsocial.demo.load import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    assert PlanRole.objects.count() > 0
    assert Membership.objects.count() > 0
    assert rule_breaches() == []


# The console script closes the database connections when the command ends, as Django's
# `run_from_argv` does: the test commits its rows instead of running in a transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_console_script_answers_check_data_with_its_exit_status(capsys):
    from boligsocial.cli import main

    main(["boligsocial", "check-data"])  # clean: returns, exit status 0
    PlanRoleFactory(plan=make_plan(), valid_from=date(2001, 1, 1))
    with pytest.raises(SystemExit) as excinfo:
        main(["boligsocial", "check-data"])
    assert excinfo.value.code == 1
    assert capsys.readouterr().err.strip().endswith("1 problem in 1 row.")
