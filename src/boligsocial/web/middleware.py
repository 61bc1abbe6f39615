"""Danish by default, English under the language switch.

Django's LocaleMiddleware also follows the browser's Accept-Language header, so a visitor
with an English browser would never see the Danish default. This middleware reads only the
language cookie that the switch (`set_language`) sets, and otherwise uses LANGUAGE_CODE. It
replaces `django.middleware.locale.LocaleMiddleware` in MIDDLEWARE (same position)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def request_language(request: HttpRequest) -> str:
    """The language of the answer to this request: the switch's cookie if it names a language
    of the site, else LANGUAGE_CODE. The page cache (web.page_cache) keys on this too."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        return str(settings.LANGUAGE_CODE)
    return language


class LanguageCookieMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            # The page is rendered by now; do not leak this request's language into the next
            # piece of work on the same thread (a test, a management command).
            translation.deactivate()
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
