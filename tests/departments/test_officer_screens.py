"""The HOD's officer list and officer detail: department scope for every role."""

import pytest
from django.urls import reverse

from courses.services import enrol
from lms.core.roles import Role
from lms.departments.models import Department
from tests.factories import build_course, make_user

pytestmark = pytest.mark.django_db

OFFICERS = "/department/officers/"
EXPORT = "/department/officers/export.csv"


def detail_url(officer):
    return f"/department/officers/{officer.pk}/"


def listed(response):
    """The officers on the rendered page."""
    return {officer.pk for officer in response.context["page"].object_list}


def test_urls():
    assert reverse("department:officers") == OFFICERS
    assert reverse("department:officers_export") == EXPORT
    assert reverse("department:officer", args=[7]) == "/department/officers/7/"


# ------------------------------------------------------------------ who may open them
@pytest.mark.parametrize("fixture", ["trainee", "trainer", "course_director"])
@pytest.mark.parametrize("url", ["list", "export", "detail"])
def test_trainee_trainer_and_course_director_get_403(client, request, staff, fixture, url):
    client.force_login(request.getfixturevalue(fixture))
    target = {"list": OFFICERS, "export": EXPORT, "detail": detail_url(staff["ours"][0])}[url]
    assert client.get(target).status_code == 403


@pytest.mark.parametrize("url", ["list", "export", "detail"])
def test_anonymous_is_sent_to_sign_in(client, staff, url):
    target = {"list": OFFICERS, "export": EXPORT, "detail": detail_url(staff["ours"][0])}[url]
    response = client.get(target)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/department/officers/")


@pytest.mark.parametrize("url", ["list", "export", "detail"])
def test_hod_role_without_a_department_gets_403(client, staff, url):
    client.force_login(make_user(Role.HOD, department=None))
    target = {"list": OFFICERS, "export": EXPORT, "detail": detail_url(staff["ours"][0])}[url]
    assert client.get(target).status_code == 403


def test_a_trainer_who_is_also_an_hod_gets_their_department(client, department, staff):
    both = make_user(Role.HOD, Role.TRAINER, department=department)
    client.force_login(both)
    response = client.get(OFFICERS)
    assert response.status_code == 200
    assert {o.pk for o in staff["ours"]} <= listed(response)


# ------------------------------------------------------------------ HOD scope
def test_hod_lists_only_their_departments_active_officers(client, hod, staff):
    client.force_login(hod)
    response = client.get(OFFICERS)
    page = response.content.decode()
    assert response.status_code == 200
    assert listed(response) == {o.pk for o in staff["ours"]} | {hod.pk}
    assert "Officers of Revenue and Disaster Management" in page
    assert "Ours0" in page and "Theirs" not in page and "Retired" not in page
    assert "4 officers" in page
    assert '<select id="department"' not in page  # no department filter for an HOD


def test_hod_cannot_widen_scope_with_the_department_parameter(client, hod, staff, other_department):
    client.force_login(hod)
    response = client.get(OFFICERS, {"department": other_department.pk})
    assert listed(response) == {o.pk for o in staff["ours"]} | {hod.pk}


def test_hod_opens_their_own_officer(client, hod, staff):
    officer = staff["ours"][0]
    client.force_login(hod)
    response = client.get(detail_url(officer))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["officer"] == officer
    assert f"<h1>{officer.get_full_name()}</h1>" in page
    assert f"<dd>{officer.employee_code}</dd>" in page
    assert "Not enrolled in any online course." in page


def test_another_departments_officer_is_404_not_403(client, hod, staff):
    client.force_login(hod)
    other = client.get(detail_url(staff["theirs"][0]))
    missing = client.get("/department/officers/999999/")
    assert other.status_code == 404 and missing.status_code == 404
    assert "Theirs0" not in other.content.decode()  # nothing about the officer leaks


def test_retired_officer_detail_is_404(client, hod, staff):
    client.force_login(hod)
    assert client.get(detail_url(staff["retired"])).status_code == 404


def test_detail_shows_the_officers_online_learning(client, hod, staff):
    officer = staff["ours"][1]
    course = build_course(modules=1, lessons_per_module=2, title="Citizen's Charter")
    enrol(user=officer, course=course)
    client.force_login(hod)
    page = client.get(detail_url(officer)).content.decode()
    assert "Citizen&#x27;s Charter" in page and "0/2 (0%)" in page


# ------------------------------------------------------------------ search, filters, pages
def test_search_by_name_and_by_employee_code(client, hod, department, staff):
    kamla = make_user(
        Role.TRAINEE, department=department, first_name="Kamla", employee_code="REV-7781"
    )
    make_user(Role.TRAINEE, department=department, first_name="Kamlesh", employee_code="REV-9")
    client.force_login(hod)
    assert listed(client.get(OFFICERS, {"q": "kamla"})) == {kamla.pk}
    assert listed(client.get(OFFICERS, {"q": "REV-7781"})) == {kamla.pk}
    response = client.get(OFFICERS, {"q": "Theirs0"})  # out of scope even by name
    assert listed(response) == set() and "No officer matches." in response.content.decode()
    assert 'value="Theirs0"' in response.content.decode()  # the search box keeps the query


def test_level_filter(client, hod, department, staff):
    top = make_user(Role.TRAINEE, department=department, level="top")
    middle = make_user(Role.TRAINEE, department=department, level="middle")
    client.force_login(hod)
    response = client.get(OFFICERS, {"level": "top"})
    assert listed(response) == {top.pk, hod.pk}  # the HOD fixture is top level
    assert '<option value="top" selected>' in response.content.decode()
    assert listed(client.get(OFFICERS, {"level": "middle"})) == {middle.pk}


def test_unknown_level_and_department_values_are_ignored(client, cell_admin, staff):
    client.force_login(cell_admin)
    everyone = listed(client.get(OFFICERS))
    assert listed(client.get(OFFICERS, {"level": "galactic", "department": "x'; --"})) == everyone


def test_thirty_officers_paginate_at_25(client, hod, department):
    for n in range(30):
        make_user(Role.TRAINEE, department=department, first_name=f"Clerk{n:02d}")
    client.force_login(hod)

    first = client.get(OFFICERS)
    assert first.context["page"].paginator.count == 31  # 30 clerks and the HOD
    assert len(first.context["page"].object_list) == 25
    page = first.content.decode()
    assert "Page 1 of 2" in page and 'href="?page=2" rel="next"' in page

    second = client.get(OFFICERS, {"page": 2})
    assert len(second.context["page"].object_list) == 6
    assert not listed(first) & listed(second)
    assert "Page 2 of 2" in second.content.decode()

    # Out-of-range and junk page numbers fall back to a real page.
    assert client.get(OFFICERS, {"page": 99}).context["page"].number == 2
    assert client.get(OFFICERS, {"page": "abc"}).context["page"].number == 1


def test_pagination_links_keep_the_filters(client, hod, department):
    for n in range(30):
        make_user(Role.TRAINEE, department=department, first_name=f"Clerk{n:02d}", level="middle")
    client.force_login(hod)
    page = client.get(OFFICERS, {"q": "Clerk", "level": "middle"}).content.decode()
    assert 'href="?q=Clerk&amp;level=middle&amp;page=2"' in page


def test_few_officers_show_no_pagination(client, hod, staff):
    client.force_login(hod)
    assert 'class="pagination"' not in client.get(OFFICERS).content.decode()


# ------------------------------------------------------------------ cell administrators
def test_cell_admin_sees_every_department_and_can_filter(
    client, cell_admin, staff, other_department
):
    client.force_login(cell_admin)
    response = client.get(OFFICERS)
    page = response.content.decode()
    ours, theirs = {o.pk for o in staff["ours"]}, {o.pk for o in staff["theirs"]}
    assert ours | theirs <= listed(response)
    assert staff["retired"].pk not in listed(response)
    assert "Officers of all departments" in page and '<select id="department"' in page

    response = client.get(OFFICERS, {"department": other_department.pk})
    assert theirs <= listed(response) and not ours & listed(response)
    assert f'<option value="{other_department.pk}" selected>' in response.content.decode()


def test_cell_admin_opens_any_departments_officer(client, cell_admin, staff):
    client.force_login(cell_admin)
    assert client.get(detail_url(staff["theirs"][0])).status_code == 200


def test_superuser_is_treated_as_cell_admin(client, staff):
    client.force_login(make_user(is_superuser=True, department=None))
    assert {o.pk for o in staff["theirs"]} <= listed(client.get(OFFICERS))


def test_inactive_departments_are_not_offered_as_filters(client, cell_admin, other_department):
    other_department.is_active = False
    other_department.save()
    client.force_login(cell_admin)
    page = client.get(OFFICERS).content.decode()
    assert f'<option value="{other_department.pk}"' not in page


def test_cell_admin_view_does_not_depend_on_active_departments(client, cell_admin, staff):
    """With every department deactivated the cell's list read "Officers of " (no name) and
    lost its department column, because the template tested the queryset's truthiness."""
    Department.objects.update(is_active=False)
    client.force_login(cell_admin)
    response = client.get(OFFICERS)
    page = response.content.decode()
    assert "Officers of all departments" in page
    assert '<th scope="col">Department</th>' in page
    assert {o.pk for o in staff["theirs"]} <= listed(response)


def test_officers_menu_link_only_for_hod_and_cell_admin(client, trainee, hod, cell_admin):
    link = f'href="{OFFICERS}"'
    for user, shown in ((trainee, False), (hod, True), (cell_admin, True)):
        client.force_login(user)
        assert (link in client.get("/accounts/profile/").content.decode()) is shown, user
