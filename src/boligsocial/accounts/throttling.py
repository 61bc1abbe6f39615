"""Login throttling by django-axes (docs/decisions/0010): failed logins are counted per account
and per address; after LOGIN_FAILURE_LIMIT of either, logins for that account or from that
address are refused for LOGIN_LOCKOUT_MINUTES, on /log-ind/, the admin and API basic
authentication alike. The answers themselves are the web's and the API's."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.utils.translation import ngettext


def lockout_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message() -> str:
    minutes = max(1, math.ceil(lockout_seconds() / 60))
    return ngettext(
        "Too many failed login attempts for this user or from this address. "
        "Try again in %(minutes)d minute.",
        "Too many failed login attempts for this user or from this address. "
        "Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def client_ip(request: Any) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the client's address. Behind a proxy
    (BEHIND_PROXY), the last X-Forwarded-For entry, which the proxy added; the entries before it
    are whatever the client sent. Otherwise the connection's address."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return str(last)
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None
