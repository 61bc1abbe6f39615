from django.urls import path

from boligsocial.web import (
    urls_budget_files,
    urls_budgets,
    urls_frames,
    urls_payments,
    urls_reporting,
)
from boligsocial.web.views import (
    agreements,
    applications,
    areas,
    auth,
    people_picker,
    pipeline,
    plan_create,
    public,
    transitions,
)
from boligsocial.web.views import documents as document_views
from boligsocial.web.views.internal import (
    bodies,
    dashboard,
    memberships,
    people,
    plans,
    roles,
)

app_name = "web"
AGREEMENT = "intern/planer/<slug:slug>/samarbejdsaftale/"

urlpatterns = [
    path("", public.home, name="home"),
    path("favicon.ico", public.favicon, name="favicon"),
    path("planer/<slug:slug>/", public.plan_detail, name="plan_detail"),
    path(
        "planer/<slug:slug>/historik/<slug:key>/",
        public.plan_history_full,
        name="plan_history_full",
    ),
    path("sekretariatet/", public.secretariat, name="secretariat"),
    path("finansiering/", public.financing, name="financing"),
    path("omraader/", areas.areas, name="areas"),
    path("omraader/<slug:slug>/", areas.area_detail, name="area_detail"),
    path("datakatalog/", areas.data_dictionary, name="data_dictionary"),
    path("log-ind/", auth.login, name="login"),
    path("log-ud/", auth.logout, name="logout"),
    path("intern/", dashboard.dashboard, name="dashboard"),
    # The secretariat's renewal pipeline: web/views/pipeline.py (decision 0024).
    path("intern/pipeline/", pipeline.pipeline, name="pipeline"),
    # Creating and preparing a plan, and its steps: web/views/plan_create.py, transitions.py.
    path("intern/ny-helhedsplan/", plan_create.plan_create, name="plan_create"),
    path("intern/afdelinger/vaelg/", plan_create.afdeling_picker, name="afdeling_picker"),
    path("intern/personer/vaelg/", people_picker.person_picker, name="person_picker"),
    path(
        "intern/planer/<slug:slug>/ansoegningstekster/",
        plan_create.plan_application,
        name="plan_application",
    ),
    path("intern/planer/<slug:slug>/budgetoverslag/", plan_create.plan_budget, name="plan_budget"),
    path("intern/planer/<slug:slug>/forloeb/", transitions.plan_life, name="plan_life"),
    path(
        "intern/planer/<slug:slug>/forloeb/<slug:kind>/",
        transitions.plan_transition,
        name="plan_transition",
    ),
    path("intern/planer/<slug:slug>/", plans.plan_manage, name="plan_manage"),
    # A plan's documents: web/views/documents.py (decision 0021).
    path(
        "intern/planer/<slug:slug>/dokumenter/",
        document_views.plan_documents,
        name="plan_documents",
    ),
    path(
        "intern/planer/<slug:slug>/dokumenter/<int:pk>/hent/",
        document_views.document_download,
        name="document_download",
    ),
    path(
        "intern/planer/<slug:slug>/dokumenter/<int:pk>/slet/",
        document_views.document_delete,
        name="document_delete",
    ),
    # the pre-qualification application (web/views/applications.py, decision 0022)
    path(
        "intern/planer/<slug:slug>/ansoegning/",
        applications.application,
        name="application",
    ),
    path(
        "intern/planer/<slug:slug>/ansoegning.<str:fmt>",
        applications.application_download,
        name="application_download",
    ),
    path("intern/planer/<slug:slug>/rediger/", plans.plan_edit, name="plan_edit"),
    path("intern/planer/<slug:slug>/roller/ny/", roles.role_add, name="role_add"),
    path("intern/planer/<slug:slug>/roller/<int:pk>/afslut/", roles.role_end, name="role_end"),
    path("intern/planer/<slug:slug>/organer/nyt/", bodies.body_add, name="body_add"),
    path("intern/planer/<slug:slug>/organer/<int:pk>/ret/", bodies.body_edit, name="body_edit"),
    path(
        "intern/planer/<slug:slug>/organer/<int:body_pk>/medlemmer/ny/",
        memberships.membership_add,
        name="membership_add",
    ),
    path(
        "intern/planer/<slug:slug>/medlemskaber/<int:pk>/afslut/",
        memberships.membership_end,
        name="membership_end",
    ),
    path("intern/planer/<slug:slug>/personer/ny/", people.person_create, name="person_create"),
    path("intern/planer/<slug:slug>/roller/<int:pk>/ret/", roles.role_edit, name="role_edit"),
    path(
        "intern/planer/<slug:slug>/roller/<int:pk>/slet/",
        roles.role_delete,
        name="role_delete",
    ),
    path(
        "intern/planer/<slug:slug>/medlemskaber/<int:pk>/ret/",
        memberships.membership_edit,
        name="membership_edit",
    ),
    path(
        "intern/planer/<slug:slug>/medlemskaber/<int:pk>/slet/",
        memberships.membership_delete,
        name="membership_delete",
    ),
    path(
        "intern/planer/<slug:slug>/personer/<int:pk>/ret/",
        people.person_edit,
        name="person_edit",
    ),
    path("intern/personer/flet/", people.person_merge, name="person_merge"),
    # The cooperation agreement (samarbejdsaftale) of a plan: web/views/agreements.py.
    path(f"{AGREEMENT}", agreements.agreement, name="agreement"),
    path(
        f"{AGREEMENT}ny-version/", agreements.agreement_draft_create, name="agreement_draft_create"
    ),
    path(f"{AGREEMENT}sammenlign/", agreements.agreement_compare, name="agreement_compare"),
    path(
        f"{AGREEMENT}versioner/<int:number>/",
        agreements.agreement_version,
        name="agreement_version",
    ),
    path(
        f"{AGREEMENT}versioner/<int:number>/ret/",
        agreements.agreement_version_edit,
        name="agreement_version_edit",
    ),
    path(
        f"{AGREEMENT}versioner/<int:number>/indsend/",
        agreements.agreement_version_submit,
        name="agreement_version_submit",
    ),
    path(
        f"{AGREEMENT}versioner/<int:number>/godkend/",
        agreements.agreement_version_approve,
        name="agreement_version_approve",
    ),
    path(
        f"{AGREEMENT}versioner/<int:number>/kasser/",
        agreements.agreement_version_discard,
        name="agreement_version_discard",
    ),
    path(
        f"{AGREEMENT}versioner/<int:number>/delaftaler/ny/",
        agreements.sub_agreement_add,
        name="sub_agreement_add",
    ),
    path(
        f"{AGREEMENT}delaftaler/<int:pk>/ret/",
        agreements.sub_agreement_edit,
        name="sub_agreement_edit",
    ),
    path(
        f"{AGREEMENT}delaftaler/<int:pk>/fjern/",
        agreements.sub_agreement_remove,
        name="sub_agreement_remove",
    ),
]

# The money (issue 10): each part's addresses in its own module.
urlpatterns += (
    urls_budgets.urlpatterns
    + urls_budget_files.urlpatterns
    + urls_reporting.urlpatterns
    + urls_payments.urlpatterns
    + urls_frames.urlpatterns
)
