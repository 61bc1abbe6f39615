"""The version token of a stored object and the locked check that refuses a stale write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core import signing
from django.db import transaction
from django.http import Http404
from tests import factories as f

from boligsocial.core.concurrency import (
    ConflictError,
    changed_fields,
    expect_version,
    instance_version,
    jsonable,
    lock_and_check,
    sign_values,
    unsign_values,
    version_token,
    version_values,
)
from boligsocial.governance.models import Person, PlanRole
from boligsocial.plans.models import Plan


def test_jsonable_is_canonical() -> None:
    assert jsonable(Decimal("1.00")) == "1"
    assert jsonable(Decimal("0.50")) == "0.5"
    assert jsonable(Decimal("10")) == "10"
    assert jsonable(date(2024, 7, 1)) == "2024-07-01"
    assert jsonable({3, 1, 2}) == [1, 2, 3]
    assert jsonable([3, 1, 2]) == [3, 1, 2]
    assert jsonable({"type": "Point", "coordinates": (10.1, 56.2)}) == {
        "type": "Point",
        "coordinates": ["10.1", "56.2"],
    }
    assert jsonable(None) is None
    assert jsonable(True) is True


def test_token_is_stable_and_names_the_changed_fields() -> None:
    values = {"name": "A", "email": "a@example.org", "phone": ""}
    token = version_token(values)
    assert token == version_token(dict(reversed(list(values.items()))))
    full, each = token.split(".")
    assert len(full) == 20
    assert len(each) == 3 * 4
    changed = {**values, "name": "B", "phone": "12345678"}
    assert version_token(changed) != token
    assert changed_fields(token, changed) == ["name", "phone"]
    assert changed_fields(token, values) == []


def test_changed_fields_of_a_foreign_token_is_unknown() -> None:
    values = {"name": "A", "phone": ""}
    assert changed_fields("nonsense", values) is None
    assert changed_fields(version_token({"name": "A"}), values) is None


@pytest.mark.django_db
def test_version_values_of_a_plan_role() -> None:
    role = f.PlanRoleFactory(fte=Decimal("0.50"), valid_from=date(2024, 1, 1), valid_to=None)
    values = version_values(role)
    assert values == {
        "plan": role.plan_id,
        "person": role.person_id,
        "kind": role.kind,
        "title": role.title,
        "fte": "0.5",
        "valid_from": "2024-01-01",
        "valid_to": None,
    }
    # The same row read back from the database has the same version.
    assert instance_version(PlanRole.objects.get(pk=role.pk)) == instance_version(role)


@pytest.mark.django_db
def test_version_of_a_plan_includes_its_many_to_many_relations() -> None:
    plan = f.PlanFactory()
    before = instance_version(plan)
    plan.focus_areas.set(plan.fund_round.focus_areas.order_by("position")[:1])
    fresh = Plan.objects.get(pk=plan.pk)
    assert instance_version(fresh) != before
    assert changed_fields(before, version_values(fresh)) == ["focus_areas"]


@pytest.mark.django_db
def test_expect_version_lets_the_current_version_write() -> None:
    person = f.PersonFactory(name="Ane Testperson")
    token = instance_version(person)
    with expect_version(person, token) as current:
        assert current == token
        person.name = "Ane Nytnavn"
        person.save()
    assert Person.objects.get(pk=person.pk).name == "Ane Nytnavn"


@pytest.mark.django_db
def test_expect_version_refuses_a_stale_version_and_writes_nothing() -> None:
    person = f.PersonFactory(name="Ane Testperson", phone="")
    stale = instance_version(person)
    Person.objects.filter(pk=person.pk).update(name="Bo Andennavn")
    wrote = False
    with pytest.raises(ConflictError) as caught, expect_version(person, stale):
        wrote = True
    assert wrote is False
    error = caught.value
    assert error.code == "conflict"
    assert error.changed == ["name"]
    assert error.current["name"] == "Bo Andennavn"
    assert error.version == instance_version(Person.objects.get(pk=person.pk))
    assert Person.objects.get(pk=person.pk).name == "Bo Andennavn"


@pytest.mark.django_db
def test_any_of_several_expected_versions_matches_and_none_means_no_check() -> None:
    person = f.PersonFactory(name="Ane Testperson")
    stale = instance_version(person)
    Person.objects.filter(pk=person.pk).update(name="Bo Andennavn")
    current = instance_version(Person.objects.get(pk=person.pk))
    with expect_version(person, [stale, current]):
        pass
    # No expected version: no check, and the instance is brought up to date for the write.
    with expect_version(person, None):
        assert person.name == "Bo Andennavn"


@pytest.mark.django_db
def test_lock_and_check_needs_a_transaction() -> None:
    person = f.PersonFactory()
    with pytest.raises(ConflictError), transaction.atomic():
        lock_and_check(person, "stale.0000")
    # pytest-django's test transaction is an atomic block; outside any, it refuses.
    connection = transaction.get_connection()
    saved = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            lock_and_check(person, None)
    finally:
        connection.in_atomic_block = saved


@pytest.mark.django_db
def test_an_object_deleted_meanwhile_is_a_404() -> None:
    person = f.PersonFactory()
    token = instance_version(person)
    Person.objects.filter(pk=person.pk).delete()
    with pytest.raises(Http404), expect_version(person, token):
        pass


def test_signed_values_round_trip_and_refuse_tampering() -> None:
    values = {"name": "Ane", "fte": "0.5"}
    signed = sign_values(values)
    assert unsign_values(signed) == values
    with pytest.raises(signing.BadSignature):
        unsign_values(signed[:-2] + "xx")
    with pytest.raises(signing.BadSignature):
        unsign_values(signing.dumps([1, 2], salt="boligsocial.core.concurrency"))
