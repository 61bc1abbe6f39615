"""The documents list costs the same number of queries for 2 documents as for 12, on the web
page (with its history) and in the API."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from boligsocial.documents.services import document_upload
from tests.documents import files


def add(world, n: int) -> None:
    for i in range(n):
        document_upload(
            plan=world.plan,
            actor=world.user("admin"),
            upload=files.upload(f"Referat {i}.pdf", files.PDF),
            internal=bool(i % 2),
        )


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_a_fixed_number_of_queries(world):
    web = f"/intern/planer/{world.plan.slug}/dokumenter/"
    api = f"/api/v1/plans/{world.plan.slug}/documents/"
    client, api_client = world.client("leader"), world.api("leader")
    add(world, 2)
    small = (queries(client, web), queries(api_client, api))
    add(world, 10)
    assert (queries(client, web), queries(api_client, api)) == small
    # Both: session, user, the plan, the user's roles, the plan's afdelinger (who may read it),
    # the documents with their uploaders (one join). The page: the history and the site
    # profile; the API: the data version (its cache) and the count for paging.
    assert small == (8, 8)
