from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from boligsocial.api.router import router
from boligsocial.api.views.agreements import (
    AgreementVersionViewSet,
    AgreementViewSet,
    SubAgreementViewSet,
)
from boligsocial.api.views.applications import PlanApplicationViewSet
from boligsocial.api.views.documents import DocumentViewSet
from boligsocial.api.views.lifecycle import ApplicationDataViewSet, TransitionViewSet

AGREEMENT = "v1/plans/<slug:slug>/agreement/"
VERSION = f"{AGREEMENT}versions/<int:number>/"

DOCUMENTS = "v1/plans/<slug:slug>/documents/"

urlpatterns = [
    # A plan's documents (api/views/documents.py, decision 0021).
    path(
        DOCUMENTS,
        DocumentViewSet.as_view({"get": "list", "post": "create"}),
        name="api-document-list",
    ),
    path(
        f"{DOCUMENTS}<int:pk>/",
        DocumentViewSet.as_view({"get": "retrieve", "delete": "destroy"}),
        name="api-document-detail",
    ),
    path(
        f"{DOCUMENTS}<int:pk>/download/",
        DocumentViewSet.as_view({"get": "download"}),
        name="api-document-download",
    ),
    # A plan's cooperation agreement (api/views/agreements.py).
    path(AGREEMENT, AgreementViewSet.as_view({"get": "retrieve"}), name="agreement"),
    path(
        f"{AGREEMENT}compare/",
        AgreementViewSet.as_view({"get": "compare"}),
        name="agreement-compare",
    ),
    path(
        f"{AGREEMENT}versions/",
        AgreementVersionViewSet.as_view({"get": "list", "post": "create"}),
        name="agreement-version-list",
    ),
    path(
        VERSION,
        AgreementVersionViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="agreement-version-detail",
    ),
    path(
        f"{VERSION}submit/",
        AgreementVersionViewSet.as_view({"post": "submit"}),
        name="agreement-version-submit",
    ),
    path(
        f"{VERSION}approve/",
        AgreementVersionViewSet.as_view({"post": "approve"}),
        name="agreement-version-approve",
    ),
    path(
        f"{VERSION}sub-agreements/",
        SubAgreementViewSet.as_view({"get": "list", "post": "create"}),
        name="sub-agreement-list",
    ),
    path(
        f"{VERSION}sub-agreements/<int:pk>/",
        SubAgreementViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="sub-agreement-detail",
    ),
    # A plan's pre-qualification application (api/views/applications.py, decision 0022).
    path(
        "v1/plans/<slug:slug>/application.pdf",
        PlanApplicationViewSet.as_view({"get": "pdf"}),
        name="plan-application-pdf",
    ),
    path(
        "v1/plans/<slug:slug>/application.xlsx",
        PlanApplicationViewSet.as_view({"get": "xlsx"}),
        name="plan-application-xlsx",
    ),
    # A plan's timeline and its next step (api/views/lifecycle.py, decision 0020).
    path(
        "v1/plans/<slug:slug>/transitions/",
        TransitionViewSet.as_view({"get": "list", "post": "create"}),
        name="plan-transitions",
    ),
    path(
        "v1/plans/<slug:slug>/application-data/",
        ApplicationDataViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="plan-application-data",
    ),
    # The money (issue 10): each part's addresses in its own module.
    path("", include("boligsocial.api.urls_budgets")),
    path("", include("boligsocial.api.urls_reporting")),
    path("", include("boligsocial.api.urls_payments")),
    path("", include("boligsocial.api.urls_frames")),
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start script as a file: no inline script (CSP).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
]
