from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from boligsocial.web.views import health

# The admin's header and page titles name the project, not "Django administration".
admin.site.site_header = admin.site.site_title = _("Boligsocial administration")

urlpatterns = [
    # Liveness and readiness for load balancers, with or without the slash (docs/decisions/0033).
    re_path(r"^healthz/?$", health.healthz, name="healthz"),
    re_path(r"^readyz/?$", health.readyz, name="readyz"),
    path("api/", include("boligsocial.api.urls")),
    # The language switch is a form on every page. Without a CSRF token, so that the public pages
    # hold nothing personal and can be cached; a forged request can only switch the language
    # (docs/decisions/0014).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("boligsocial.web.urls")),
]

# A database that is not answering is a 503 with Retry-After, not a 500 (docs/decisions/0011).
handler500 = "boligsocial.web.unavailable.server_error"
