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
from typing import Any

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
# The health checks (docs/decisions/0033) must not ask the database for the data version.
EXCLUDED_PREFIXES = (
    "/intern/",
    "/admin/",
    "/log-ind/",
    "/log-ud/",
    "/api/docs/",
    "/i18n/",
    "/healthz",
    "/readyz",
)
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


def serve_cached(
    key: str,
    *,
    header: str,
    what: str,
    render: Callable[[], HttpResponse],
    may_store: Callable[[HttpResponse], bool],
) -> HttpResponse:
    """The cached answer under `key` (marked `header: hit`), or `render()`'s, stored when
    `may_store` allows (marked `miss`). A cache server that is down is no reason to fail a
    page: its errors are logged and the page is rendered."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    try:
        entry = cache.get(key)
    except Exception:
        logger.warning("%s read failed", what, exc_info=True)
        return render()
    if entry is not None:
        content, headers = entry
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        response.headers[header] = "hit"
        return response
    response = render()
    if may_store(response):
        try:
            cache.set(
                key, (response.content, list(response.headers.items())), settings.PAGE_CACHE_SECONDS
            )
        except Exception:
            logger.warning("%s write failed", what, exc_info=True)
        else:
            response.headers[header] = "miss"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.build_id = _build_id()
        self.static_url = settings.STATIC_URL or "/static/"
        self.allowed_cookies = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS <= 0 or not self.may_be_shared(request):
            return self.get_response(request)
        version = data_version.current()
        if version is None:
            return self.get_response(request)
        try:
            key = self.key(request, version)
        except DisallowedHost:
            return self.get_response(request)
        return serve_cached(
            key,
            header=HEADER,
            what="page cache",
            render=lambda: self.get_response(request),
            may_store=lambda response: self.may_store(request, response),
        )

    def may_be_shared(self, request: HttpRequest) -> bool:
        path = request.path
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and not path.startswith(EXCLUDED_PREFIXES)
            and not path.startswith(self.static_url)
            and set(request.COOKIES) <= self.allowed_cookies
        )

    def key(self, request: HttpRequest, version: int, *personal: str) -> str:
        """The entry's key; `personal` adds who it is for (PersonalPageCacheMiddleware)."""
        parts = (
            *personal,
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


# The personal pages served from a cache per session (docs/decisions/0014): the logged-in
# overview (exactly this path, with any query string) and the API's reads.
PERSONAL_PATHS = ("/intern/",)
PERSONAL_PREFIXES = ("/api/v1/",)
PERSONAL_HEADER = "X-Personal-Cache"
MESSAGES_SESSION_KEY = "_messages"  # django.contrib.messages' SessionStorage


class PersonalPageCacheMiddleware(PageCacheMiddleware):
    """The logged-in overview and the API's GET answers for a user logged in with a session,
    cached per session: the key holds the user's id, flags and names, the session key and the
    CSRF cookie next to everything the public key holds (the data version among them), so an
    entry is only ever served to the session it was made for, and never after a write.

    It sits right after the message middleware: sessions and authentication have run, so a hit
    still checks that the session is valid and whose it is (two queries) and reads the data
    version (one), but renders nothing. A request with a pending message, an Authorization
    header or a cookie other than the session, CSRF and language cookies is not served from the
    cache; an answer is stored only if it is a 200 made for the same user that showed no
    message, changed no session, made no new CSRF secret, says neither `no-store` nor
    `no-cache`, varies on nothing but Cookie, Accept and Accept-Language, and is not the
    browsable API.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.allowed_cookies = {
            settings.SESSION_COOKIE_NAME,
            settings.LANGUAGE_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.PAGE_CACHE_SECONDS <= 0 or not self.may_be_personal(request):
            return self.get_response(request)
        user = request.user
        session = request.session
        if not user.is_authenticated or MESSAGES_SESSION_KEY in session:
            return self.get_response(request)
        version = data_version.current()
        if version is None:
            return self.get_response(request)
        try:
            key = self.key(request, version, *self.owner(request))
        except DisallowedHost:
            return self.get_response(request)
        return serve_cached(
            key,
            header=PERSONAL_HEADER,
            what="personal page cache",
            render=lambda: self.get_response(request),
            may_store=lambda response: self.may_store_personal(request, response, user.pk),
        )

    def may_be_personal(self, request: HttpRequest) -> bool:
        path = request.path
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            and (path in PERSONAL_PATHS or path.startswith(PERSONAL_PREFIXES))
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and set(request.COOKIES) <= self.allowed_cookies
        )

    @staticmethod
    def owner(request: HttpRequest) -> tuple[str, ...]:
        """Whom an entry is for: the session (whose key only its owner has), the CSRF cookie
        (the page's token is made from it), and the user's id, flags and names (the auth table
        has no version trigger for the flags; a change of them gives other entries)."""
        user = request.user
        return (
            "personal",
            str(user.pk),
            str(request.session.session_key),
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            f"{user.is_active:d}{user.is_staff:d}{user.is_superuser:d}",
            user.get_username(),
            getattr(user, "first_name", ""),
            getattr(user, "last_name", ""),
            getattr(user, "email", ""),
        )

    @staticmethod
    def may_store_personal(request: HttpRequest, response: HttpResponse, user_pk: Any) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.pk != user_pk:
            return False
        session = getattr(request, "session", None)
        if session is None or session.modified:
            return False
        # A page that used the CSRF token holds one made from the request's CSRF cookie, which
        # is in the key; a new secret (no cookie, or a rotated one) is never stored.
        if "CSRF_COOKIE_NEEDS_UPDATE" in request.META and request.META.get(
            "CSRF_COOKIE"
        ) != request.COOKIES.get(settings.CSRF_COOKIE_NAME):
            return False
        messages = getattr(request, "_messages", None)
        if messages is not None and (getattr(messages, "used", False) or len(messages)):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("no-store", "no-cache")):
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        if not vary <= CACHEABLE_VARY:
            return False
        renderer = getattr(response, "accepted_renderer", None)
        return getattr(renderer, "format", None) != "api"
