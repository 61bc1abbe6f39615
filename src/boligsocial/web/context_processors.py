from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from boligsocial.accounts.selectors import scopes_for
from boligsocial.core.selectors import site_profile


def site(request: HttpRequest) -> dict[str, Any]:
    return {"site": site_profile(), "scopes": scopes_for(getattr(request, "user", None))}
