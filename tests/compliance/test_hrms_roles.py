"""Roles held pushed by an HRMS with the officer: added, updated by role and start date,
audited; an account without the roles permission, or of another department, is refused."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from compliance.models import RoleHeld
from lms.accounts.models import User
from lms.core.models import AuditEntry
from tests.api.conftest import client_for

pytestmark = pytest.mark.django_db
ROW = {
    "employee_code": "REV901",
    "department": "REV",
    "first_name": "Asha",
    "last_name": "Verma",
    "designation": "Tehsildar",
    "level": "middle",
}


def account(department, *codenames):
    user = User.objects.create(username="hrms.rev", department=department)
    for app_label, codename in (("api", "push_officers"), *codenames):
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def test_the_hrms_pushes_roles_with_the_officer(department):
    client = client_for(account(department, ("compliance", "change_roleheld")))
    role = {"kind": "rts_designated_officer", "scope": "Domicile", "from_date": "2024-04-01"}
    response = client.put("/api/officers/", {**ROW, "roles": [role]}, format="json")
    assert response.status_code == 201, response.json()
    officer = User.objects.get(employee_code="REV901")
    held = RoleHeld.objects.get(officer=officer)
    assert (held.kind, held.scope, held.from_date, held.to_date) == (
        "rts_designated_officer",
        "Domicile",
        datetime.date(2024, 4, 1),
        None,
    )
    again = client.put("/api/officers/", {**ROW, "roles": [role]}, format="json")
    assert again.json()["outcome"] == "unchanged"
    ended = {**role, "to_date": "2025-03-31"}
    gro = {"kind": "gro", "from_date": "2025-04-01"}
    third = client.put("/api/officers/", {**ROW, "roles": [ended, gro]}, format="json")
    assert third.json()["outcome"] == "updated"
    assert list(
        RoleHeld.objects.filter(officer=officer)
        .order_by("from_date")
        .values_list("kind", "to_date")
    ) == [("rts_designated_officer", datetime.date(2025, 3, 31)), ("gro", None)]
    assert AuditEntry.objects.filter(action__startswith="compliance.role").count() == 3


def test_roles_need_the_roles_permission(department):
    client = client_for(account(department))
    role = {"kind": "gro", "from_date": "2024-04-01"}
    response = client.put("/api/officers/", {**ROW, "roles": [role]}, format="json")
    assert response.status_code == 403
    assert "roles" in response.json()["errors"]
    assert not User.objects.filter(employee_code="REV901").exists()  # all or nothing


def test_pushed_roles_are_checked(department):
    client = client_for(account(department, ("compliance", "change_roleheld")))
    bad = {"kind": "gro", "from_date": "2024-04-01", "to_date": "2024-01-01"}
    response = client.put("/api/officers/", {**ROW, "roles": [bad]}, format="json")
    assert response.status_code == 400
    response = client.put(
        "/api/officers/",
        {**ROW, "roles": [{"kind": "minister", "from_date": "2024-04-01"}]},
        format="json",
    )
    assert response.status_code == 400
