"""`/api/v1/cofinancers/{organisation}/commitments/`: a co-financer's commitments."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import readable_plan_ids, scopes_for
from boligsocial.api.serializers.budgets import CommitmentsSerializer
from boligsocial.api.views.base import ReadViewSet
from boligsocial.api.views.budgets.common import BudgetSchema
from boligsocial.budgets.selectors import cofinancer_commitments
from boligsocial.organisations.models import Organisation, OrganisationKind


def _commitment_rows(rows: Any) -> list[dict[str, Any]]:
    return [
        {
            "slug": row.slug,
            "name": row.name,
            "status": row.status,
            "by_year": [{"year": y, "amount": a} for y, a in row.by_year.items()],
            "total": row.total,
            "in_kind_total": row.in_kind_total,
        }
        for row in rows
    ]


class CofinancerViewSet(ReadViewSet):
    """What a co-financer (a municipality, a housing organisation with its afdelinger, a
    foundation) has committed per plan and year, from each plan's budget in force; plans whose
    budget is not granted yet apart, as proposed. A municipality user reads their
    municipality's, a housing-organisation user their organisation's; administrators and LBF
    any (404 for anything else)."""

    schema = BudgetSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    output_serializer_class = CommitmentsSerializer

    def base_queryset(self) -> Any:
        return Organisation.objects.none()

    def _organisation(self) -> Organisation:
        organisation = Organisation.objects.filter(slug=self.kwargs["organisation"]).first()
        scopes = scopes_for(self.request.user)
        if organisation is None:
            raise Http404
        if scopes.is_admin or scopes.acts_for_lbf:
            return organisation
        if organisation.pk in scopes.organisation_ids or (
            organisation.kind == OrganisationKind.MUNICIPALITY
            and organisation.municipality_id in scopes.municipality_ids
        ):
            return organisation
        raise Http404

    @extend_schema(operation_id="cofinancers_commitments_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self._organisation()
        overview = cofinancer_commitments(
            organisation=organisation, plan_ids=readable_plan_ids(request.user)
        )
        data = {
            "organisation": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "years": overview.years,
            "committed": _commitment_rows(overview.committed),
            "proposed": _commitment_rows(overview.proposed),
            "totals_by_year": [
                {"year": y, "amount": a} for y, a in overview.totals_by_year.items()
            ],
            "total": overview.total,
            "proposed_total": overview.proposed_total,
        }
        return Response(CommitmentsSerializer(data).data)
