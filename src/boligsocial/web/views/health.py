"""Health checks for load balancers and orchestrators (docs/decisions/0033).

`GET /healthz` (liveness): 200 `{"status": "ok"}` whenever the process answers; it touches
neither the database nor the cache, so a database outage never makes a balancer restart healthy
app servers.

`GET /readyz` (readiness): 200 when every database answers `SELECT 1` and the cache stores and
returns a key; otherwise 503 with `Retry-After` and JSON naming what failed (the details go to
the log, not to the caller). Both are never cached (`Cache-Control: no-store`), need no login,
are outside the page caches (web.page_cache) and touch no session. A check is a name and a
function that raises when the thing it checks is not ready: the job queue's joins the list when
it comes (issue 12)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import caches
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from boligsocial.web.unavailable import RETRY_AFTER_SECONDS

logger = logging.getLogger("boligsocial.health")


def check_databases() -> None:
    for connection in connections.all():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            if cursor.fetchone() != (1,):
                raise RuntimeError(f"database {connection.alias}: SELECT 1 gave something else")


def check_cache() -> None:
    cache = caches["default"]
    key = f"readyz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the key it was given")
    finally:
        cache.delete(key)


CHECKS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("database", check_databases),
    ("cache", check_cache),
)


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS:
        try:
            check()
        except Exception:
            logger.warning("readiness check %s failed", name, exc_info=True)
            results[name] = "failed"
        else:
            results[name] = "ok"
    failed = [name for name, result in results.items() if result != "ok"]
    if not failed:
        return JsonResponse({"status": "ok", "checks": results})
    response = JsonResponse(
        {"status": "unavailable", "failed": failed, "checks": results}, status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
