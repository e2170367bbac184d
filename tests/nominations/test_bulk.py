"""The bulk nomination file: parsing CSV and XLSX (content, header, limits, formulas) and
checking rows against the department, the programme and existing nominations."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.core import spreadsheets
from nominations import bulk
from nominations.enums import NominationState
from tests.factories import make_user
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_views import csv_upload, nominate, staff, xlsx_bytes, xlsx_upload

S = NominationState


def parse_csv(text, name="list.csv"):
    return bulk.parse(csv_upload(text, name))


def refused(upload) -> str:
    with pytest.raises(bulk.BulkFileError) as error:
        bulk.parse(upload)
    return str(error.value)


# ------------------------------------------------------------------ CSV
def test_csv_rows_with_numbers_codes_and_notes():
    rows = parse_csv("employee_code,note\nREV000,CM window desk\n\nREV001,\n")
    assert rows == [
        {"number": 2, "employee_code": "REV000", "note": "CM window desk"},
        {"number": 4, "employee_code": "REV001", "note": ""},
    ]


def test_csv_header_is_forgiving_about_case_spaces_bom_and_column_order():
    text = "\ufeffName , Note ,Employee Code\nA. Kumar,first,REV000\nB. Devi,,REV001\n"
    rows = bulk.parse(SimpleUploadedFile("list.csv", text.encode("utf-8")))
    assert [(r["employee_code"], r["note"]) for r in rows] == [("REV000", "first"), ("REV001", "")]


def test_csv_without_note_column_and_short_rows():
    rows = parse_csv("note,employee_code\nonly a note\n,REV002\n")
    assert [(r["employee_code"], r["note"]) for r in rows] == [("", "only a note"), ("REV002", "")]


def test_csv_with_semicolons_or_tabs_as_excel_saves_them():
    assert parse_csv("employee_code;note\nREV000;x\n")[0] == {
        "number": 2,
        "employee_code": "REV000",
        "note": "x",
    }
    assert parse_csv("employee_code\tnote\nREV001\ty\n")[0]["employee_code"] == "REV001"


def test_csv_formula_text_is_kept_as_typed_never_run():
    rows = parse_csv('employee_code,note\n=1+1,"=HYPERLINK(""http://x"",""y"")"\n')
    assert rows[0]["employee_code"] == "=1+1"
    assert rows[0]["note"] == '=HYPERLINK("http://x","y")'


def test_csv_long_values_are_cut_to_the_column_limits():
    rows = parse_csv("employee_code,note\n" + "C" * 300 + "," + "n" * 2000 + "\n")
    assert len(rows[0]["employee_code"]) == bulk.MAX_CODE
    assert len(rows[0]["note"]) == bulk.MAX_NOTE


def test_csv_exactly_500_rows_is_accepted_501_refused():
    assert len(parse_csv("employee_code\n" + "X\n" * 500)) == 500
    assert "At most 500 rows" in refused(csv_upload("employee_code\n" + "X\n" * 501))


def test_blank_lines_do_not_count_towards_the_row_limit():
    rows = parse_csv("employee_code\n" + "X\n\n" * 500)
    assert len(rows) == 500 and rows[-1]["number"] == 1000


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("list.txt", b"employee_code\nX\n"), "Upload a .csv or .xlsx file"),
        (SimpleUploadedFile("list.xls", b"employee_code\nX\n"), "Upload a .csv or .xlsx file"),
        (SimpleUploadedFile("list", b"employee_code\nX\n"), "Upload a .csv or .xlsx file"),
        (SimpleUploadedFile("list.csv", b""), "empty"),
        (SimpleUploadedFile("list.csv", b" \r\n\n"), "empty"),
        (SimpleUploadedFile("list.csv", b"\n,\n , \n"), "no rows"),
        (SimpleUploadedFile("list.csv", b"code,note\nX,\n"), "employee_code column"),
        (SimpleUploadedFile("list.csv", b"REV000\nREV001\n"), "employee_code column"),
        (SimpleUploadedFile("list.csv", b"employee_code,note\n"), "header but no rows"),
        (SimpleUploadedFile("list.csv", b"employee_code\n\xff\xfeX\n"), "not UTF-8"),
        (SimpleUploadedFile("list.csv", b"employee_code\nA\x00B\n"), "not a CSV text file"),
        (SimpleUploadedFile("list.csv", b"a" * (spreadsheets.MAX_BYTES + 1)), "larger than 2 MB"),
    ],
    ids=[
        "txt",
        "xls",
        "no-extension",
        "empty",
        "whitespace",
        "blank-rows",
        "no-code-column",
        "no-header",
        "header-only",
        "not-utf8",
        "binary",
        "too-large",
    ],
)
def test_bad_csv_files_are_refused(upload, message):
    assert message in refused(upload)


def test_a_workbook_renamed_csv_is_refused_by_content():
    data = xlsx_bytes([["employee_code"], ["REV000"]])
    assert "not a CSV text file" in refused(SimpleUploadedFile("list.csv", data))


def test_an_unreadable_csv_is_a_file_error_not_a_crash():
    oversized_field = '"' + "x" * 200_000 + '"'
    message = refused(csv_upload("employee_code,note\nREV000," + oversized_field + "\n"))
    assert "could not be read" in message


# ------------------------------------------------------------------ XLSX
def test_xlsx_rows_numbers_and_blank_rows():
    data = xlsx_bytes(
        [
            ["Employee code", "note", "name"],
            ["REV000", "first", "A"],
            [None, None, None],
            [1234, None, "numeric code"],
            [5678.0, "float code", None],
        ]
    )
    rows = bulk.parse(SimpleUploadedFile("LIST.XLSX", data))
    assert rows == [
        {"number": 2, "employee_code": "REV000", "note": "first"},
        {"number": 4, "employee_code": "1234", "note": ""},
        {"number": 5, "employee_code": "5678", "note": "float code"},
    ]


def test_xlsx_formulas_are_never_evaluated():
    data = xlsx_bytes(
        [
            ["employee_code", "note"],
            ["REV000", '=HYPERLINK("http://evil.example","click")'],  # a formula cell
            ['=CONCAT("REV","001")', "formula code"],
            ["REV002", "=SUM(1,2)"],  # typed as text ('=SUM...)
        ],
        as_text=("=SUM(1,2)",),
    )
    rows = bulk.parse(SimpleUploadedFile("list.xlsx", data))
    # data_only=True: a formula never calculated by a spreadsheet has no stored value, and
    # openpyxl does not compute it; a text cell beginning with "=" stays text.
    assert rows[0] == {"number": 2, "employee_code": "REV000", "note": ""}
    assert rows[1]["employee_code"] == ""
    assert rows[2] == {"number": 4, "employee_code": "REV002", "note": "=SUM(1,2)"}


def test_xlsx_row_limit_counts_data_rows_even_with_blank_rows_between():
    rows = [["employee_code"]] + [[None]] * 10 + [[f"X{i}"] for i in range(495)]
    assert len(bulk.parse(xlsx_upload(rows))) == 495
    # blank rows must not make rows beyond the limit disappear silently
    rows = [["employee_code"]] + [[None]] * 10 + [[f"X{i}"] for i in range(501)]
    assert "At most 500 rows" in refused(xlsx_upload(rows))


def test_xlsx_reading_stops_early_on_a_huge_sheet():
    rows = [["employee_code"]] + [[f"X{i}"] for i in range(3000)]
    assert "At most 500 rows" in refused(xlsx_upload(rows))


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"employee_code\nREV000\n", "not a valid Excel"),
        (b"PK\x03\x04 but not really a zip", "not a valid Excel"),
        (_zip({"word/document.xml": b"<w/>"}), "not a valid Excel"),
        (_zip({"xl/workbook.xml": b"<not a workbook", "[Content_Types].xml": b""}), "could not"),
    ],
    ids=["csv-renamed", "broken-zip", "docx-like-zip", "corrupt-workbook"],
)
def test_bad_xlsx_files_are_refused_by_content(data, message):
    assert message in refused(SimpleUploadedFile("list.xlsx", data))


def test_xlsx_that_inflates_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_UNZIPPED", 1000)
    data = xlsx_bytes([["employee_code"]] + [[f"X{i}"] for i in range(100)])
    assert "too large once unpacked" in refused(SimpleUploadedFile("list.xlsx", data))


def test_xlsx_header_checks():
    assert "employee_code column" in refused(xlsx_upload([["code"], ["X"]]))
    assert "header but no rows" in refused(xlsx_upload([["employee_code"], [None]]))
    assert "no rows" in refused(xlsx_upload([[None], [None]]))


# ------------------------------------------------------------------ checking rows
def _raw(*codes):
    return [
        {"number": n, "employee_code": code, "note": f"n{n}"} for n, code in enumerate(codes, 2)
    ]


def test_check_rows_says_what_is_wrong_with_each_row(
    department, other_department, hod, django_assert_num_queries
):
    programme = open_programme(levels=["cutting_edge"])
    good = staff(department, 3)
    nominate(programme, [good[2]], hod=hod)
    staff(department, 1, prefix="TOP", level="top")
    staff(department, 1, prefix="OFF", is_active=False)
    staff(other_department, 1, prefix="HLT")
    make_user(department=None, employee_code="NODEPT", level="cutting_edge")
    raw = _raw(
        "REV000", "", "NOPE", "HLT000", "TOP000", "OFF000", "REV002", "REV000", "NODEPT", "REV001"
    )
    with django_assert_num_queries(3):  # officers, live nominations, quota departments
        rows = bulk.check_rows(programme=programme, department_id=department.pk, rows=raw)
    assert [(row.employee_code, row.error) for row in rows] == [
        ("REV000", ""),
        ("", "No employee code."),
        ("NOPE", "No officer has this employee code."),
        ("HLT000", "The officer is not in your department."),
        ("TOP000", "The officer is not at a level this programme is for."),
        ("OFF000", "The officer's account is inactive."),
        ("REV002", "Already nominated to this programme."),
        ("REV000", "This employee code is already in the file."),
        ("NODEPT", "The officer is not in your department."),
        ("REV001", ""),
    ]
    assert rows[0].officer == good[0] and rows[0].note == "n2" and rows[0].ok
    assert rows[-1].officer == good[1]
    assert all(row.officer is None for row in rows if not row.ok)


def test_check_rows_takes_three_queries_for_many_rows(department, django_assert_num_queries):
    programme = open_programme()
    staff(department, 40)
    raw = _raw(*[f"REV{i:03d}" for i in range(40)], *[f"NONE{i}" for i in range(60)])
    with django_assert_num_queries(3):  # officers, live nominations, quota departments
        rows = bulk.check_rows(programme=programme, department_id=department.pk, rows=raw)
    assert sum(row.ok for row in rows) == 40


def test_a_withdrawn_nomination_does_not_block_a_new_one(department, hod):
    from nominations import services

    programme = open_programme()
    officer = staff(department, 1)[0]
    (item,) = nominate(programme, [officer], hod=hod)
    services.withdraw(nomination=item, actor=hod)
    (row,) = bulk.check_rows(programme=programme, department_id=department.pk, rows=_raw("REV000"))
    assert row.ok and row.officer == officer


def test_programme_without_target_levels_takes_every_level(department):
    programme = open_programme(levels=[])
    staff(department, 1, prefix="TOP", level="top")
    (row,) = bulk.check_rows(programme=programme, department_id=department.pk, rows=_raw("TOP000"))
    assert row.ok


def test_fingerprint_follows_the_importable_rows():
    a = bulk.Row(number=2, employee_code="A")
    b = bulk.Row(number=3, employee_code="B")
    bad = bulk.Row(number=4, employee_code="C", error="x")
    assert bulk.fingerprint([a, b, bad]) == bulk.fingerprint([a, b])
    assert bulk.fingerprint([a, b]) != bulk.fingerprint([a])
    b_bad = bulk.Row(number=3, employee_code="B", error="now nominated")
    assert bulk.fingerprint([a, b]) != bulk.fingerprint([a, b_bad])
