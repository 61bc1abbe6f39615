"""Web addresses of frames (included by web/urls.py in the `web` namespace):
web/views/frames.py, docs/decisions/0031."""

from django.urls import URLPattern, path

from boligsocial.web.views import frames

urlpatterns: list[URLPattern] = [
    path("intern/ramme/", frames.frame, name="frame"),
    path("intern/ramme/huslejestoette/", frames.rent_support_book, name="rent_support_book"),
    path("intern/omfordeling/", frames.redistribution_page, name="redistribution"),
]
