"""The API fuzzed from its own OpenAPI schema with schemathesis: for every operation, generated
requests never cause a server error and every response conforms to the schema (status code,
content type, headers, body). Reads are fuzzed as an anonymous visitor and as a plan leader
(whose visibility filter is the most involved), writes as a secretariat administrator. The run
is derandomized and bounded, and talks to the WSGI application in-process (no network)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from hypothesis.internal.conjecture import utils as hypothesis_utils
from schemathesis import GenerationConfig
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# hypothesis-jsonschema 0.23.1 (what schemathesis 3 draws bodies with) needs hypothesis' old
# `many.more()`, removed in hypothesis 6.170.10: say so instead of failing deep inside it.
HYPOTHESIS_PIN_MESSAGE = (
    "hypothesis >= 6.170.10 breaks hypothesis-jsonschema 0.23.1 (no `many.more`): pin "
    "hypothesis<6.170.10 in pyproject.toml and run `make lock`."
)

CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
MAX_EXAMPLES = 25


def _schema() -> dict[str, Any]:
    with translation.override("en"):
        raw = SchemaGenerator().get_schema(request=None, public=True)
    loaded: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(raw, renderer_context={}))
    return loaded


schema = schemathesis.from_dict(
    _schema(),
    app=get_wsgi_application(),
    # The test logs in itself (below); generated credentials would only ever be wrong.
    generation_config=GenerationConfig(with_security_parameters=False),
)


@pytest.fixture(autouse=True)
def _compatible_hypothesis() -> None:
    if not hasattr(hypothesis_utils.many, "more"):
        pytest.fail(HYPOTHESIS_PIN_MESSAGE, pytrace=False)


@pytest.fixture
def in_process_requests() -> Iterator[None]:
    """Requests go straight to the WSGI handler inside the test's transaction: keep Django
    from closing the connection at the start and end of each one (as its test client does)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _basic(user: Any) -> dict[str, str]:
    token = base64.b64encode(f"{user.username}:test-password-123".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_survives_its_own_schema(case: Any, world: Any, in_process_requests: None) -> None:
    if case.method.upper() == "GET":
        for who in ("anonymous", "leader"):
            user = world.users.get(who)
            response = case.call(headers=_basic(user) if user else None)
            case.validate_response(response, checks=CHECKS)
    else:
        response = case.call(headers=_basic(world.users["admin"]))
        case.validate_response(response, checks=CHECKS)
