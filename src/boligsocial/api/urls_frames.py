"""API addresses of frames (included by api/urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
