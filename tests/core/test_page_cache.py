"""The data version the public page cache keys on (docs/decisions/0014): every table of the
project has the triggers, and every kind of write changes the version in its transaction."""

from __future__ import annotations

import importlib.util
import time

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from tests import factories as f

from boligsocial.core import data_version
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_every_table_of_the_project_has_the_triggers():
    tables = data_version.tracked_tables()
    # every model of every app of the project, its many-to-many and history tables included
    for config in apps.get_app_configs():
        if not config.name.startswith("boligsocial."):
            continue
        for model in config.get_models(include_auto_created=True):
            if model._meta.db_table != data_version.TABLE:
                assert model._meta.db_table in tables, model
    assert {"plans_plan", "plans_plan_afdelinger", "plans_historicalplan", "core_siteprofile"} <= (
        set(tables)
    )
    missing = set(tables) - data_version.tables_with_triggers()
    assert missing == set(), f"tables without data-version triggers: {sorted(missing)}"
    # not the version's own table, nor sessions, login throttling and users
    for table in (data_version.TABLE, "django_session", "axes_accessattempt", "auth_user"):
        assert table not in tables


def test_installing_again_changes_nothing_and_a_lost_trigger_comes_back():
    assert data_version.install_triggers() == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute('DROP TRIGGER "boligsocial_data_version_plans_plan_update"')
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER boligsocial_data_version ON plans_plan")
    assert "plans_plan" not in data_version.tables_with_triggers()
    call_command("migrate", verbosity=0)  # post_migrate reinstalls
    assert "plans_plan" in data_version.tables_with_triggers()


def changes_version(write) -> bool:  # type: ignore[no-untyped-def]
    before = data_version.current()
    write()
    after = data_version.current()
    assert before is not None
    assert after is not None
    return after > before


def test_every_kind_of_write_changes_the_version():
    plan = f.PlanFactory()
    organisation = f.OrganisationFactory()
    assert changes_version(lambda: f.OrganisationFactory())  # insert (ORM save)
    assert changes_version(lambda: Plan.objects.filter(pk=plan.pk).update(name="Ny"))  # update
    assert changes_version(
        lambda: Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bulk {i}", slug=f"bulk-{i}", kind=organisation.kind)
                for i in range(3)
            ]
        )
    )
    assert changes_version(lambda: plan.focus_areas.clear())  # many-to-many table
    assert changes_version(lambda: Organisation.objects.filter(name__startswith="Bulk").delete())

    def raw_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE plans_plan SET description = 'rå SQL' WHERE id = %s", [plan.pk])

    assert changes_version(raw_sql)


def changes_areas_version(write) -> bool:  # type: ignore[no-untyped-def]
    before = data_version.areas_version()
    write()
    after = data_version.areas_version()
    assert before is not None
    assert after is not None
    return after > before


def test_the_areas_version_changes_with_the_areas_data_and_with_nothing_else():
    """docs/decisions/0014: what is computed from the areas' data alone keys on it."""
    from boligsocial.indicators.models import Designation, OfficialListEntry

    area = f.AreaFactory()
    plan = f.PlanFactory()
    assert not changes_areas_version(lambda: Plan.objects.filter(pk=plan.pk).update(name="Ny"))
    assert not changes_areas_version(lambda: f.PersonFactory())
    assert not changes_areas_version(lambda: plan.focus_areas.clear())
    # but the data version does change with them
    assert changes_version(lambda: Plan.objects.filter(pk=plan.pk).update(name="Nyere"))
    assert changes_areas_version(lambda: f.AreaFactory())
    assert changes_areas_version(lambda: f.OrganisationFactory())
    assert changes_areas_version(
        lambda: OfficialListEntry.objects.create(
            area=area, year=2020, designation=Designation.values[0], on_list=True
        )
    )

    def raw_sql() -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE areas_area SET name = 'rå SQL' WHERE id = %s", [area.pk])

    assert changes_areas_version(raw_sql)
    # a write to the areas' data changes the data version too
    assert changes_version(lambda: f.AreaFactory())


def test_a_trigger_of_the_older_form_that_bumped_every_row_is_replaced():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            name = "boligsocial_data_version_plans_plan_update"
            cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute(
                f'CREATE TRIGGER "{name}" AFTER UPDATE ON "plans_plan" BEGIN '
                f"UPDATE {data_version.TABLE} SET version = version + 1; END"
            )
        else:
            cursor.execute(
                "CREATE OR REPLACE FUNCTION old_bump() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN UPDATE {data_version.TABLE} SET version = version + 1; RETURN NULL; END $$"
            )
            cursor.execute("DROP TRIGGER boligsocial_data_version ON plans_plan")
            cursor.execute(
                "CREATE TRIGGER boligsocial_data_version AFTER UPDATE ON plans_plan "
                "FOR EACH STATEMENT EXECUTE FUNCTION old_bump()"
            )
    assert "plans_plan" not in data_version.tables_with_triggers()
    assert data_version.install_triggers() == ["plans_plan"]
    assert "plans_plan" in data_version.tables_with_triggers()
    plan = f.PlanFactory()
    assert not changes_areas_version(lambda: Plan.objects.filter(pk=plan.pk).update(name="Ny"))


def test_a_login_leaves_the_version_a_changed_name_changes_it():
    """A plan's public history names who made each change; a login changes nothing shown."""
    user = get_user_model().objects.create_user("besoeger", password="x" * 20)
    assert "auth_user" in data_version.tables_with_triggers()
    assert not changes_version(lambda: user.save(update_fields=["last_login"]))
    assert not changes_version(lambda: get_user_model().objects.create_user("anden"))
    user.first_name = "Ny"
    assert changes_version(lambda: user.save(update_fields=["first_name"]))


def test_a_rolled_back_write_leaves_the_version():
    before = data_version.current()

    def write_and_fail() -> None:
        with transaction.atomic():
            f.OrganisationFactory()
            raise RuntimeError("fails")

    with pytest.raises(RuntimeError):
        write_and_fail()
    assert data_version.current() == before


def test_a_version_never_repeats_it_is_at_least_the_time_in_microseconds():
    start = int(time.time() * 1_000_000)
    f.OrganisationFactory()
    version = data_version.current()
    assert version is not None
    # a little slack for the database's clock resolution
    assert version >= start - 1_000_000


def test_cache_url_chooses_the_cache_and_a_wrong_one_stops_with_a_message(tmp_path):
    from tests.test_settings import check, local_env, production_env, settings_of

    assert settings_of(local_env(tmp_path), "CACHES['default']['BACKEND']") == [
        "'django.core.cache.backends.locmem.LocMemCache'"
    ]
    env = local_env(tmp_path, CACHE_URL="redis://127.0.0.1:6379/2")
    if importlib.util.find_spec("redis") is None:  # until redis-py is a dependency
        result = check(env)
        assert result.returncode == 2
        assert result.stderr == (
            "boligsocial: configuration error: CACHE_URL='redis://127.0.0.1:6379/2' needs the "
            "Python package redis: pip install redis.\n"
        )
    else:
        assert settings_of(
            env, "CACHES['default']['BACKEND']", "CACHES['default']['LOCATION']"
        ) == ["'django.core.cache.backends.redis.RedisCache'", "'redis://127.0.0.1:6379/2'"]
    result = check(production_env(tmp_path, CACHE_URL="memcached://127.0.0.1:11211"))
    assert result.returncode == 2
    assert result.stderr == (
        "boligsocial: configuration error: CACHE_URL='memcached://127.0.0.1:11211' is not "
        "supported: leave it empty for the built-in cache, or give redis://host:port/db "
        "(rediss:// with TLS).\n"
    )
