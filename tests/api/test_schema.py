"""The OpenAPI schema: generated without warnings, valid OpenAPI 3, served at /api/schema/, and
identical to the committed docs/openapi.yaml (regenerate it with `make schema`)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.validation import validate_schema

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.yaml"
AGREEMENT_OPERATIONS = {
    "": {"get"},
    "compare/": {"get"},
    "versions/": {"get", "post"},
    "versions/{number}/": {"get", "patch", "delete"},
    "versions/{number}/submit/": {"post"},
    "versions/{number}/approve/": {"post"},
    "versions/{number}/sub-agreements/": {"get", "post"},
    "versions/{number}/sub-agreements/{id}/": {"get", "patch", "delete"},
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The schema as `make schema` writes it: English, validated, failing on any warning."""
    out = tmp_path_factory.mktemp("schema") / "openapi.yaml"
    call_command("spectacular", "--lang", "en", "--validate", "--fail-on-warn", "--file", str(out))
    return out.read_text(encoding="utf-8")


def test_committed_schema_matches_the_code(generated):
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""
    if committed != generated:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    generated.splitlines(keepends=True),
                    "docs/openapi.yaml (committed)",
                    "generated from the code",
                )
            )[:60]
        )
        pytest.fail(
            "docs/openapi.yaml is out of date with the API: run `make schema` and commit the "
            f"result.\n{diff}",
            pytrace=False,
        )


# A plan's documents (docs/decisions/0021): no change, only upload and delete.
DOCUMENT_OPERATIONS = {"": {"get", "post"}, "{id}/": {"get", "delete"}, "{id}/download/": {"get"}}


# The money (issue 10, decisions 0028–0031): every operation of each path.
MONEY_OPERATIONS = {
    "/api/v1/cofinancers/{organisation}/commitments/": {"get"},
    "/api/v1/frames/{code}/": {"get"},
    "/api/v1/frames/{code}/bookings/": {"get"},
    "/api/v1/frames/{code}/rent-support/": {"post"},
    "/api/v1/instalments/": {"get"},
    "/api/v1/plans/{slug}/budget/": {"get"},
    "/api/v1/plans/{slug}/budget/revisions/": {"post"},
    "/api/v1/plans/{slug}/budget/versions/": {"get"},
    "/api/v1/plans/{slug}/budget/versions/{number}/": {"delete", "get"},
    "/api/v1/plans/{slug}/budget/versions/{number}/approve/": {"post"},
    "/api/v1/plans/{slug}/budget/versions/{number}/lines/": {"get", "post"},
    "/api/v1/plans/{slug}/budget/versions/{number}/lines/{id}/": {"delete", "get", "patch"},
    "/api/v1/plans/{slug}/instalments/": {"get"},
    "/api/v1/plans/{slug}/instalments/{year}/": {"get", "patch"},
    "/api/v1/plans/{slug}/instalments/{year}/pay/": {"post"},
    "/api/v1/plans/{slug}/instalments/schedule/": {"post"},
    "/api/v1/plans/{slug}/reports/": {"get"},
    "/api/v1/plans/{slug}/reports/{year}/": {"get", "patch"},
    "/api/v1/plans/{slug}/reports/{year}/account-lines/": {"post"},
    "/api/v1/plans/{slug}/reports/{year}/account-lines/{id}/": {"delete", "patch"},
    "/api/v1/plans/{slug}/reports/{year}/approve/": {"post"},
    "/api/v1/plans/{slug}/reports/{year}/goal-results/": {"post"},
    "/api/v1/plans/{slug}/reports/{year}/goal-results/{id}/": {"delete", "patch"},
    "/api/v1/plans/{slug}/reports/{year}/milestones/": {"post"},
    "/api/v1/plans/{slug}/reports/{year}/milestones/{id}/": {"delete", "patch"},
    "/api/v1/plans/{slug}/reports/{year}/return/": {"post"},
    "/api/v1/plans/{slug}/reports/{year}/submit/": {"post"},
    "/api/v1/redistribution/": {"get"},
    "/api/v1/reports/": {"get"},
}


def test_schema_is_valid_openapi_3_and_covers_every_resource(generated):
    schema = yaml.safe_load(generated)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == sorted(
        [
            f"/api/v1/{name}/{suffix}"
            for name in (
                "afdelinger",
                "areas",
                "bodies",
                "fund-rounds",
                "memberships",
                "municipalities",
                "organisations",
                "people",
                "plan-roles",
                "plans",
                "regions",
            )
            for suffix in ("", "{id}/")
        ]
        + ["/api/v1/people/{id}/merge/"]
        + [f"/api/v1/plans/{{slug}}/agreement/{suffix}" for suffix in AGREEMENT_OPERATIONS]
        + [f"/api/v1/plans/{{slug}}/documents/{suffix}" for suffix in DOCUMENT_OPERATIONS]
        + [f"/api/v1/plans/{{slug}}/application.{fmt}" for fmt in ("pdf", "xlsx")]
        + ["/api/v1/plans/{slug}/transitions/", "/api/v1/plans/{slug}/application-data/"]
        + list(MONEY_OPERATIONS)
    )
    read_only = {"regions", "municipalities", "fund-rounds"}
    deletable = {"people", "plan-roles", "memberships"}  # rows entered by mistake
    for path, operations in schema["paths"].items():
        name = path.split("/")[3]
        if path in MONEY_OPERATIONS:
            assert set(operations) - {"parameters"} == MONEY_OPERATIONS[path], path
            continue
        if "/application." in path:  # a plan's pre-qualification application (0022)
            assert set(operations) - {"parameters"} == {"get"}, path
            continue
        if "/agreement/" in path:  # a plan's cooperation agreement (docs/decisions/0023)
            suffix = path.split("/agreement/")[1]
            assert set(operations) - {"parameters"} == AGREEMENT_OPERATIONS[suffix], path
            continue
        if path.endswith("/transitions/"):  # a plan's timeline and next step (0020)
            assert set(operations) - {"parameters"} == {"get", "post"}, path
            continue
        if path.endswith("/application-data/"):  # the application's data (0020)
            assert set(operations) - {"parameters"} == {"get", "patch"}, path
            continue
        if "/documents/" in path:
            suffix = path.split("/documents/")[1]
            assert set(operations) - {"parameters"} == DOCUMENT_OPERATIONS[suffix], path
            continue
        expected = {"get"}
        if path.endswith("/merge/"):
            expected = {"post"}
        elif name not in read_only:
            expected |= {"put", "patch"} if path.endswith("{id}/") else {"post"}
            if name in deletable and path.endswith("{id}/"):
                expected.add("delete")
        assert set(operations) - {"parameters"} == expected, path


def test_schema_documents_the_error_responses(generated):
    schema = yaml.safe_load(generated)
    plans = schema["paths"]["/api/v1/plans/"]
    assert sorted(plans["get"]["responses"]) == ["200", "400", "403"]
    assert sorted(plans["post"]["responses"]) == ["201", "400", "403"]
    detail = schema["paths"]["/api/v1/plans/{id}/"]
    assert sorted(detail["get"]["responses"]) == ["200", "403", "404"]
    assert sorted(detail["patch"]["responses"]) == ["200", "400", "403", "404", "412"]
    assert schema["components"]["schemas"]["PlanStatus"]["enum"] == [
        "idea",
        "prequalification_submitted",
        "prequalified",
        "rejected",
        "in_dialogue",
        "plan_submitted",
        "granted",
        "running",
        "ended",
        "withdrawn",
    ]


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    served = response.json()
    validate_schema(served)
    assert "/api/v1/plans/" in served["paths"]
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_the_readmes_schema_command_as_written_writes_the_committed_schema(tmp_path):
    """The README's command table tells a newcomer how to regenerate docs/openapi.yaml. Run as
    written in a Danish installation, it must write the committed (English) schema, not one
    with Danish descriptions that the drift test above would refuse."""
    import re
    import shlex

    readme = (COMMITTED.parents[1] / "README.md").read_text(encoding="utf-8")
    (command,) = re.findall(r"`boligsocial (spectacular [^`]*docs/openapi\.yaml[^`]*)`", readme)
    out = tmp_path / "openapi.yaml"
    args = [str(out) if arg == "docs/openapi.yaml" else arg for arg in shlex.split(command)]
    call_command(*args)
    assert out.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")
