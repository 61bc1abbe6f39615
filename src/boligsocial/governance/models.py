from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.core.validation import check_period, long_text, unique_problem


class Person(models.Model):
    """A person who works in or sits in the bodies of a plan. Name, title and employer are
    public; e-mail and phone are shown to logged-in users only."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    employer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class PlanRoleKind(models.TextChoices):
    LEADER = "leader", _("Leader")
    STAFF = "staff", _("Staff member")


# The Danish keys stored before decision 0019 (here and for BodyKind and MembershipRole). The
# filters still accept them, as deprecated aliases, until 1 July 2027.
FORMER_PLAN_ROLE_KINDS = {"leder": PlanRoleKind.LEADER, "medarbejder": PlanRoleKind.STAFF}


class PlanRole(models.Model):
    """A person's job in a plan (leader or staff), with FTE share and validity dates."""

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="roles"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="plan_roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=PlanRoleKind.choices)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    fte = models.DecimalField(
        _("FTE share"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1.00"))],
        help_text=_("Share of a full-time position, 0.01 to 1.00."),
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "person__name"]
        verbose_name = _("plan role")
        verbose_name_plural = _("plan roles")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} ({self.plan})"

    def clean(self) -> None:
        check_period(self.valid_from, self.valid_to, from_field="valid_from", to_field="valid_to")


class BodyKind(models.TextChoices):
    BOARD = "board", _("Board (bestyrelse)")
    STEERING = "steering_group", _("Steering group (styregruppe)")
    FOLLOW = "follow_group", _("Follow group (følgegruppe)")
    COUNCIL = "cooperation_council", _("Cooperation council (samarbejdsråd)")
    # Prepares the plan before its period: its seats may start before the plan (decision 0025).
    WORKING_GROUP = "working_group", _("Working group (arbejdsgruppe)")


FORMER_BODY_KINDS = {
    "bestyrelse": BodyKind.BOARD,
    "styregruppe": BodyKind.STEERING,
    "foelgegruppe": BodyKind.FOLLOW,
    "samarbejdsraad": BodyKind.COUNCIL,
}


class Body(models.Model):
    """A governing body of a plan."""

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="bodies"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, validators=[long_text])
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan__name", "kind", "name"]
        verbose_name = _("governing body")
        verbose_name_plural = _("governing bodies")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="body_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.plan})"

    def clean(self) -> None:
        if self.plan_id and unique_problem(self, plan_id=self.plan_id, name=self.name):
            raise ValidationError({"name": _("The plan already has a body with this name.")})


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")
    OBSERVER = "observer", _("Observer")


FORMER_MEMBERSHIP_ROLES = {
    "formand": MembershipRole.CHAIR,
    "naestformand": MembershipRole.VICE_CHAIR,
    "medlem": MembershipRole.MEMBER,
    "sekretaer": MembershipRole.SECRETARY,
    "observatoer": MembershipRole.OBSERVER,
}


class Membership(models.Model):
    """A person's seat in a body, representing an organisation, for a period (OS2mo's pattern:
    "who sat where on date X" is a query)."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    represents = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("represents"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "role", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} – {self.body}"

    def clean(self) -> None:
        check_period(self.valid_from, self.valid_to, from_field="valid_from", to_field="valid_to")
