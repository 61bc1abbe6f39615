"""Data stored in Danish and English (`<field>_da`, `<field>_en`): show the active language's
text, falling back to Danish when the English one is empty."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


def localised(obj: Any, field: str) -> str:
    english = (get_language() or "da")[:2] == "en"
    value: str = getattr(obj, f"{field}_en", "") if english else ""
    return value or getattr(obj, f"{field}_da")
