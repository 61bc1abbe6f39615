from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT_ADMIN = "secretariat_admin", _("Secretariat administrator")
    PLAN_LEADER = "plan_leader", _("Plan leader")
    HOUSING_ORG = "housing_org", _("Housing organisation user")
    MUNICIPALITY = "municipality", _("Municipality user")
    ANALYST = "analyst", _("Analyst")
    LBF = "lbf", _("Acting for LBF (Landsbyggefonden)")


class RoleAssignment(models.Model):
    """What a user may see and do. A user can hold several assignments; each names its scope:
    a plan for plan leaders, a housing organisation, or a municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, null=True, blank=True
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("housing organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "plan", "organisation", "municipality"],
                name="role_assignment_unique",
            ),
        ]

    def __str__(self) -> str:
        scope = self.plan or self.organisation or self.municipality or ""
        return f"{self.user} – {self.get_role_display()} {scope}".strip()

    def clean(self) -> None:
        needs = {
            Role.PLAN_LEADER: "plan",
            Role.HOUSING_ORG: "organisation",
            Role.MUNICIPALITY: "municipality",
        }
        field = needs.get(Role(self.role)) if self.role in Role.values else None
        if field and not getattr(self, f"{field}_id"):
            raise ValidationError({field: _("This role needs a scope.")})
        for other in ("plan", "organisation", "municipality"):
            if other != field and getattr(self, f"{other}_id"):
                raise ValidationError({other: _("This role does not take this scope.")})
