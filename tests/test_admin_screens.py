"""The cell's Wagtail admin screens: who may open them, and that search and export work."""

import pytest
from django.urls import reverse

from lms.core.services import record_audit
from tests.factories import OfficeFactory, build_course

SCREENS = [
    "departments:index",
    "offices:index",
    "districts:index",
    "officers:index",
    "topics:index",
    "enrolments:index",
    "audit-log:index",
]


@pytest.fixture
def data(department, trainee, cell_admin):
    OfficeFactory(department=department, name="Tehsil office")
    build_course(modules=1, lessons_per_module=1)
    record_audit(actor=cell_admin, action="test.action", obj=trainee, note="=cmd")


@pytest.mark.django_db
@pytest.mark.parametrize("name", SCREENS)
def test_cell_admin_opens_searches_and_exports_every_screen(client, cell_admin, data, name):
    client.force_login(cell_admin)
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Tehsil"}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["departments:index", "officers:index", "audit-log:index"])
@pytest.mark.parametrize("role_fixture", ["trainer", "course_director"])
def test_authors_cannot_open_the_cells_screens(client, request, data, name, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(reverse(name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["trainee", "hod"])
def test_hods_and_trainees_have_no_admin(client, request, data, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(reverse("officers:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_officer_search_finds_by_employee_code(client, cell_admin, trainee, data):
    client.force_login(cell_admin)
    response = client.get(reverse("officers:index"), {"q": trainee.employee_code})
    assert trainee.get_full_name() in response.content.decode()


@pytest.mark.django_db
def test_audit_log_is_read_only_for_the_cell(client, cell_admin, data):
    client.force_login(cell_admin)
    assert client.get(reverse("audit-log:add")).status_code in (302, 403)
