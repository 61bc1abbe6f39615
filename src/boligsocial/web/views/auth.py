"""Log in and out with Django's views: `/log-ind/` shows the form, `/log-ud/` takes a POST.

Failed logins are counted by django-axes (`accounts/throttling.py`). Its middleware answers a
refused login with `locked_out` below: the login page with the reason (429) for the site and the
admin.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from boligsocial.accounts.throttling import lockout_message, lockout_seconds
from boligsocial.web.forms import LoginForm

login = auth_views.LoginView.as_view(
    template_name="web/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout = auth_views.LogoutView.as_view()


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' AXES_LOCKOUT_CALLABLE: the answer to a login refused by throttling."""
    retry_after = str(lockout_seconds())
    response: HttpResponse
    if request.path.startswith("/api/"):
        # The API's basic authentication answers itself (api/authentication.py); this is the
        # fallback for any other login under /api/.
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        # An unbound form with the reason: validating the posted one would authenticate again.
        form = LoginForm(request)
        form.cleaned_data = {}
        form.add_error(None, lockout_message())
        response = render(
            request,
            "web/login.html",
            {"form": form, "next": request.POST.get("next", "")},
            status=429,
        )
    response["Retry-After"] = retry_after
    return response
