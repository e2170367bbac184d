"""Roles held uploaded as a CSV or XLSX list: every row checked, nothing recorded while
any row is wrong, an HOD's list limited to their department; each role audited."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from compliance.models import RoleHeld
from lms.core.models import AuditEntry
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("roles.csv", text.encode(), content_type="text/csv")


def test_the_hod_uploads_roles_for_their_officers(client, hod, trainee):
    client.force_login(hod)
    text = (
        "employee_code,role,scope,from_date,to_date\n"
        f"{trainee.employee_code},gro,Tehsil office,01/04/2024,\n"
        f"{trainee.employee_code},RTS designated officer,Domicile,2023-01-01,2024-03-31\n"
    )
    response = client.post("/compliance/roles/upload/", {"file": csv_file(text)})
    assert response.status_code == 302
    assert list(
        RoleHeld.objects.order_by("from_date").values_list("kind", "from_date", "to_date")
    ) == [
        ("rts_designated_officer", datetime.date(2023, 1, 1), datetime.date(2024, 3, 31)),
        ("gro", datetime.date(2024, 4, 1), None),
    ]
    assert AuditEntry.objects.filter(action="compliance.role_set").count() == 2
    again = client.post("/compliance/roles/upload/", {"file": csv_file(text)})
    assert again.status_code == 302
    assert RoleHeld.objects.count() == 2  # matched by role and start date


def test_one_wrong_row_records_nothing(client, hod, trainee, other_department):
    stranger = make_user(department=other_department, employee_code="HLT-1")
    client.force_login(hod)
    text = (
        "employee_code,role,from_date,to_date\n"
        f"{trainee.employee_code},gro,2024-04-01,\n"
        f"{stranger.employee_code},gro,2024-04-01,\n"
        f"{trainee.employee_code},minister,2024-04-01,\n"
        f"{trainee.employee_code},pg_nodal,2024-04-31,\n"
        f"{trainee.employee_code},pg_nodal,2024-04-01,2024-01-01\n"
    )
    response = client.post("/compliance/roles/upload/", {"file": csv_file(text)})
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.ok for row in rows] == [True, False, False, False, False]
    assert rows[1].errors == ["No officer of your department has this employee code."]
    assert rows[2].errors == ["Unknown role."]
    assert rows[3].errors == ["Give the start date as YYYY-MM-DD or DD/MM/YYYY."]
    assert rows[4].errors == ["A role cannot end before it starts."]
    assert not RoleHeld.objects.exists()


def test_an_xlsx_list_with_date_cells_and_a_formula(client, cell_admin, trainee):
    book = Workbook()
    sheet = book.active
    sheet.append(["employee_code", "role", "scope", "from_date"])
    sheet.append([trainee.employee_code, "cmw_nodal", "=HYPERLINK(1)", datetime.date(2024, 2, 29)])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("roles.xlsx", buffer.getvalue())
    client.force_login(cell_admin)
    assert client.post("/compliance/roles/upload/", {"file": upload}).status_code == 302
    role = RoleHeld.objects.get()
    assert (role.kind, role.from_date, role.scope) == (
        "cmw_nodal",
        datetime.date(2024, 2, 29),
        "",  # a formula is never evaluated: a workbook never calculated holds no value
    )


def test_a_file_without_the_columns_is_refused(client, hod):
    client.force_login(hod)
    response = client.post("/compliance/roles/upload/", {"file": csv_file("code,kind\n1,gro\n")})
    assert response.status_code == 200
    assert "from_date" in response.content.decode()
