"""HTTP basic authentication whose failed attempts django-axes counts (it gets the request), and
whose refusal while an account or address is locked out is a 429 with Retry-After and the
reason, not the 401 of a wrong password (docs/decisions/0010)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import BasicScheme
from rest_framework.authentication import BasicAuthentication
from rest_framework.exceptions import AuthenticationFailed, ErrorDetail, Throttled

from boligsocial.accounts.throttling import lockout_message, lockout_seconds


class LoginThrottled(Throttled):
    def __init__(self, detail: str, wait: float) -> None:
        super().__init__(wait=wait)
        # Throttled appends "Expected available in N seconds."; the reason already says when.
        self.detail = ErrorDetail(detail, code=self.default_code)


class ThrottledBasicAuthentication(BasicAuthentication):
    def authenticate_credentials(self, userid: str, password: str, request: Any = None) -> Any:
        try:
            return super().authenticate_credentials(userid, password, request)
        except AuthenticationFailed:
            if request is not None and getattr(request, "axes_locked_out", False):
                raise LoginThrottled(lockout_message(), lockout_seconds()) from None
            raise


class ThrottledBasicScheme(BasicScheme):
    """The same `basicAuth` security scheme in the OpenAPI schema."""

    target_class = "boligsocial.api.authentication.ThrottledBasicAuthentication"
