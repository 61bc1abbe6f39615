"""Template filters and tags of the web interface: Danish money and share formats, and form
fields rendered with the design system's markup (label, hint, error message, aria links)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms, template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.formats import get_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from boligsocial.governance.models import BodyKind

register = template.Library()

DASH = "–"
ORE = Decimal("0.01")
ZERO_KR = Decimal("0.00")


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def kr(value: Any) -> str:
    """An amount in kroner with øre: 1234567.5 → "1.234.567,50 kr." (in Danish)."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    amount = amount.quantize(ORE, ROUND_HALF_UP)
    if not amount:
        amount = ZERO_KR  # "0,00", never "-0,00", as number_format writes it
    table = _separators()
    if table is None:
        return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)} kr."
    return f"{amount:,.2f}".translate(table) + " kr."


# Per language: the translation of Python's "1,234.50" into the locale's separators, or None
# when the locale does not group by thousands (then number_format, ~2 × slower). The locales'
# format modules do not change while the process runs.
_SEPARATOR_TABLES: dict[str, dict[int, str] | None] = {}


def _separators() -> dict[int, str] | None:
    language = get_language() or ""
    if language not in _SEPARATOR_TABLES:
        grouping = get_format("NUMBER_GROUPING", language, use_l10n=True)
        decimal = str(get_format("DECIMAL_SEPARATOR", language, use_l10n=True))
        thousand = str(get_format("THOUSAND_SEPARATOR", language, use_l10n=True))
        _SEPARATOR_TABLES[language] = (
            str.maketrans({",": thousand, ".": decimal}) if grouping == 3 else None
        )
    return _SEPARATOR_TABLES[language]


@register.filter
def mio_kr(value: Any) -> str:
    """A large amount in millions: 380000000 → "380 mio. kr.", 12500000 → "12,5 mio. kr."."""
    amount = _decimal(value)
    if amount is None:
        return DASH
    millions = (amount / Decimal(1_000_000)).normalize()
    places = max(0, -millions.as_tuple().exponent)  # type: ignore[operator]
    return f"{number_format(millions, places, use_l10n=True, force_grouping=True)} mio. kr."


@register.filter
def percent(value: Any) -> str:
    """A share as a percentage: 0.75 → "75 %", 0.755 → "75,5 %"."""
    share = _decimal(value)
    if share is None:
        return DASH
    pct = (share * 100).normalize()
    places = max(0, -pct.as_tuple().exponent)  # type: ignore[operator]
    return f"{number_format(pct, places, use_l10n=True, force_grouping=True)} %"


@register.filter
def fte(value: Any) -> str:
    """An FTE share with two decimals in the active locale: 0.5 → "0,50"."""
    share = _decimal(value)
    if share is None:
        return DASH
    return number_format(share, 2, use_l10n=True)


# The Danish term of each kind of body, as it appears in a body's name ("Bestyrelsen").
BODY_KIND_TERMS = {
    BodyKind.BOARD: "bestyrelse",
    BodyKind.STEERING: "styregruppe",
    BodyKind.FOLLOW: "følgegruppe",
    BodyKind.COUNCIL: "samarbejdsråd",
    BodyKind.WORKING_GROUP: "arbejdsgruppe",
}


@register.filter
def body_kind(body: Any) -> str:
    """The kind of a body to show with its name, or "" when the name already says it:
    "Bestyrelsen" needs no "(Bestyrelse)" after it; "Koordinationsgruppen" gets "Bestyrelse"."""
    term = BODY_KIND_TERMS.get(body.kind, body.kind)
    if term and term in body.name.lower():
        return ""
    return str(body.get_kind_display())


# Form fields --------------------------------------------------------------------------------


def field_dom_id(bound: forms.BoundField) -> str:
    """The id an error summary links to: the input itself, or the first option of a group."""
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return bound.auto_id


def _kind(bound: forms.BoundField) -> str:
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return "group"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "input"


@register.simple_tag
def field(bound: forms.BoundField) -> SafeString:
    """Render one form field the way the design system does: label, optional hint, error
    message, and an input whose aria-describedby names the hint and the error."""
    hint_id = f"{bound.auto_id}-hint" if bound.help_text else ""
    error_id = f"{bound.auto_id}-error" if bound.errors else ""
    described_by = " ".join(i for i in (hint_id, error_id) if i)
    kind = _kind(bound)
    attrs: dict[str, str | bool] = {}
    if kind != "group":
        if described_by:
            attrs["aria-describedby"] = described_by
        if bound.errors:
            attrs["aria-invalid"] = "true"
    context = {
        "field": bound,
        "kind": kind,
        "hint_id": hint_id,
        "error_id": error_id,
        "described_by": described_by,
        "optional": not bound.field.required and kind != "checkbox",
        "widget_html": bound.as_widget(attrs=attrs) if kind != "group" else "",
        "options": list(bound) if kind == "group" else [],
    }
    return SafeString(render_to_string("web/includes/field.html", context))


@register.inclusion_tag("web/includes/error_summary.html")
def error_summary(form: forms.BaseForm) -> dict[str, Any]:
    """The list of every error on the form, each linked to its field, shown at the top."""
    items: list[dict[str, Any]] = []
    conflict = getattr(form, "conflict", None)
    if conflict is not None:  # someone else saved meanwhile (web.conflicts.Conflict)
        items.append(
            {
                "href": "",
                "message": conflict.message,
                "changes": conflict.changes,
                "advice": conflict.advice,
            }
        )
    for message in form.non_field_errors():
        items.append({"href": "", "message": message})
    for bound in form:
        for message in bound.errors:
            items.append({"href": f"#{field_dom_id(bound)}", "message": message})
    return {"items": items, "icons_url": icons_url()}


@register.simple_tag
def icons_url() -> str:
    """The design system's icon sprite, referenced by `<use href="…#name">`."""
    return static("vendor/dkfds/img/all-svg-icons.svg")
