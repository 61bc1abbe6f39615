"""Pure rules about organisations. No Django imports."""

from __future__ import annotations

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_problem(value: str) -> str | None:
    """Why `value` is not a valid Danish CVR number ("length", "leading_zero" or "checksum"),
    or None if it is.

    A CVR number is 8 digits, the first not 0, whose weighted sum with the weights
    2, 7, 6, 5, 4, 3, 2, 1 is divisible by 11 (the modulus-11 check)."""
    digits = value.replace(" ", "")
    if len(digits) != 8 or not digits.isdigit():
        return "length"
    if digits[0] == "0":
        return "leading_zero"
    if sum(int(d) * w for d, w in zip(digits, CVR_WEIGHTS, strict=True)) % 11 != 0:
        return "checksum"
    return None


def normalise_cvr(value: str) -> str:
    return value.replace(" ", "")
