"""A database that refuses or does not answer gives a fast 503 with `Retry-After`, never a 500:
an HTML page (Danish and English, rendered without touching the database) or, under `/api/`,
JSON. Nothing is kept between requests, so the site recovers by itself as soon as the database
answers again: Django drops a broken connection at the end of the request, and the next request
connects anew (docs/decisions/0011).

Two hooks, because Django turns an exception into a response in two places: `process_exception`
of this middleware for an exception raised in a view (including the API's), and `server_error`
(the project's `handler500`) for one raised in a middleware, e.g. saving the session."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)

logger = logging.getLogger("boligsocial.unavailable")


# SQLite reports a missing table or column (migrations not applied) and bad SQL as an
# OperationalError too: those are bugs to fix, not a database to wait for, so they stay 500.
NOT_UNAVAILABLE = ("no such table", "no such column", "table ", "near ")


def is_database_unavailable(exc: BaseException | None) -> bool:
    if not isinstance(exc, DATABASE_ERRORS):
        return False
    return not str(exc).startswith(NOT_UNAVAILABLE)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        # In the language the API answers in: Accept-Language, Danish by default.
        language = translation.get_language_from_request(request)
        with translation.override(language):
            message = gettext("The database is not answering; try again in %(seconds)s seconds.")
        response = JsonResponse({"detail": message % {"seconds": RETRY_AFTER_SECONDS}}, status=503)
        response["Content-Language"] = language
    else:
        # No request in the context: context processors would read the site profile from the
        # database that is not answering.
        html = loader.render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=True)
        return unavailable_response(request)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The project's handler500: a 503 when the database is what failed."""
    exc = sys.exc_info()[1]
    if is_database_unavailable(exc):
        return unavailable_response(request)
    try:
        return django_server_error(request, template_name)
    except Exception:  # pragma: no cover - the 500 page itself could not be rendered
        return HttpResponseServerError("Server error")
