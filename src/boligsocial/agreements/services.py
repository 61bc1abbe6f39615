"""Writes of the cooperation agreement (docs/decisions/0023-cooperation-agreement.md).

Only a draft changes. A new draft copies the latest version; submitting makes it pending (it
waits for LBF and no longer changes); recording LBF's approval makes it the version in force
and the one before superseded. Who may prepare (the plan's editors) is checked by the callers
through `accounts`, like every plan edit; who may record LBF's approval is checked here, since
it is the rule of this app: a user acting for LBF, or an administrator recording LBF's letter.
Every service validates first and writes nothing when it refuses."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.agreements.models import (
    OPEN_STATUSES,
    Agreement,
    AgreementVersion,
    ApprovalCapacity,
    SubAgreement,
    VersionStatus,
)
from boligsocial.agreements.selectors import approval_capacities_of
from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan

SUB_AGREEMENT_FIELDS = ("goals", "target_groups", "activities", "indicators")


def _locked(version: AgreementVersion) -> AgreementVersion:
    """The version re-read with its row locked, so its status cannot change under a write."""
    fresh = AgreementVersion.objects.select_for_update().filter(pk=version.pk).first()
    if fresh is None:
        raise ValidationError(_("This version no longer exists: it was discarded."))
    return fresh


def status_phrase(version: AgreementVersion) -> str:
    """The version's status in a sentence: "is a draft", "waits for LBF's approval", ..."""
    phrases = {
        VersionStatus.DRAFT: _("is a draft"),
        VersionStatus.PENDING: _("waits for LBF's approval"),
        VersionStatus.APPROVED: _("is approved by LBF"),
        VersionStatus.SUPERSEDED: _("is superseded by a later version"),
    }
    return str(phrases[VersionStatus(version.status)])


def _status_problem(version: AgreementVersion) -> str:
    if version.status == VersionStatus.PENDING:
        return _(
            "Version %(number)s waits for LBF's approval and can no longer be changed. "
            "Discard it to change the agreement before LBF decides."
        ) % {"number": version.number}
    return _(
        "Version %(number)s %(status)s and never changes. Create a new version to change the "
        "agreement."
    ) % {"number": version.number, "status": status_phrase(version)}


def _draft(version: AgreementVersion) -> AgreementVersion:
    fresh = _locked(version)
    if fresh.status != VersionStatus.DRAFT:
        raise ValidationError(_status_problem(fresh))
    return fresh


def _touch(version: AgreementVersion) -> None:
    """A sub-agreement changed: the version's content, and so its token, changed too."""
    AgreementVersion.objects.filter(pk=version.pk).update(updated_at=timezone.now())


def _sub_agreement_save(sub: SubAgreement, data: dict[str, Any]) -> SubAgreement:
    for name in SUB_AGREEMENT_FIELDS:
        if name in data:
            setattr(sub, name, data[name])
    sub.full_clean()
    sub.save()
    _touch(sub.version)
    return sub


@transaction.atomic
def agreement_draft_create(*, plan: Plan, user: Any, note: str = "") -> AgreementVersion:
    """A new draft of the plan's agreement, copied from its latest version (the first draft
    gets an empty sub-agreement for each of the plan's focus areas of its fund round). Refused
    while another version is a draft or waits for LBF. A sub-agreement of a focus area that is
    not of the plan's fund round (the plan moved to another round's rules) is not copied."""
    agreement, _created = Agreement.objects.select_for_update().get_or_create(plan=plan)
    open_version = agreement.versions.filter(status__in=OPEN_STATUSES).first()
    if open_version is not None:
        raise ValidationError(
            _(
                "Version %(number)s %(status)s: finish it or discard it before starting "
                "another version."
            )
            % {"number": open_version.number, "status": status_phrase(open_version)}
        )
    latest = agreement.versions.order_by("-number").first()
    number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = AgreementVersion(agreement=agreement, number=number, note=note, created_by=user)
    version.full_clean()
    version.save()
    if latest is not None:
        sources = [
            {name: getattr(sub, name) for name in SUB_AGREEMENT_FIELDS}
            | {"focus_area_id": sub.focus_area_id}
            for sub in latest.sub_agreements.select_related("focus_area").all()
            if sub.focus_area.fund_round_id == plan.fund_round_id
        ]
    else:
        sources = [
            {"focus_area_id": area.pk}
            for area in plan.focus_areas.filter(fund_round_id=plan.fund_round_id)
        ]
    for values in sources:
        sub = SubAgreement(version=version, **values)
        sub.full_clean()
        sub.save()
    return version


@transaction.atomic
def agreement_version_update(
    *, version: AgreementVersion, note: str, document: Document | None = None
) -> AgreementVersion:
    """Change a draft's note and document."""
    fresh = _draft(version)
    fresh.note = note
    fresh.document = document
    fresh.full_clean()
    fresh.save()
    return fresh


@transaction.atomic
def sub_agreement_add(
    *, version: AgreementVersion, focus_area: FocusArea, data: dict[str, Any] | None = None
) -> SubAgreement:
    """A sub-agreement for another focus area of the plan's fund round in a draft."""
    fresh = _draft(version)
    if fresh.sub_agreements.filter(focus_area=focus_area).exists():
        raise ValidationError(
            {
                "focus_area": _("This version already has a sub-agreement for %(area)s.")
                % {"area": focus_area}
            }
        )
    return _sub_agreement_save(SubAgreement(version=fresh, focus_area=focus_area), data or {})


@transaction.atomic
def sub_agreement_update(*, sub_agreement: SubAgreement, data: dict[str, Any]) -> SubAgreement:
    """Change a sub-agreement of a draft: goals, target groups, activities, indicators."""
    _draft(sub_agreement.version)
    return _sub_agreement_save(sub_agreement, data)


@transaction.atomic
def sub_agreement_remove(*, sub_agreement: SubAgreement) -> None:
    """Remove a sub-agreement from a draft."""
    _draft(sub_agreement.version)
    _touch(sub_agreement.version)
    sub_agreement.delete()


@transaction.atomic
def agreement_version_submit(
    *, version: AgreementVersion, user: Any, submitted_on: date | None = None
) -> AgreementVersion:
    """Send a draft to LBF: it becomes pending and no longer changes. It needs at least one
    sub-agreement, each with its goals. `submitted_on` records a submission made earlier (by
    letter or e-mail) on that date; not after today."""
    fresh = _draft(version)
    today = timezone.localdate()
    if submitted_on is not None and submitted_on > today:
        raise ValidationError(
            {
                "submitted_at": _("A submission cannot be dated after today (%(today)s).")
                % {"today": date_format(today, "DATE_FORMAT")}
            }
        )
    subs = list(fresh.sub_agreements.select_related("focus_area"))
    if not subs:
        raise ValidationError(
            _("Version %(number)s has no sub-agreement: add one for each focus area first.")
            % {"number": fresh.number}
        )
    without_goals = [str(sub.focus_area) for sub in subs if not sub.goals.strip()]
    if without_goals:
        raise ValidationError(
            _("The sub-agreement of %(areas)s has no goals; write them before submitting.")
            % {"areas": ", ".join(without_goals)}
        )
    fresh.status = VersionStatus.PENDING
    fresh.submitted_at = (
        timezone.make_aware(datetime.combine(submitted_on, time(12)))
        if submitted_on is not None
        else timezone.now()
    )
    fresh.submitted_by = user
    fresh.full_clean()
    fresh.save()
    return fresh


@transaction.atomic
def agreement_version_approve(
    *,
    version: AgreementVersion,
    user: Any,
    capacity: str,
    approved_on: date,
    document: Document | None = None,
) -> AgreementVersion:
    """Record LBF's approval of a pending version on `approved_on`: it becomes the version in
    force and the one it replaces is superseded. Only a user acting for LBF (capacity `lbf`) or
    a secretariat administrator recording LBF's letter (`admin_recording_lbf`) may."""
    if capacity not in ApprovalCapacity.values:
        raise ValidationError({"approval_capacity": _("Choose one of the capacities offered.")})
    if capacity not in approval_capacities_of(user):
        raise PermissionDenied(
            _(
                "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                "letter, may record LBF's approval; you may not record it as “%(capacity)s”."
            )
            % {"capacity": ApprovalCapacity(capacity).label}
        )
    fresh = _locked(version)
    if fresh.status != VersionStatus.PENDING:
        raise ValidationError(
            _("Only a version waiting for LBF can be approved; version %(number)s %(status)s.")
            % {"number": fresh.number, "status": status_phrase(fresh)}
        )
    today = timezone.localdate()
    if approved_on > today:
        raise ValidationError(
            {
                "approved_on": _("LBF's approval cannot be dated after today (%(today)s).")
                % {"today": date_format(today, "DATE_FORMAT")}
            }
        )
    submitted = timezone.localdate(fresh.submitted_at) if fresh.submitted_at else None
    if submitted and approved_on < submitted:
        raise ValidationError(
            {
                "approved_on": _(
                    "LBF's approval cannot be dated before the version was submitted (%(date)s)."
                )
                % {"date": date_format(submitted, "DATE_FORMAT")}
            }
        )
    now = timezone.now()
    for previous in AgreementVersion.objects.select_for_update().filter(
        agreement_id=fresh.agreement_id, status=VersionStatus.APPROVED
    ):
        previous.status = VersionStatus.SUPERSEDED
        previous.superseded_at = now
        previous.save()
    fresh.status = VersionStatus.APPROVED
    fresh.approved_on = approved_on
    fresh.approval_capacity = capacity
    fresh.approval_recorded_by = user
    fresh.approval_recorded_at = now
    if document is not None:
        fresh.document = document
    fresh.full_clean()
    fresh.save()
    return fresh


@transaction.atomic
def agreement_version_discard(*, version: AgreementVersion) -> None:
    """Throw away a draft, or withdraw a version waiting for LBF (its history keeps it)."""
    fresh = _locked(version)
    if fresh.status not in OPEN_STATUSES:
        raise ValidationError(_status_problem(fresh))
    fresh.delete()
