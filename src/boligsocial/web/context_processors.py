from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from boligsocial.accounts.selectors import scopes_for
from boligsocial.site.models import SiteProfile
from boligsocial.site.selectors import site_profile

DEFAULT_TITLE = _("Social housing master plans")

# (url name, label, whether it needs a login)
# (url name, label, needs login, other url names whose pages belong under this item)
NAVIGATION: list[tuple[str, Any, bool, tuple[str, ...]]] = [
    ("web:home", _("Plans"), False, ()),
    ("web:areas", _("Housing areas"), False, ("web:data_dictionary",)),
    ("web:secretariat", _("The secretariat"), False, ()),
    ("web:financing", _("Financing"), False, ()),
    ("web:dashboard", _("My overview"), True, ()),
]


_SITE_ATTR = "_boligsocial_site"


def current_site(request: HttpRequest) -> SiteProfile | None:
    """The site profile, read once per request and shared by the views and the layout."""
    if not hasattr(request, _SITE_ATTR):
        setattr(request, _SITE_ATTR, site_profile())
    profile: SiteProfile | None = getattr(request, _SITE_ATTR)
    return profile


def site(request: HttpRequest) -> dict[str, Any]:
    """What every page's layout needs: the site profile (one query, made only when a template
    uses it), the user's scopes, the main menu and the language switch."""
    user = getattr(request, "user", None)
    logged_in = bool(user is not None and user.is_authenticated)
    path = request.path
    menu = []
    for name, label, needs_login, also in NAVIGATION:
        if needs_login and not logged_in:
            continue
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        current = current or any(path.startswith(reverse(other)) for other in also)
        menu.append({"url": url, "label": label, "current": current})

    def title() -> str:
        profile = current_site(request)
        return profile.title if profile is not None else str(DEFAULT_TITLE)

    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return {
        "site_profile": SimpleLazyObject(lambda: current_site(request)),
        "site_title": SimpleLazyObject(title),
        "scopes": SimpleLazyObject(lambda: scopes_for(user)),
        "menu": menu,
        "current_language": language,
        "other_languages": [(c, n) for c, n in settings.LANGUAGES if c != language],
    }
