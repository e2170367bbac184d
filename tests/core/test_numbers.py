"""Indian digit grouping: a table of hand-written cases, the template filter, and a property
(stripping the commas gives back the number)."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from lms.core.numbers import format_indian, group_indian


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (7, "7"),
        (999, "999"),
        (1000, "1,000"),
        (10098, "10,098"),
        (99999, "99,999"),
        (100000, "1,00,000"),
        (1000000, "10,00,000"),
        (10000000, "1,00,00,000"),
        (123456789, "12,34,56,789"),
        (1234567890123, "12,34,56,78,90,123"),
        (-1, "-1"),
        (-100000, "-1,00,000"),
        (-12345678, "-1,23,45,678"),
        (1234.5, "1,234.5"),
        (-1234567.25, "-12,34,567.25"),
        (0.125, "0.125"),
        (-0.0, "0.0"),  # floats keep their own fraction; never "-0"
        (1234.0, "1,234.0"),
        (Decimal("1234567.890"), "12,34,567.890"),
        (Decimal("1E+5"), "1,00,000"),
        (Decimal("-0.00"), "0.00"),
        ("1000000", "10,00,000"),
        ("1,000,000", "10,00,000"),
        (None, ""),
    ],
)
def test_format_indian_table(value, expected):
    assert format_indian(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (4.25, 1, "4.3"),  # half-up, not banker's rounding
        (4.35, 1, "4.4"),
        (123456.789, 2, "1,23,456.79"),
        (99999.5, 0, "1,00,000"),
        (12, 2, "12.00"),
        (-0.04, 1, "0.0"),
    ],
)
def test_format_indian_rounds_to_decimals(value, decimals, expected):
    assert format_indian(value, decimals) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("-Infinity")])
def test_non_finite_values_are_returned_as_text(value):
    assert format_indian(value) == str(value)


@pytest.mark.parametrize("value", [True, object(), [1], "twelve"])
def test_what_is_not_a_number_is_refused(value):
    with pytest.raises((TypeError, ValueError)):
        format_indian(value)


def test_group_indian_on_digit_strings():
    assert [group_indian(s) for s in ("", "1", "12345", "123456")] == [
        "",
        "1",
        "12,345",
        "1,23,456",
    ]


def _render(text, **context):
    return Template("{% load lms_tags %}" + text).render(Context(context))


def test_template_filter():
    assert _render("{{ n|indian }}", n=10098) == "10,098"
    assert _render("{{ n|indian }}", n=123456789) == "12,34,56,789"
    assert _render("{{ n|indian:1 }}", n=4.25) == "4.3"
    assert _render('{{ n|indian|default:"—" }}', n=None) == "—"
    assert _render("{{ n|indian }}", n="2013-14") == "2013-14", "text is left alone"
    assert _render("{{ n|indian }}", n=0) == "0"


def _ungrouped(text: str) -> str:
    return text.replace(",", "")


def _grouping_is_indian(text: str) -> bool:
    whole = text.lstrip("-").split(".")[0]
    groups = whole.split(",")
    return len(groups[-1]) <= 3 and (
        len(groups) == 1
        or (
            len(groups[-1]) == 3
            and all(len(g) == 2 for g in groups[1:-1])
            and 1 <= len(groups[0]) <= 2
        )
    )


@given(st.integers())
def test_stripping_commas_gives_back_the_integer(n):
    text = format_indian(n)
    assert int(_ungrouped(text)) == n
    assert _grouping_is_indian(text)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_stripping_commas_gives_back_the_decimal(d):
    text = format_indian(d)
    assert Decimal(_ungrouped(text)) == d
    assert _grouping_is_indian(text)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_stripping_commas_gives_back_the_float(x):
    text = format_indian(x)
    assert float(_ungrouped(text)) == x
    assert "e" not in text.lower() and _grouping_is_indian(text)
