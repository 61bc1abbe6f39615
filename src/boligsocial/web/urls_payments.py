"""Web addresses of LBF's instalments (included by web/urls.py in the `web` namespace):
web/views/payments.py, docs/decisions/0030."""

from django.urls import URLPattern, path

from boligsocial.web.views import payments

INSTALMENTS = "intern/planer/<slug:slug>/udbetalinger/"

urlpatterns: list[URLPattern] = [
    path("intern/udbetalinger/", payments.instalments_overview, name="instalments_overview"),
    path(INSTALMENTS, payments.plan_instalments, name="plan_instalments"),
    path(f"{INSTALMENTS}planlaeg/", payments.instalments_schedule, name="instalments_schedule"),
    path(f"{INSTALMENTS}<int:year>/betal/", payments.instalment_pay, name="instalment_pay"),
    path(f"{INSTALMENTS}<int:year>/ret/", payments.instalment_edit, name="instalment_edit"),
]
