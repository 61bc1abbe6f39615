"""Web addresses of payments (included by web/urls.py in the `web` namespace)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
