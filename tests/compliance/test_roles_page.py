"""The HOD (their department's officers) and the cell record the statutory roles an
officer holds, with history; every change is audited."""

import datetime

import pytest

from compliance.models import RoleHeld
from lms.core.models import AuditEntry
from tests.factories.compliance import hold_role

pytestmark = pytest.mark.django_db


def test_the_hod_records_and_ends_a_role(client, hod, trainee):
    client.force_login(hod)
    url = f"/compliance/officers/{trainee.pk}/roles/"
    response = client.post(
        url,
        {"kind": "gro", "scope": "Tehsil office, Sohna", "from_date": "2024-04-01", "to_date": ""},
    )
    assert response.status_code == 302
    role = RoleHeld.objects.get(officer=trainee)
    assert (role.kind, role.scope, role.set_by) == ("gro", "Tehsil office, Sohna", hod)
    response = client.post(f"{url}{role.pk}/end/", {"to_date": "2025-03-31"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.to_date == datetime.date(2025, 3, 31)
    assert list(
        AuditEntry.objects.filter(object_id=str(role.pk)).order_by("pk").values_list("action")
    ) == [("compliance.role_set",), ("compliance.role_changed",)]
    page = client.get(url).content.decode()
    assert "Tehsil office, Sohna" in page and "31/03/2025" in page


def test_a_role_cannot_end_before_it_starts(client, hod, trainee):
    client.force_login(hod)
    response = client.post(
        f"/compliance/officers/{trainee.pk}/roles/",
        {"kind": "gro", "from_date": "2024-04-01", "to_date": "2024-03-01"},
    )
    assert response.status_code == 200
    assert "A role cannot end before it starts." in response.content.decode()
    assert not RoleHeld.objects.exists()


def test_another_departments_hod_gets_not_found(client, other_hod, trainee):
    role = hold_role(trainee, since=datetime.date(2024, 1, 1))
    client.force_login(other_hod)
    url = f"/compliance/officers/{trainee.pk}/roles/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "gro", "from_date": "2024-04-01"}).status_code == 404
    assert client.post(f"{url}{role.pk}/end/", {"to_date": "2024-06-01"}).status_code == 404
    role.refresh_from_db()
    assert role.to_date is None


def test_the_cell_records_roles_in_any_department(client, cell_admin, trainee):
    client.force_login(cell_admin)
    client.post(
        f"/compliance/officers/{trainee.pk}/roles/",
        {"kind": "rts_designated_officer", "from_date": "2024-04-01"},
    )
    assert RoleHeld.objects.get().set_by == cell_admin
