"""The version check and the write are one transaction: a second writer who read the same
version waits for the first to commit and is then refused, instead of both passing the check
(check-then-write race). Two threads, each with its own database connection."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from tests import factories as f

from boligsocial.core.concurrency import ConflictError, expect_version, instance_version
from boligsocial.governance.models import Person

IN_MEMORY_REASON = (
    "the in-memory SQLite test database is shared between threads with table locks that fail "
    "at once instead of waiting; this runs on PostgreSQL and on a file database"
)


# Decided before the database is set up, so that the SQLite run does not flush the test
# database for a test it skips (a flush renumbers the content types, which breaks the next
# test with serialized_rollback).
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3",
    reason=IN_MEMORY_REASON,
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_writer_waits_for_the_first_and_is_refused() -> None:
    person = f.PersonFactory(name="Ane Testperson")
    token = instance_version(person)
    first_checked = threading.Event()
    results: dict[str, Any] = {}

    def first() -> None:
        try:
            mine = Person.objects.get(pk=person.pk)
            with expect_version(mine, token):
                first_checked.set()
                # Hold the lock while the second writer tries its check.
                threading.Event().wait(0.5)
                mine.name = "Ane Første"
                mine.save()
            results["first"] = "saved"
        except Exception as error:  # reported below, in the test's thread
            results["first"] = error
        finally:
            first_checked.set()
            connections.close_all()

    def second() -> None:
        first_checked.wait(5)
        try:
            mine = Person.objects.get(pk=person.pk)
            with expect_version(mine, token):
                mine.name = "Ane Anden"
                mine.save()
            results["second"] = "saved"
        except Exception as error:  # a ConflictError is expected; anything else is reported
            results["second"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results["first"] == "saved"
    assert isinstance(results["second"], ConflictError), results["second"]
    assert results["second"].changed == ["name"]
    assert Person.objects.get(pk=person.pk).name == "Ane Første"
