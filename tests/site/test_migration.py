"""Moving the site profile from `core` to `site` keeps the row, its municipalities, the
content type (so permissions follow) and the table the data-version triggers watch."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0003_data_version"), ("site", None)]


def _migrate(targets: list[tuple[str, Any]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The models as the migrations applied now have them.
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_site_profile_keeps_its_row_and_content_type_when_it_moves_to_its_own_app() -> None:
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        content_types = old.get_model("contenttypes", "ContentType")
        content_types.objects.filter(model="siteprofile").delete()
        old_type = content_types.objects.create(app_label="core", model="siteprofile")
        municipality = old.get_model("organisations", "Municipality").objects.order_by("pk")[0]
        secretariat = old.get_model("organisations", "Organisation").objects.create(
            kind="secretariat", name="Fællessekretariatet", slug="faellessekretariatet"
        )
        profile = old.get_model("core", "SiteProfile").objects.create(
            title_da="Boligsociale helhedsplaner i Testby",
            title_en="Testby",
            secretariat=secretariat,
        )
        profile.municipalities.add(municipality)

        new = _migrate(leaves)
        moved = new.get_model("site", "SiteProfile").objects.get()
        assert (moved.pk, moved.title_da, moved.secretariat_id) == (
            profile.pk,
            "Boligsociale helhedsplaner i Testby",
            secretariat.pk,
        )
        assert list(moved.municipalities.values_list("pk", flat=True)) == [municipality.pk]
        assert list(
            new.get_model("contenttypes", "ContentType")
            .objects.filter(model="siteprofile")
            .values_list("pk", "app_label")
        ) == [(old_type.pk, "site")]
    finally:
        _migrate(leaves)
