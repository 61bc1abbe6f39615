"""`/api/v1/plans/{slug}/agreement/…`: a plan's cooperation agreement with the same rules as
its pages (docs/decisions/0023). Logged-in users who may read the plan read it (anyone else
404, anonymous 403); the plan's editors (secretariat administrators, its leader) write drafts,
submit and discard them; only a user acting for LBF, or an administrator recording LBF's
letter, records LBF's approval. Versions and sub-agreements answer their version in `ETag`; a
write with `If-Match` is made only if nobody changed the object since (412 otherwise)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import can_edit_plan, plan_readable_or_404
from boligsocial.agreements import services
from boligsocial.agreements.models import AgreementVersion, SubAgreement
from boligsocial.agreements.selectors import (
    agreement_comparison,
    agreement_overview,
    version_of_plan,
    versions_of_plan,
    with_sub_agreements,
)
from boligsocial.api.fields import POSITIVE_INT_MAX
from boligsocial.api.schema import IF_MATCH, VALIDATION_ERROR_SCHEMA, BoligsocialAutoSchema
from boligsocial.api.serializers.agreements import (
    AgreementSerializer,
    AgreementVersionSerializer,
    ApproveSerializer,
    ComparisonSerializer,
    SubAgreementCreateSerializer,
    SubAgreementSerializer,
    SubAgreementUpdateSerializer,
    VersionCreateSerializer,
    VersionUpdateSerializer,
)
from boligsocial.api.views.base import (
    CreateMixin,
    DestroyMixin,
    ReadViewSet,
    expected_version,
)
from boligsocial.core.concurrency import ConflictError, expect_version
from boligsocial.plans.models import Plan

NOT_AGREEMENT_EDITOR = _(
    "Only secretariat administrators and the plan's leader may change the cooperation agreement."
)


SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address, e.g. `bispehaven-2024-2028`.",
)


def _number(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
        OpenApiParameter.PATH,
        description=description,
    )


class AgreementSchema(BoligsocialAutoSchema):
    """The path's parameters as the URL accepts them: a slug of letters, digits, `-` and `_`,
    whole numbers from 0."""

    def get_override_parameters(self) -> list[Any]:
        parameters = [*super().get_override_parameters(), SLUG]
        if "{number}" in self.path:
            parameters.append(_number("number", "The version's number."))
        if "{id}" in self.path:
            parameters.append(_number("id", "The sub-agreement's id."))
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self.path.endswith("/compare/"):  # a read with parameters to check
            responses["400"] = self._error(
                "400",
                "ValidationError",
                VALIDATION_ERROR_SCHEMA,
                "Bad input (a parameter is not a version number).",
            )
        return responses


class PlanAgreementMixin(ReadViewSet):
    """The plan of the URL, if the user may read it (404 as for a missing plan otherwise)."""

    schema = AgreementSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    _plan: Plan | None = None

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = plan_readable_or_404(
                self.request.user,
                Plan.objects.select_related("fund_round"),
                slug=self.kwargs["slug"],
            )
        return self._plan

    def check_editor(self) -> None:
        if not can_edit_plan(self.request.user, self.plan):
            raise PermissionDenied(NOT_AGREEMENT_EDITOR)

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "slug" in self.kwargs:
            context["plan"] = self.plan
        return context


class AgreementViewSet(PlanAgreementMixin):
    """The plan's cooperation agreement: the version in force (approved by LBF), the version
    being written or waiting for LBF, and the numbers of every version, newest first."""

    output_serializer_class = AgreementSerializer

    def base_queryset(self) -> QuerySet[Any]:
        return AgreementVersion.objects.none()

    @extend_schema(operation_id="plans_agreement_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        overview = agreement_overview(self.plan)
        data = {
            "plan": self.plan.slug,
            "current": overview.current,
            "open": overview.open,
            "versions": [v.number for v in overview.versions],
        }
        return Response(AgreementSerializer(data, context=self.get_serializer_context()).data)

    @extend_schema(
        operation_id="plans_agreement_compare",
        responses=ComparisonSerializer,
        parameters=[
            OpenApiParameter(
                "from",
                {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
                required=True,
                description="The left version's number.",
            ),
            OpenApiParameter(
                "to",
                {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
                required=True,
                description="The right version's number.",
            ),
        ],
    )
    @action(detail=False, methods=["get"])
    def compare(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Two versions side by side: the note and, per focus area of either version, each
        field of its sub-agreement in both, whether it changed and, for lists, each item as
        the same, added or removed."""
        numbers: dict[str, int] = {}
        errors: dict[str, list[str]] = {}
        for name in ("from", "to"):
            raw = request.query_params.get(name, "")
            if not raw.strip().isdigit() or len(raw.strip()) > 9:
                errors[name] = [_("Give the number of a version of the agreement, e.g. 1.")]
            else:
                numbers[name] = int(raw)
        if errors:
            raise ValidationError(errors)
        comparison = agreement_comparison(self.plan, numbers["from"], numbers["to"])
        data = ComparisonSerializer(comparison).data
        data["changed"] = comparison.changed
        return Response(data)


class AgreementVersionViewSet(CreateMixin, DestroyMixin, PlanAgreementMixin):
    """The versions of the plan's cooperation agreement, newest first, each with its
    sub-agreements (one per focus area). POST starts a draft copied from the latest version
    (refused while another is a draft or waits for LBF); PATCH changes a draft's note and
    document; DELETE discards a draft or withdraws a version waiting for LBF; `submit` sends a
    draft to LBF; `approve` records LBF's approval (only the LBF capacities). Approved and
    superseded versions never change (400 naming the version's status)."""

    output_serializer_class = AgreementVersionSerializer
    create_serializer_class = VersionCreateSerializer
    update_serializer_class = VersionUpdateSerializer
    lookup_field = "number"
    lookup_value_regex = r"[0-9]{1,9}"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self) -> QuerySet[Any]:
        return with_sub_agreements(versions_of_plan(self.plan))

    def get_object(self) -> Any:
        return version_of_plan(self.plan, int(self.kwargs["number"]))

    def perform_service_create(self, data: dict[str, Any]) -> Model:
        self.check_editor()
        return services.agreement_draft_create(
            plan=self.plan, user=self.request.user, note=data.get("note", "")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        return super().create(request, *args, **kwargs)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        return super().update(request, *args, **kwargs)

    def perform_service_update(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.agreement_version_update(
            version=instance,
            note=data.get("note", instance.note),
            document=data.get("document", instance.document),
        )

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        return super().destroy(request, *args, **kwargs)

    def perform_service_delete(self, instance: Any) -> None:
        services.agreement_version_discard(version=instance)

    def _versioned_write(self, request: Request, write: Any) -> Response:
        instance = self.get_object()
        try:
            with expect_version(instance, expected_version(request)):
                instance = write(instance)
        except ConflictError as error:
            return self.precondition_failed(error)
        return self.current(instance)

    @extend_schema(request=None, parameters=[IF_MATCH], operation_id="plans_agreement_submit")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Send a draft to LBF: it waits for LBF's approval and no longer changes. It needs at
        least one sub-agreement, each with its goals."""
        self.check_editor()
        return self._versioned_write(
            request,
            lambda version: services.agreement_version_submit(version=version, user=request.user),
        )

    @extend_schema(
        request=ApproveSerializer, parameters=[IF_MATCH], operation_id="plans_agreement_approve"
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record LBF's approval of a version waiting for it: it comes into force and the one
        it replaces is superseded. Only a user acting for LBF (`lbf`) or a secretariat
        administrator recording LBF's letter (`admin_recording_lbf`); 403 for anyone else."""
        serializer = ApproveSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        return self._versioned_write(
            request,
            lambda version: services.agreement_version_approve(
                version=version,
                user=request.user,
                capacity=data["approval_capacity"],
                approved_on=data["approved_on"],
                document=data.get("document"),
            ),
        )


class SubAgreementViewSet(CreateMixin, DestroyMixin, PlanAgreementMixin):
    """The sub-agreements (delaftaler) of one version: one per focus area of the plan's fund
    round, with goals, target groups, activities planned and indicators. Only a draft's change
    (POST adds one for another focus area, PATCH changes one, DELETE removes one)."""

    output_serializer_class = SubAgreementSerializer
    create_serializer_class = SubAgreementCreateSerializer
    update_serializer_class = SubAgreementUpdateSerializer
    lookup_value_regex = r"[0-9]{1,18}"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self) -> QuerySet[Any]:
        return SubAgreement.objects.select_related("focus_area").filter(
            version__agreement__plan=self.plan, version__number=self.kwargs["number"]
        )

    def version(self) -> AgreementVersion:
        return version_of_plan(self.plan, int(self.kwargs["number"]))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.version()  # 404 for a version that does not exist
        return super().list(request, *args, **kwargs)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        return super().create(request, *args, **kwargs)

    def perform_service_create(self, data: dict[str, Any]) -> Model:
        focus_area = data.pop("focus_area")
        return services.sub_agreement_add(version=self.version(), focus_area=focus_area, data=data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        return super().update(request, *args, **kwargs)

    def perform_service_update(self, instance: Any, data: dict[str, Any]) -> Model:
        return services.sub_agreement_update(sub_agreement=instance, data=data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        return super().destroy(request, *args, **kwargs)

    def perform_service_delete(self, instance: Any) -> None:
        services.sub_agreement_remove(sub_agreement=instance)
