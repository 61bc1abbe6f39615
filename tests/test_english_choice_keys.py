"""Decision 0019: stored choice values are English keys. The data migrations of governance (0003),
organisations (0003) and indicators (0005) rename every stored Danish key, in the tables and in
their history tables, and back again when unapplied."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from boligsocial.governance.models import BodyKind, MembershipRole, PlanRoleKind
from boligsocial.organisations.models import OrganisationKind
from tests.factories import (
    BodyFactory,
    HousingOrganisationFactory,
    MembershipFactory,
    PlanRoleFactory,
)

BEFORE = [
    ("governance", "0002_body_description_limit"),
    ("organisations", "0002_regions_and_municipalities"),
    ("indicators", "0004_figure_range"),
]


def _migrate(targets: list[tuple[str, Any]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps


def _stored(apps: Any) -> dict[str, set[str]]:
    """Every stored value of the renamed fields, per table (current and history)."""

    def values(app: str, model: str, field: str) -> set[str]:
        return set(apps.get_model(app, model).objects.values_list(field, flat=True))

    return {
        "planrole": values("governance", "PlanRole", "kind"),
        "historicalplanrole": values("governance", "HistoricalPlanRole", "kind"),
        "body": values("governance", "Body", "kind"),
        "historicalbody": values("governance", "HistoricalBody", "kind"),
        "membership": values("governance", "Membership", "role"),
        "historicalmembership": values("governance", "HistoricalMembership", "role"),
        "organisation": values("organisations", "Organisation", "kind"),
        "historicalorganisation": values("organisations", "HistoricalOrganisation", "kind"),
        "indicator": values("indicators", "Indicator", "unit"),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migrations_rename_the_stored_keys_and_their_history_both_ways() -> None:
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    role = PlanRoleFactory(kind=PlanRoleKind.LEADER)
    seat = MembershipFactory(
        body=BodyFactory(plan=role.plan, kind=BodyKind.FOLLOW),
        represents=HousingOrganisationFactory(),
        role=MembershipRole.VICE_CHAIR,
    )
    english = {
        "planrole": {"leader"},
        "historicalplanrole": {"leader"},
        "body": {"follow_group"},
        "historicalbody": {"follow_group"},
        "membership": {"vice_chair"},
        "historicalmembership": {"vice_chair"},
        "organisation": {"housing_organisation"},
        "historicalorganisation": {"housing_organisation"},
        # The data dictionary of indicators 0002.
        "indicator": {"percent", "count", "ratio"},
    }
    danish = {
        "planrole": {"leder"},
        "historicalplanrole": {"leder"},
        "body": {"foelgegruppe"},
        "historicalbody": {"foelgegruppe"},
        "membership": {"naestformand"},
        "historicalmembership": {"naestformand"},
        "organisation": {"boligorganisation"},
        "historicalorganisation": {"boligorganisation"},
        "indicator": {"pct", "antal", "ratio"},
    }
    try:
        assert seat.represents.kind == OrganisationKind.HOUSING
        assert _stored(_migrate(leaves)) == english
        assert _stored(_migrate(BEFORE)) == danish
        assert _stored(_migrate(leaves)) == english
    finally:
        _migrate(leaves)
