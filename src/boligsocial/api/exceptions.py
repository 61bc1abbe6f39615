"""Turn Django's ValidationError from the services into a 400 with field messages, so the API
reports bad input exactly like the forms do; and Django's 404 into DRF's translated "not found"
(Django's text is English and names the model: "No PlanRole matches the given query.")."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail: Any
        if hasattr(exc, "error_dict"):
            detail = {
                ("non_field_errors" if field == "__all__" else field): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {"non_field_errors": exc.messages}
        exc = DRFValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)
