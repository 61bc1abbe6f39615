"""How the API describes itself in OpenAPI: named enum components and documented error
responses, so clients (and the schemathesis fuzz test) know every answer the API can give."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiParameter

from boligsocial.api.fields import EnumField

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

VALIDATION_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Bad input: each key names the field at fault (or `non_field_errors` for a rule about "
        "several fields, `detail` for a body that is not JSON) and holds the messages."
    ),
    "additionalProperties": {
        "oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
    },
}
VERSIONED_WRITE_METHODS = frozenset({"PUT", "PATCH", "DELETE"})
VERSIONED_ACTIONS = frozenset({"retrieve", "update", "partial_update", "destroy"})
IF_MATCH = OpenApiParameter(
    name="If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    type=str,
    description=(
        'The object\'s `ETag` from your last GET (e.g. `"3f2a…"`): the change is made only if '
        "nobody changed the object since, else 412 and nothing is written. Optional: a write "
        "without it is not checked (see docs/decisions/0009-versions-and-conflicts.md)."
    ),
)
ETAG_HEADER = OpenApiParameter(
    name="ETag",
    location=OpenApiParameter.HEADER,
    type=str,
    required=True,
    response=[200, 412],
    description=(
        "The version of the object's stored fields as answered (412: as stored now). Send it "
        "back in `If-Match` to change the object only if nobody else has changed it."
    ),
)
DETAIL_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def precondition_failed_schema(current: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": (
            "The object was changed after the version in `If-Match`; nothing was written."
        ),
        "properties": {
            "detail": {"type": "string"},
            "changed_fields": {
                "type": "array",
                "items": {"type": "string"},
                "nullable": True,
                "description": (
                    "The fields changed since that version; null when the `If-Match` value "
                    "is not a version of this object (the fields cannot be told)."
                ),
            },
            "current": current,
        },
        "required": ["detail", "changed_fields", "current"],
    }


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField
    match_subclasses = True

    def get_name(self) -> str | None:
        return str(self.target.enum.__name__)

    def map_serializer_field(self, auto_schema: AutoSchema, direction: Any) -> dict[str, Any]:
        enum = self.target.enum
        return {
            "type": "string",
            "enum": list(enum.values),
            "description": "\n".join(f"* `{value}` - {label}" for value, label in enum.choices),
        }


class BoligsocialAutoSchema(AutoSchema):
    """Input and output serializers differ (writes go through the services), and every
    operation lists its error responses: 400 bad input, 403 not allowed, 404 not found."""

    def _tokenize_path(self) -> list[str]:
        # "/api/v1/plans/{id}/" is tagged "plans" and its operations are "plans_retrieve", ...
        tokens: list[str] = super()._tokenize_path()
        if tokens and re.fullmatch(r"v\d+", tokens[0]):
            tokens = tokens[1:]
        return tokens

    def get_auth(self) -> list[dict[str, Any]]:
        # Every read is open to anonymous users (limited to public data), so say so.
        auths: list[dict[str, Any]] = super().get_auth()
        if self.method not in WRITE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def _versioned(self) -> bool:
        """One object of a view whose objects carry versions (api.views.base.UpdateMixin):
        retrieve, update, partial update, destroy (not custom actions such as a merge)."""
        action = getattr(self.view, "action", None)
        return hasattr(self.view, "precondition_failed") and action in VERSIONED_ACTIONS

    def get_override_parameters(self) -> list[Any]:
        parameters: list[Any] = list(super().get_override_parameters())
        if self._versioned():
            if self.method in VERSIONED_WRITE_METHODS:
                parameters.append(IF_MATCH)
            if self.method in ("GET", "PUT", "PATCH"):
                parameters.append(ETAG_HEADER)
        return parameters

    def get_response_serializers(self) -> Any:
        output = getattr(self.view, "output_serializer_class", None)
        return output if output is not None else super().get_response_serializers()

    def _error_component(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
        )
        self.registry.register_on_missing(component)
        return component.ref

    def _error(self, code: str, name: str, schema: dict[str, Any], text: str) -> dict[str, Any]:
        response: dict[str, Any] = self._get_response_for_code(
            self._error_component(name, schema), code
        )
        response["description"] = text
        return response

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        is_list = self._is_list_view()
        if self.method in WRITE_METHODS or is_list:
            responses["400"] = self._error(
                "400",
                "ValidationError",
                VALIDATION_ERROR_SCHEMA,
                "Bad input (a field or filter value); nothing was written.",
            )
        responses["403"] = self._error(
            "403",
            "ErrorDetail",
            DETAIL_ERROR_SCHEMA,
            "Not logged in, or the user's role may not make this change."
            if self.method in WRITE_METHODS
            else "Wrong credentials (reading needs none).",
        )
        if self._versioned() and self.method in VERSIONED_WRITE_METHODS:
            output = getattr(self.view, "output_serializer_class", None)
            current = (
                self.resolve_serializer(output, "response").ref
                if output is not None
                else {"type": "object"}
            )
            name = (
                f"PreconditionFailed{output.__name__.removesuffix('Serializer')}"
                if output
                else "PreconditionFailed"
            )
            responses["412"] = self._error(
                "412",
                name,
                precondition_failed_schema(current),
                "Precondition failed: the object was changed after the version in `If-Match`; "
                "nothing was written. The body names the changed fields and holds the object "
                "now; its version is in `ETag`.",
            )
        if "{" in self.path:
            responses["404"] = self._error(
                "404",
                "ErrorDetail",
                DETAIL_ERROR_SCHEMA,
                "No such object, or not one the user may read.",
            )
        return responses
