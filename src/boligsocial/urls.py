from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/", include("boligsocial.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("boligsocial.web.urls")),
]

# A database that is not answering is a 503 with Retry-After, not a 500 (docs/decisions/0011).
handler500 = "boligsocial.web.unavailable.server_error"
