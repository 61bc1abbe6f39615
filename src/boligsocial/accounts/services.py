from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from boligsocial.accounts.models import RoleAssignment
from boligsocial.organisations.models import Municipality, Organisation
from boligsocial.plans.models import Plan


@transaction.atomic
def role_assign(
    *,
    user: Any,
    role: str,
    plan: Plan | None = None,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
) -> RoleAssignment:
    scope = {
        "user": user,
        "role": role,
        "plan": plan,
        "organisation": organisation,
        "municipality": municipality,
    }
    existing = RoleAssignment.objects.filter(**scope).first()
    if existing is not None:
        return existing
    assignment = RoleAssignment(**scope)
    assignment.full_clean()
    assignment.save()
    return assignment


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> Any:
    """A new user whose password passes the configured validators (AUTH_PASSWORD_VALIDATORS:
    at least PASSWORD_MIN_LENGTH characters, not common, not all digits, not like the name)."""
    user_model = get_user_model()
    user = user_model(username=username, email=email, is_staff=is_staff, is_superuser=is_superuser)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
