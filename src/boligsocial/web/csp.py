"""A Content-Security-Policy on every response (docs/decisions/0010).

Scripts, styles, fonts and images come from this site only: no inline script, no inline style,
no `eval`, no plugin, no framing. The pages, the admin and Swagger UI at /api/docs/ (its script
served as a file by drf-spectacular's split view) work under it; a test checks the templates for
inline scripts and event-handler attributes. Django 6.0 brings a CSP middleware of its own; until
then this is the whole of it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    # Data URIs: the design system's and Swagger UI's icons are embedded in their style sheets.
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADER = "; ".join(f"{directive} {sources}" for directive, sources in POLICY.items())
# The REST framework's browsable API (HTML pages under /api/v1/) has an inline <style> for
# code highlighting and style attributes on two buttons: only there, inline styles are allowed
# (inline scripts never are).
BROWSABLE_API_HEADER = HEADER.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    """Set the Content-Security-Policy header unless a view has set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        renderer = getattr(response, "accepted_renderer", None)
        browsable = getattr(renderer, "format", None) == "api"
        response.headers.setdefault(
            "Content-Security-Policy", BROWSABLE_API_HEADER if browsable else HEADER
        )
        return response
