"""The one rule for numbers in import files (docs/decisions/0011)."""

from decimal import Decimal

import pytest

from boligsocial.core.numbers import (
    NumberFormat,
    count_problem,
    figure_problem,
    format_for_delimiter,
    parse_number,
    parse_whole,
)

DANISH, ENGLISH, PLAIN = NumberFormat.DANISH, NumberFormat.ENGLISH, NumberFormat.PLAIN


def test_the_separator_decides_the_format():
    assert format_for_delimiter(";") is DANISH
    assert format_for_delimiter(",") is ENGLISH


@pytest.mark.parametrize(
    ("fmt", "text", "value"),
    [
        (DANISH, "1234,5", "1234.5"),
        (DANISH, "1.234,5", "1234.5"),
        (DANISH, "2.000", "2000"),
        (DANISH, "1.234.567", "1234567"),
        (DANISH, "1 234,5", "1234.5"),
        (DANISH, "1\u00a0234", "1234"),
        (DANISH, " -2,7 ", "-2.7"),
        (DANISH, "40", "40"),
        (ENGLISH, "1234.5", "1234.5"),
        (ENGLISH, "1,234.5", "1234.5"),
        (ENGLISH, "2,000", "2000"),
        (ENGLISH, "2.000", "2.000"),
        (ENGLISH, "-0.125", "-0.125"),
        (PLAIN, "45.5", "45.5"),
        (PLAIN, "1200", "1200"),
    ],
)
def test_numbers_in_each_format(fmt, text, value):
    assert parse_number(text, fmt) == Decimal(value)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        (DANISH, "2.5"),  # a dot is a thousands separator: only before groups of three
        (DANISH, "1,234.5"),
        (DANISH, "1.23.456"),
        (DANISH, "1,2,3"),
        (ENGLISH, "2,5"),
        (ENGLISH, "1.234,5"),
        (ENGLISH, "12,34"),
        (PLAIN, "1,5"),
        (PLAIN, "1.234.567"),
    ],
)
def test_a_number_in_the_other_format_is_an_error_not_a_guess(fmt, text):
    with pytest.raises(ValueError, match="is not a number in this file's format") as raised:
        parse_number(text, fmt)
    assert str(raised.value) == (
        f"{text!r} is not a number in this file's format: write {fmt.example}"
    )


@pytest.mark.parametrize("text", ["", "abc", "4o", "nan", "inf", "1e30", "1E5", "0x10", "--1"])
@pytest.mark.parametrize("fmt", list(NumberFormat))
def test_non_numbers(fmt, text):
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text, fmt)


def test_whole_numbers_have_no_decimal_mark():
    assert parse_whole("1.907", DANISH) == 1907
    assert parse_whole("1,907", ENGLISH) == 1907
    for fmt, text in [(ENGLISH, "2.000"), (ENGLISH, "1.907"), (DANISH, "2,0"), (PLAIN, "3.0")]:
        with pytest.raises(ValueError, match="is not a whole number") as raised:
            parse_whole(text, fmt)
        assert str(raised.value) == f"{text!r} is not a whole number"


def test_figure_bounds():
    assert figure_problem(Decimal("99999999999.9999")) is None
    assert figure_problem(Decimal("-99999999999")) is None
    assert figure_problem(Decimal("0.0001")) is None
    assert figure_problem(Decimal("1.50000")) is None
    assert figure_problem(Decimal("100000000000")) == (
        "100000000000 is too large (a figure is below 100,000,000,000)"
    )
    assert figure_problem(Decimal("1e30")) == (
        "1" + "0" * 30 + " is too large (a figure is below 100,000,000,000)"
    )
    assert figure_problem(Decimal("0.12345")) == "0.12345 has more than 4 decimals"


def test_count_bounds():
    assert count_problem(0) is None
    assert count_problem(2_147_483_647) is None
    assert count_problem(-1) == "must not be negative"
    assert count_problem(99_999_999_999) == "99999999999 is too large (at most 2,147,483,647)"
