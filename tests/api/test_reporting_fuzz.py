"""The reports API fuzzed from its own OpenAPI schema (as tests/api/test_fuzz.py does for the
whole API), on a world where the led plan has a report in each state: no server error, every
answer conforms to the schema. Reads as an anonymous visitor and as the plan's leader, writes as
a secretariat administrator."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.api.test_fuzz import CHECKS, _basic, in_process_requests, schema  # noqa: F401
from tests.reporting.helpers import make_reporting, stored_report

reports = schema.include(path_regex="reports")


@pytest.fixture
def reporting_world(world: Any) -> Any:
    rw = make_reporting(world)
    stored_report(rw.plan, rw.last_year - 2, "approved")
    stored_report(rw.plan, rw.last_year - 1, "returned", remarks="Mangler tal")
    return world


@reports.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_reports_api_survives_its_own_schema(
    case: Any,
    reporting_world: Any,
    in_process_requests: None,  # noqa: F811
) -> None:
    world = reporting_world
    if case.method.upper() == "GET":
        for who in ("anonymous", "leader"):
            user = world.users.get(who)
            response = case.call(headers=_basic(user) if user else None)
            case.validate_response(response, checks=CHECKS)
    else:
        response = case.call(headers=_basic(world.users["admin"]))
        case.validate_response(response, checks=CHECKS)


pytestmark = pytest.mark.django_db
