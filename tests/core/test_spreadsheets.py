"""The one upload reader: every refusal has its code, both formats read the same table, and
a cell is read back as typed (formulas stay text)."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.core.spreadsheets import SpreadsheetError, read_table


def csv_file(rows, name="list.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"))


def xlsx_file(rows, name="list.xlsx"):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def code_of(upload, **kwargs):
    with pytest.raises(SpreadsheetError) as refused:
        read_table(upload, **{"required": ("code",), "max_rows": 3, **kwargs})
    return refused.value.code


@pytest.mark.parametrize(
    "upload, code",
    [
        (SimpleUploadedFile("list.txt", b"code\nA"), "wrong_type"),
        (SimpleUploadedFile("list.csv", b"a" * (2 * 1024 * 1024 + 1)), "too_big"),
        (SimpleUploadedFile("list.csv", b"  \n "), "empty"),
        (SimpleUploadedFile("list.csv", b"PK\x03\x04 not text"), "not_csv"),
        (SimpleUploadedFile("list.csv", b"code\n\xff\xfe"), "not_utf8"),
        (SimpleUploadedFile("list.csv", b'code\n"' + b"a" * 200_000), "csv_unreadable"),
        (SimpleUploadedFile("list.xlsx", b"code\nA"), "not_xlsx"),
        (SimpleUploadedFile("list.xlsx", b"PK\x03\x04garbage"), "not_xlsx"),
        (csv_file([["name"], ["A"]]), "missing_columns"),
        (csv_file([["code"]] + [["A"]] * 4), "too_many_rows"),
        (csv_file([[""], [""]]), "no_rows"),
        (csv_file([["code"], [""]]), "header_only"),
        (xlsx_file([["name"], ["A"]]), "missing_columns"),
        (xlsx_file([["code"]] + [["A"]] * 4), "too_many_rows"),
    ],
)
def test_every_refusal_has_its_code(upload, code):
    assert code_of(upload) == code


def test_an_app_words_a_code_its_own_way():
    with pytest.raises(SpreadsheetError) as refused:
        read_table(csv_file([["code"]] + [["A"]] * 4), required=("code",), max_rows=3)
    assert (
        refused.value.message_for({"too_many_rows": "Only %(n)d questions."}) == "Only 3 questions."
    )
    assert refused.value.message_for({}) == "At most 3 rows per file."


def test_csv_and_xlsx_read_the_same_table_and_no_formula_is_computed():
    rows = [["Code", "Employee-Note"], ["", ""], ["=HYPERLINK(1)", " kept "], [1234, "x"]]
    # A CSV cell is text; a workbook formula is never computed (its stored value is read,
    # and a formula openpyxl wrote was never calculated, so there is none).
    for upload, formula in ((csv_file(rows), "=HYPERLINK(1)"), (xlsx_file(rows), "")):
        table = read_table(upload, required=("code",), max_rows=10)
        assert table.header == ["code", "employee_note"]
        assert table.rows == [(3, [formula, "kept"]), (4, ["1234", "x"])]
        assert table.value(["only one"], "employee_note") == ""


@settings(max_examples=50, deadline=None)
@given(
    cells=st.lists(
        st.lists(
            st.text(
                alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
            )
            .map(str.strip)
            .filter(bool),
            min_size=2,
            max_size=2,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_a_csv_reads_back_as_typed(cells):
    table = read_table(csv_file([["code", "note"], *cells]), required=("code",), max_rows=10)
    assert [texts for _number, texts in table.rows] == cells
