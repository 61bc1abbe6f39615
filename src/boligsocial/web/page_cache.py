"""The public page cache: anonymous GET/HEAD answers of the pages and the API, shared by every
visitor in the same language, never stale after a write (docs/decisions/0014).

Every key holds the data version (`core.data_version`), which database triggers change in the
same transaction as any write to the project's tables. The version is read on every request (one
indexed query), so an entry made before a write is never read again, on any worker or app server,
even with a cache of its own per process (the default, `CACHE_URL` empty); with
`CACHE_URL=redis://…` the app servers share their entries. `PAGE_CACHE_SECONDS` bounds an entry's
life for what is not in the database (the date is in the key too).

The middleware sits right after WhiteNoise, before sessions, authentication, CSRF and the
language, so that a hit costs the version query and a cache read. It only takes part for
requests that cannot be personal: GET or HEAD, no Authorization header, no cookie other than the
language and the CSRF cookie (a session or a message cookie means a personal page), and a path
outside the internal pages, the admin, the login and the API docs. It stores only a 200 answer
that set no cookie, did not use the CSRF token, does not say `private`/`no-store`/`no-cache`,
varies on nothing but Cookie, Accept and Accept-Language, and was made for an anonymous user.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re

import boligsocial
from boligsocial.core import data_version
from boligsocial.web.middleware import request_language

logger = logging.getLogger("boligsocial.page_cache")

# Pages that are personal, role-dependent or carry a form; never cached.
EXCLUDED_PREFIXES = ("/intern/", "/admin/", "/log-ind/", "/log-ud/", "/api/docs/", "/i18n/")
# What an answer may vary on: the key holds the language cookie, the Accept header and the
# language Accept-Language gives; any other cookie bypasses the cache.
CACHEABLE_VARY = {"cookie", "accept", "accept-language"}
HEADER = "X-Page-Cache"


def _build_id() -> str:
    """What else a rendered page depends on that can change with a deployment: the software
    version, the static files' hashed names and the compiled translations."""
    parts = [boligsocial.__version__]
    for path in (
        Path(settings.STATIC_ROOT) / "staticfiles.json",
        Path(settings.LOCALE_PATHS[0]) / "da" / "LC_MESSAGES" / "django.mo",
    ):
        try:
            parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            parts.append("-")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.build_id = _build_id()
        self.static_url = settings.STATIC_URL or "/static/"
        self.allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not self.may_be_shared(request):
            return self.get_response(request)
        version = data_version.current()
        if version is None:
            return self.get_response(request)
        try:
            key = self.key(request, version)
        except DisallowedHost:
            return self.get_response(request)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        try:
            entry = cache.get(key)
        except Exception:  # a cache server that is down is no reason to fail the page
            logger.warning("page cache read failed", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            content, headers = entry
            response = HttpResponse(content)
            for name, value in headers:
                response.headers[name] = value
            response.headers[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self.may_store(request, response):
            try:
                cache.set(key, (response.content, list(response.headers.items())), seconds)
            except Exception:
                logger.warning("page cache write failed", exc_info=True)
            else:
                response.headers[HEADER] = "miss"
        return response

    def may_be_shared(self, request: HttpRequest) -> bool:
        path = request.path
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and not path.startswith(EXCLUDED_PREFIXES)
            and not path.startswith(self.static_url)
            and set(request.COOKIES) <= self.allowed_cookies
        )

    def key(self, request: HttpRequest, version: int) -> str:
        parts = (
            self.build_id,
            request.method or "",
            request.scheme or "",
            request.get_host(),
            request.get_full_path(),
            # The pages' language (the switch's cookie) and the API's (Accept-Language too).
            request_language(request),
            translation.get_language_from_request(request),
            request.META.get("HTTP_ACCEPT", ""),
            str(version),
            timezone.localdate().isoformat(),
        )
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return f"page:{digest}"

    @staticmethod
    def may_store(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        # The page holds a CSRF token (a form), which must never reach another visitor.
        if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        session = getattr(request, "session", None)
        if session is not None and (session.modified or session.session_key):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        if not vary <= CACHEABLE_VARY:
            return False
        # The REST framework's browsable API: HTML for a person, with its own CSP header.
        renderer = getattr(response, "accepted_renderer", None)
        return getattr(renderer, "format", None) != "api"
