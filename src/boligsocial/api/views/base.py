from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.api.schema import BoligsocialAutoSchema
from boligsocial.core.concurrency import (
    ConflictError,
    Expected,
    expect_version,
    instance_version,
)


class StableOrderingFilter(OrderingFilter):
    """`ordering=` as in DRF, with the id as the last key so pages never overlap."""

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(key.lstrip("-") in ("pk", "id") for key in ordering):
            return [*ordering, "pk"]
        return ordering

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        fields = ", ".join(f"`{name}`" for name in getattr(view, "ordering_fields", ()))
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Order by {fields}; prefix `-` for descending, several comma-separated."
                ),
                "schema": {"type": "string"},
            }
        ]


class Pagination(LimitOffsetPagination):
    """`limit` (default 50, at most 1000) and `offset`."""

    max_limit = 1000


class ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """List (filtered, ordered, paginated) and retrieve. Subclasses give `base_queryset()` (a
    selector) and may narrow it per user in `visible()`."""

    schema = BoligsocialAutoSchema()
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    parser_classes = [JSONParser]
    pagination_class = Pagination
    output_serializer_class: type[serializers.BaseSerializer]
    create_serializer_class: type[serializers.BaseSerializer] | None = None
    update_serializer_class: type[serializers.BaseSerializer] | None = None

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # API clients choose their language the standard way, with Accept-Language (the pages
        # only follow the language switch's cookie); Danish when they say nothing.
        language = translation.get_language_from_request(request._request)
        translation.activate(language)
        request._request.LANGUAGE_CODE = language
        super().initial(request, *args, **kwargs)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset

    def get_queryset(self) -> QuerySet[Any]:
        return self.visible(self.base_queryset())

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action == "create" and self.create_serializer_class is not None:
            return self.create_serializer_class
        if self.action in ("update", "partial_update") and self.update_serializer_class is not None:
            return self.update_serializer_class
        return self.output_serializer_class

    def render(self, instance: Model) -> Any:
        """The output body of a written object, read back through the selector."""
        fresh = self.base_queryset().get(pk=instance.pk)
        return self.output_serializer_class(fresh, context=self.get_serializer_context()).data


class CreateMixin(ReadViewSet):
    """POST: parse with the create serializer, then `perform_service_create`."""

    def perform_service_create(self, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.perform_service_create(dict(serializer.validated_data))
        return Response(self.render(instance), status=status.HTTP_201_CREATED)


def expected_version(request: Request) -> Expected:
    """The versions an `If-Match` header accepts: None when there is no header (or `*`), so
    nothing is checked; else the strong entity tags it lists (a weak tag, `W/"…"`, or a
    malformed header matches no version: 412)."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        return None
    tags = parse_etags(header)
    if tags == ["*"]:
        return None
    return frozenset(tag[1:-1] for tag in tags if not tag.startswith("W/"))


class UpdateMixin(ReadViewSet):
    """PUT and PATCH: the object must be readable (404) and editable (403), then the update
    serializer parses the body and `perform_service_update` calls the service.

    No lost updates (docs/decisions/0009-versions-and-conflicts.md): GET of one object answers
    its version in `ETag`; a write with `If-Match` is made only if the object still has that
    version, checked with the row locked in the write's transaction, else 412 with the fields
    changed meanwhile and the current object. A write without `If-Match` is not checked."""

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = quote_etag(instance_version(instance))
        return response

    def perform_service_update(self, instance: Any, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            with expect_version(instance, expected_version(request)):
                instance = self.perform_service_update(instance, dict(serializer.validated_data))
        except ConflictError as error:
            return self.precondition_failed(error)
        return self.current(instance)

    def current(self, instance: Model, status_code: int = status.HTTP_200_OK) -> Response:
        """The object as stored now, read back through the selector, with its version."""
        fresh = self.base_queryset().get(pk=instance.pk)
        data = self.output_serializer_class(fresh, context=self.get_serializer_context()).data
        response = Response(data, status=status_code)
        response["ETag"] = quote_etag(instance_version(fresh))
        return response

    def precondition_failed(self, error: ConflictError) -> Response:
        """412: the object changed after the version the client gave in `If-Match`. Nothing
        was written; the body names the fields changed meanwhile and holds the object as it
        is now, whose version is in `ETag`."""
        response = self.current(error.instance, status.HTTP_412_PRECONDITION_FAILED)
        response.data = {
            "detail": _(
                "The object was changed after the version given in If-Match; nothing was "
                "written. `changed_fields` names what changed, `current` is the object now and "
                "the ETag header its version: repeat the change on it if it still applies."
            ),
            "changed_fields": error.changed,
            "current": response.data,
        }
        return response

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        kwargs["partial"] = True
        return self.update(request, *args, **kwargs)


class DestroyMixin(UpdateMixin):
    """DELETE of a row entered by mistake: the object must be readable (404) and editable
    (403), then `perform_service_delete` calls the service; 204. With `If-Match`, only if the
    object still has that version (412 otherwise, nothing deleted)."""

    def perform_service_delete(self, instance: Any) -> None:
        raise NotImplementedError

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        try:
            with expect_version(instance, expected_version(request)):
                self.perform_service_delete(instance)
        except ConflictError as error:
            return self.precondition_failed(error)
        return Response(status=status.HTTP_204_NO_CONTENT)
