"""API addresses of frames (included by api/urls.py): api/views/frames.py,
docs/decisions/0031."""

from django.urls import URLPattern, path

from boligsocial.api.views.frames import FrameViewSet, RedistributionViewSet

FRAME = "v1/frames/<str:code>/"

urlpatterns: list[URLPattern] = [
    path(FRAME, FrameViewSet.as_view({"get": "retrieve"}), name="frame-detail"),
    path(f"{FRAME}bookings/", FrameViewSet.as_view({"get": "list"}), name="frame-bookings"),
    path(
        f"{FRAME}rent-support/",
        FrameViewSet.as_view({"post": "rent_support"}),
        name="frame-rent-support",
    ),
    path(
        "v1/redistribution/",
        RedistributionViewSet.as_view({"get": "retrieve"}),
        name="redistribution",
    ),
]
