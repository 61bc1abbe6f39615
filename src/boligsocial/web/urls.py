from django.urls import path

from boligsocial.web.views import areas, auth, internal, public

app_name = "web"

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
    path("intern/", internal.dashboard, name="dashboard"),
    path("intern/planer/<slug:slug>/", internal.plan_manage, name="plan_manage"),
    path("intern/planer/<slug:slug>/rediger/", internal.plan_edit, name="plan_edit"),
    path("intern/planer/<slug:slug>/roller/ny/", internal.role_add, name="role_add"),
    path("intern/planer/<slug:slug>/roller/<int:pk>/afslut/", internal.role_end, name="role_end"),
    path("intern/planer/<slug:slug>/organer/nyt/", internal.body_add, name="body_add"),
    path("intern/planer/<slug:slug>/organer/<int:pk>/ret/", internal.body_edit, name="body_edit"),
    path(
        "intern/planer/<slug:slug>/organer/<int:body_pk>/medlemmer/ny/",
        internal.membership_add,
        name="membership_add",
    ),
    path(
        "intern/planer/<slug:slug>/medlemskaber/<int:pk>/afslut/",
        internal.membership_end,
        name="membership_end",
    ),
    path("intern/planer/<slug:slug>/personer/ny/", internal.person_create, name="person_create"),
    path("intern/planer/<slug:slug>/roller/<int:pk>/ret/", internal.role_edit, name="role_edit"),
    path(
        "intern/planer/<slug:slug>/roller/<int:pk>/slet/",
        internal.role_delete,
        name="role_delete",
    ),
    path(
        "intern/planer/<slug:slug>/medlemskaber/<int:pk>/ret/",
        internal.membership_edit,
        name="membership_edit",
    ),
    path(
        "intern/planer/<slug:slug>/medlemskaber/<int:pk>/slet/",
        internal.membership_delete,
        name="membership_delete",
    ),
    path(
        "intern/planer/<slug:slug>/personer/<int:pk>/ret/",
        internal.person_edit,
        name="person_edit",
    ),
    path("intern/personer/flet/", internal.person_merge, name="person_merge"),
]
