"""How the API describes itself in OpenAPI: named enum components and documented error
responses, so clients (and the schemathesis fuzz test) know every answer the API can give."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

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
DETAIL_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
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
        if "{" in self.path:
            responses["404"] = self._error(
                "404",
                "ErrorDetail",
                DETAIL_ERROR_SCHEMA,
                "No such object, or not one the user may read.",
            )
        return responses
