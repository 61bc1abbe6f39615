from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from boligsocial.accounts.selectors import plans_readable_by
from boligsocial.plans.selectors import plan_list


def home(request: HttpRequest) -> HttpResponse:
    plans = plans_readable_by(request.user, plan_list())
    return render(request, "web/home.html", {"plans": plans})
