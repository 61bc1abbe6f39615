"""API addresses of LBF's instalments (included by api/urls.py): api/views/payments.py,
docs/decisions/0030."""

from django.urls import URLPattern, path

from boligsocial.api.views.payments import InstalmentListViewSet, PlanInstalmentViewSet

INSTALMENTS = "v1/plans/<slug:slug>/instalments/"

urlpatterns: list[URLPattern] = [
    path(
        INSTALMENTS,
        PlanInstalmentViewSet.as_view({"get": "overview"}),
        name="plan-instalments",
    ),
    path(
        f"{INSTALMENTS}schedule/",
        PlanInstalmentViewSet.as_view({"post": "schedule"}),
        name="plan-instalments-schedule",
    ),
    path(
        f"{INSTALMENTS}<int:year>/",
        PlanInstalmentViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="plan-instalment-detail",
    ),
    path(
        f"{INSTALMENTS}<int:year>/pay/",
        PlanInstalmentViewSet.as_view({"post": "pay"}),
        name="plan-instalment-pay",
    ),
    path(
        "v1/instalments/",
        InstalmentListViewSet.as_view({"get": "list"}),
        name="instalment-list",
    ),
]
