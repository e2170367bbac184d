"""Spreadsheet-safe cells and the streamed CSV response."""

import csv
import io
from decimal import Decimal

import pytest

from lms.core.csv import FORMULA_PREFIXES, csv_response, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+919812345678", "'+919812345678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
    ],
)
def test_each_formula_prefix_is_escaped(value, expected):
    assert safe_cell(value) == expected


def test_every_declared_prefix_is_covered():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}
    for prefix in FORMULA_PREFIXES:
        assert safe_cell(prefix + "x") == "'" + prefix + "x"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain text", "plain text"),
        ("a=b", "a=b"),  # only a leading sign is dangerous
        ("पूजा देवी", "पूजा देवी"),
        ("", ""),
        (None, ""),
        (True, "Yes"),
        (False, "No"),
        (0, "0"),
        (42, "42"),
        (-5, "-5"),  # numbers stay numbers, even negative ones
        (2.5, "2.5"),
        (-0.25, "-0.25"),
    ],
)
def test_other_values(value, expected):
    assert safe_cell(value) == expected


def test_objects_are_rendered_with_str_and_escaped():
    class Thing:
        def __str__(self):
            return "=evil()"

    assert safe_cell(Thing()) == "'=evil()"
    assert safe_cell(Decimal("1.50")) == "1.50"


def test_csv_response_streams_bom_header_and_escaped_rows():
    response = csv_response(
        filename="report.csv",
        header=["Name", "=Total"],
        rows=iter([["पूजा", 3], ["=1+1", None], [True, -2]]),
    )
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"report.csv\"; filename*=UTF-8''report.csv"
    )
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [
        ["Name", "'=Total"],
        ["पूजा", "3"],
        ["'=1+1", ""],
        ["Yes", "-2"],
    ]


def test_csv_response_quotes_commas_quotes_and_newlines():
    response = csv_response(filename="x.csv", header=["a"], rows=[['He said "hi", then\nleft']])
    text = b"".join(response.streaming_content).decode("utf-8")
    assert list(csv.reader(io.StringIO(text[1:])))[1] == ['He said "hi", then\nleft']
