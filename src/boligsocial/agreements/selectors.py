"""Reads of the cooperation agreement: a plan's versions, one version with its
sub-agreements, the comparison of two versions, and who may record LBF's approval."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from boligsocial.accounts.rules import lbf_decision_capacities
from boligsocial.accounts.selectors import scopes_for
from boligsocial.agreements import rules
from boligsocial.agreements.models import (
    OPEN_STATUSES,
    AgreementVersion,
    SubAgreement,
    VersionStatus,
)
from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan


def versions_of_plan(plan: Plan) -> QuerySet[AgreementVersion]:
    """Every version of the plan's agreement, newest first, with the users named on it."""
    return AgreementVersion.objects.filter(agreement__plan=plan).select_related(
        "created_by", "submitted_by", "approval_recorded_by", "document"
    )


def with_sub_agreements(queryset: QuerySet[AgreementVersion]) -> QuerySet[AgreementVersion]:
    """The versions with their sub-agreements in the focus areas' order (one more query)."""
    subs = SubAgreement.objects.select_related("focus_area").order_by(
        "focus_area__position", "focus_area__pk"
    )
    return queryset.prefetch_related(Prefetch("sub_agreements", queryset=subs))


def version_of_plan(plan: Plan, number: int) -> AgreementVersion:
    """Version `number` of the plan's agreement with its sub-agreements; Http404 if none."""
    version = with_sub_agreements(versions_of_plan(plan)).filter(number=number).first()
    if version is None:
        raise Http404(_("The agreement has no version %(number)s.") % {"number": number})
    return version


@dataclass(frozen=True)
class AgreementOverview:
    """What the agreement page shows: the version in force (approved by LBF), the version
    being written or waiting for LBF, and every version, newest first."""

    current: AgreementVersion | None
    open: AgreementVersion | None
    versions: list[AgreementVersion]

    @property
    def pending(self) -> AgreementVersion | None:
        return self.open if self.open and self.open.status == VersionStatus.PENDING else None

    @property
    def draft(self) -> AgreementVersion | None:
        return self.open if self.open and self.open.status == VersionStatus.DRAFT else None


def agreement_overview(plan: Plan) -> AgreementOverview:
    """The plan's agreement in two queries (versions, then their sub-agreements)."""
    versions = list(with_sub_agreements(versions_of_plan(plan)))
    current = next((v for v in versions if v.status == VersionStatus.APPROVED), None)
    open_version = next((v for v in versions if v.status in OPEN_STATUSES), None)
    return AgreementOverview(current=current, open=open_version, versions=versions)


def sub_agreement_of_plan(plan: Plan, pk: int) -> SubAgreement:
    found = (
        SubAgreement.objects.select_related("focus_area", "version__agreement__plan")
        .filter(pk=pk, version__agreement__plan=plan)
        .first()
    )
    if found is None:
        raise Http404(_("No such sub-agreement."))
    return found


def focus_areas_to_add(version: AgreementVersion) -> QuerySet[FocusArea]:
    """The focus areas of the plan's fund round that the version has no sub-agreement for."""
    plan = version.agreement.plan
    return FocusArea.objects.filter(fund_round_id=plan.fund_round_id).exclude(
        pk__in=version.sub_agreements.values("focus_area_id")
    )


def version_content(version: AgreementVersion) -> rules.VersionContent:
    """The version as plain data for `rules.compare` (its sub-agreements prefetched or read)."""
    subs = tuple(
        rules.SubAgreementContent(
            focus_area_id=sub.focus_area_id,
            focus_area_name=sub.focus_area.name,
            position=sub.focus_area.position,
            goals=sub.goals,
            target_groups=sub.target_groups,
            activities=tuple(sub.activities),
            indicators=tuple(sub.indicators),
        )
        for sub in version.sub_agreements.all()
    )
    return rules.VersionContent(number=version.number, note=version.note, sub_agreements=subs)


def agreement_comparison(plan: Plan, left: int, right: int) -> rules.Comparison:
    """Versions `left` and `right` of the plan's agreement compared field by field per focus
    area; Http404 if either does not exist."""
    return rules.compare(
        version_content(version_of_plan(plan, left)),
        version_content(version_of_plan(plan, right)),
    )


def acts_for_lbf(user: Any) -> bool:
    """Does the user act for LBF (an accounts role)?"""
    return scopes_for(user).acts_for_lbf


def approval_capacities_of(user: Any) -> tuple[str, ...]:
    """The capacities in which the user may record LBF's approval (none for most users)."""
    scopes = scopes_for(user)
    return lbf_decision_capacities(scopes)


def documents_for_agreement(plan: Plan) -> QuerySet[Document]:
    """The plan's documents an agreement version may rest on, newest first."""
    return Document.objects.filter(plan=plan).order_by("-uploaded_at", "-pk")
