"""The HRMS officer push: create or update by employee code, idempotent, audited on change
only, validated row by row, and scoped to the pushing account's department."""

import io

import pytest
from django.core.management import CommandError, call_command

from lms.accounts.models import User
from lms.core.models import AuditEntry
from lms.core.roles import Role, role_names
from lms.departments.models import Office
from tests.api.conftest import client_for
from tests.factories import DistrictFactory, make_user

pytestmark = pytest.mark.django_db

ROW = {
    "employee_code": "REV900",
    "department": "REV",
    "first_name": "Asha",
    "last_name": "Verma",
    "email": "asha.verma@example.gov.in",
    "designation": "Tehsildar",
    "level": "middle",
    "gender": "female",
    "mobile": "9876543210",
}


def audits(code="REV900"):
    officer = User.objects.filter(employee_code=code).first()
    if officer is None:
        return 0
    return AuditEntry.objects.filter(
        action__startswith="officer.", object_id=str(officer.pk)
    ).count()


@pytest.fixture
def office(department):
    return Office.objects.create(department=department, name="Tehsil Sohna")


def test_push_is_idempotent_and_audited_on_change_only(hrms_account, department, office):
    client = client_for(hrms_account)
    row = {**ROW, "office": "tehsil sohna"}
    first = client.put("/api/officers/", row)
    assert first.status_code == 201, first.json()
    body = first.json()
    assert body["outcome"] == "created"
    assert body["officer"]["department"]["code"] == "REV"
    assert body["officer"]["office"]["name"] == "Tehsil Sohna"
    officer = User.objects.get(employee_code="REV900")
    assert officer.username == "REV900"
    assert not officer.has_usable_password()
    assert role_names(officer) == {Role.TRAINEE.value}
    assert audits() == 1

    second = client.put("/api/officers/", row)
    assert second.status_code == 200
    assert second.json()["outcome"] == "unchanged"
    assert second.json()["officer"]["id"] == officer.pk
    assert User.objects.filter(employee_code="REV900").count() == 1
    assert audits() == 1

    third = client.post("/api/officers/", {**row, "designation": "Naib Tehsildar"})
    assert third.status_code == 200
    assert third.json()["outcome"] == "updated"
    assert audits() == 2
    entry = AuditEntry.objects.filter(action="officer.updated").get()
    assert entry.data == {"fields": ["designation"], "source": "hrms"}
    assert entry.actor == hrms_account


def test_left_out_fields_are_kept_and_email_case_does_not_count_as_a_change(hrms_account):
    client = client_for(hrms_account)
    client.put("/api/officers/", {**ROW, "email": "Asha.Verma@EXAMPLE.GOV.IN"})
    response = client.put(
        "/api/officers/",
        {"employee_code": "REV900", "department": "REV", "email": "Asha.Verma@EXAMPLE.GOV.IN"},
    )
    assert response.json()["outcome"] == "unchanged"
    officer = User.objects.get(employee_code="REV900")
    assert officer.designation == "Tehsildar"
    assert officer.email == "Asha.Verma@example.gov.in"


def test_bulk_push_reports_every_row(hrms_account, office):
    DistrictFactory(name="Gurugram")
    rows = [
        {**ROW, "district": "Gurugram"},  # created
        {**ROW, "employee_code": "REV901", "department": "XXX"},  # unknown department
        {**ROW, "employee_code": "REV902", "office": "Nowhere"},  # no such office
        {**ROW, "employee_code": "REV903", "level": "senior"},  # bad level
        {**ROW, "employee_code": "REV904", "email": "not-an-email"},  # bad email
        {**ROW, "employee_code": "REV905", "mobile": "12345"},  # bad mobile (model rule)
        {"department": "REV", "first_name": "No code"},  # no employee code
        "not an object",
        {**ROW, "employee_code": "REV906", "first_name": ""},  # a new officer needs a name
        {**ROW, "employee_code": "REV907", "district": "Atlantis"},  # no such district
        {**ROW, "district": "Gurugram"},  # the first row again: unchanged
    ]
    response = client_for(hrms_account).post("/api/officers/", rows)
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"], body["failed"]) == (1, 0, 1, 9)
    results = body["results"]
    assert [r["outcome"] for r in results] == [
        "created",
        *["error"] * 9,
        "unchanged",
    ]
    assert [r["index"] for r in results] == list(range(len(rows)))
    assert "department" in results[1]["errors"]
    assert "office" in results[2]["errors"]
    assert "level" in results[3]["errors"]
    assert "email" in results[4]["errors"]
    assert "mobile" in results[5]["errors"]
    assert "employee_code" in results[6]["errors"]
    assert results[7]["detail"] == "Each row must be an object."
    assert "first_name" in results[8]["errors"]
    assert "district" in results[9]["errors"]
    assert results[0]["status"] == 201 and results[10]["status"] == 200
    assert set(
        User.objects.filter(employee_code__startswith="REV9").values_list(
            "employee_code", flat=True
        )
    ) == {"REV900"}
    assert User.objects.get(employee_code="REV900").district.name == "Gurugram"


def test_scoped_account_cannot_push_another_department(hrms_account, other_department):
    client = client_for(hrms_account)
    response = client.put("/api/officers/", {**ROW, "department": "HLT"})
    assert response.status_code == 403
    assert "department" in response.json()["errors"]
    # Nor move an officer of another department by their code.
    make_user(Role.TRAINEE, department=other_department, employee_code="HLT001")
    response = client.put("/api/officers/", {**ROW, "employee_code": "HLT001"})
    assert response.status_code == 403
    bulk = client.post("/api/officers/", [{**ROW, "department": "HLT"}, ROW]).json()
    assert [r["status"] for r in bulk["results"]] == [403, 201]
    assert not User.objects.filter(employee_code="REV900", department=other_department).exists()


def test_cell_pushes_any_department_and_moves_an_officer(cell_admin, department, office):
    client = client_for(cell_admin)
    assert client.put("/api/officers/", {**ROW, "office": "Tehsil Sohna"}).status_code == 201
    response = client.put("/api/officers/", {**ROW, "department": "HLT"})
    assert response.status_code == 400  # HLT does not exist yet in this test
    from tests.factories import DepartmentFactory

    DepartmentFactory(code="HLT", name="Health")
    response = client.put("/api/officers/", {**ROW, "department": "HLT"})
    assert response.status_code == 200
    officer = User.objects.get(employee_code="REV900")
    assert officer.department.code == "HLT"
    assert officer.office is None  # the old office belonged to the old department
    move = AuditEntry.objects.get(action="particulars.changed", object_id=str(officer.pk))
    assert move.actor_id == cell_admin.pk and move.note == "transfer"
    assert set(move.data["changes"]) == {"department", "office"}
    response = client.put("/api/officers/", {**ROW, "department": "HLT", "cadre": "HCS"})
    assert response.json()["officer"]["cadre"] == "HCS"
    officer.refresh_from_db()
    assert officer.cadre == "HCS"


def test_accounts_with_other_roles_are_left_to_the_cell(cell_admin, hod):
    response = client_for(cell_admin).put(
        "/api/officers/",
        {"employee_code": hod.employee_code, "department": "REV", "email": "evil@example.com"},
    )
    assert response.status_code == 400
    assert "Managed by the cell" in response.json()["errors"]["employee_code"]
    hod.refresh_from_db()
    assert hod.email != "evil@example.com"


def test_a_taken_user_name_is_refused(cell_admin, department):
    make_user(Role.TRAINEE, department=department, username="REV900", employee_code="OTHER1")
    response = client_for(cell_admin).put("/api/officers/", ROW)
    assert response.status_code == 400
    assert "employee_code" in response.json()["errors"]


def test_too_many_rows_are_refused(cell_admin):
    response = client_for(cell_admin).post("/api/officers/", [ROW] * 501)
    assert response.status_code == 400


def test_input_types_are_checked(cell_admin):
    client = client_for(cell_admin)
    assert (
        client.put("/api/officers/", {"employee_code": "REV 900", "department": "REV"}).status_code
        == 400
    )
    assert client.put("/api/officers/", {"employee_code": "REV900"}).status_code == 400
    assert client.put("/api/officers/", "text", format="json").status_code == 400


def test_listing_officers_is_scoped(clients, hrms_account, world):
    hod_a = {r["id"] for r in clients["hod_a"].get("/api/officers/").json()["results"]}
    assert world.officer_a.pk in hod_a and world.officer_b.pk not in hod_a
    hrms = {r["id"] for r in client_for(hrms_account).get("/api/officers/").json()["results"]}
    assert world.officer_a.pk in hrms and world.officer_b.pk not in hrms
    everyone = clients["cell"].get("/api/officers/", {"department": "HLT"}).json()["results"]
    assert world.officer_b.pk in {r["id"] for r in everyone}
    # A filter cannot widen an HOD's scope.
    assert clients["hod_a"].get("/api/officers/", {"department": "HLT"}).json()["count"] == 0
    found = clients["cell"].get("/api/officers/", {"q": world.officer_b.employee_code}).json()
    assert [r["id"] for r in found["results"]] == [world.officer_b.pk]


# ---------------------------------------------------------------- issuing tokens
def _run(*args) -> str:
    out = io.StringIO()
    call_command("issue_api_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_issue_api_token_command(cell_admin, department):
    key = _run("celladmin")
    assert key == _run("celladmin")  # the same token until rotated
    rotated = _run("celladmin", "--rotate")
    assert rotated != key
    assert (
        client_for(None).get("/api/reports/yearly/", HTTP_AUTHORIZATION=f"Token {key}").status_code
        == 401
    )
    with pytest.raises(CommandError):
        _run("nobody")
    with pytest.raises(CommandError):
        _run("celladmin", "--department", "REV")  # only when creating


def test_create_hrms_service_account_and_push(department, other_department):
    key = _run("hrms.rev", "--create", "--hrms", "--department", "REV")
    account = User.objects.get(username="hrms.rev")
    assert account.department == department
    assert not account.has_usable_password()
    client = client_for(None)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.put("/api/officers/", ROW).status_code == 201
    assert client.put("/api/officers/", {**ROW, "department": "HLT"}).status_code == 403
    assert client.get("/api/reports/yearly/").status_code == 403


def test_push_sets_the_name_and_designation_in_hindi(hrms_account, department):
    """For the Hindi text of certificates; only Devanagari is taken."""
    client = client_for(hrms_account)
    row = {**ROW, "name_hi": "आशा वर्मा", "designation_hi": "तहसीलदार"}
    response = client.put("/api/officers/", row)
    assert response.status_code == 201, response.json()
    assert response.json()["officer"]["name_hi"] == "आशा वर्मा"
    assert response.json()["officer"]["designation_hi"] == "तहसीलदार"
    assert client.put("/api/officers/", row).json()["outcome"] == "unchanged"
    changed = client.put("/api/officers/", {**row, "designation_hi": "उप मंडल अधिकारी"})
    assert changed.json()["outcome"] == "updated"
    officer = User.objects.get(employee_code="REV900")
    assert (officer.name_hi, officer.designation_hi) == ("आशा वर्मा", "उप मंडल अधिकारी")
    # Left out: left as it is.
    assert client.put("/api/officers/", ROW).json()["outcome"] == "unchanged"

    refused = client.put("/api/officers/", {**ROW, "name_hi": "Asha Verma"})
    assert refused.status_code == 400 and "name_hi" in refused.json()["errors"]
    bulk = client.post(
        "/api/officers/", [{**ROW, "designation_hi": "Tehsildar"}, {**ROW, "name_hi": ""}]
    ).json()
    assert "designation_hi" in bulk["results"][0]["errors"]
    assert bulk["results"][1]["outcome"] == "updated"
    officer.refresh_from_db()
    assert (officer.name_hi, officer.designation_hi) == ("", "उप मंडल अधिकारी")
