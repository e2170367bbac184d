"""officers_visible_to and search_officers: the scope every department screen relies on."""

import pytest
from django.contrib.auth.models import AnonymousUser

from lms.accounts import selectors
from lms.core.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(department, other_department, hod, other_hod):
    return {
        "ours": make_user(Role.TRAINEE, department=department, first_name="Asha"),
        "theirs": make_user(Role.TRAINEE, department=other_department, first_name="Bimla"),
        "retired": make_user(Role.TRAINEE, department=department, is_active=False),
        "nowhere": make_user(Role.TRAINEE, department=None, first_name="Chandra"),
    }


def pks(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_hod_sees_only_active_officers_of_their_department(officers, hod):
    assert pks(selectors.officers_visible_to(user=hod)) == {officers["ours"].pk, hod.pk}


def test_cell_admin_and_superuser_see_every_active_officer(officers, cell_admin, hod, other_hod):
    superuser = make_user(is_superuser=True, department=None)
    everyone = {
        officers["ours"].pk,
        officers["theirs"].pk,
        officers["nowhere"].pk,
        hod.pk,
        other_hod.pk,
        cell_admin.pk,
        superuser.pk,
    }
    assert pks(selectors.officers_visible_to(user=cell_admin)) == everyone
    assert pks(selectors.officers_visible_to(user=superuser)) == everyone


@pytest.mark.parametrize("fixture", ["trainee", "trainer", "course_director"])
def test_other_roles_see_nobody(request, officers, fixture):
    assert not selectors.officers_visible_to(user=request.getfixturevalue(fixture)).exists()


def test_anonymous_and_departmentless_hod_see_nobody(officers):
    assert not selectors.officers_visible_to(user=AnonymousUser()).exists()
    lone_hod = make_user(Role.HOD, department=None)
    assert not selectors.officers_visible_to(user=lone_hod).exists()


def test_a_cell_admin_who_is_also_an_hod_sees_everyone(officers, department):
    both = make_user(Role.HOD, Role.CELL_ADMIN, department=department)
    assert officers["theirs"].pk in pks(selectors.officers_visible_to(user=both))


def test_search_cannot_widen_an_hods_scope(officers, hod, other_department):
    found = selectors.search_officers(user=hod, department_id=other_department.pk)
    assert not found.exists()
    assert not selectors.search_officers(user=hod, query="Bimla").exists()


def test_search_matches_name_code_designation_and_email(officers, department):
    target = make_user(
        Role.TRAINEE,
        department=department,
        first_name="Kamla",
        last_name="Rani",
        employee_code="REV-7781",
        designation="Patwari",
        email="kamla.rani@example.gov.in",
    )
    admin = make_user(Role.CELL_ADMIN, department=None)
    for query in ("kamla", "RANI", "rev-7781", "patwari", "kamla.rani@"):
        assert pks(selectors.search_officers(user=admin, query=query)) == {target.pk}, query


def test_search_orders_by_name(department, cell_admin):
    for name in ("Zoya", "Anil", "Mohan"):
        make_user(Role.TRAINEE, department=department, first_name=name, last_name="X")
    names = list(
        selectors.search_officers(user=cell_admin, department_id=department.pk).values_list(
            "first_name", flat=True
        )
    )
    assert names == sorted(names) and names[0] == "Anil"


def test_profile_for_loads_the_particulars_in_one_query(trainee, django_assert_num_queries):
    with django_assert_num_queries(1):
        profile = selectors.profile_for(user=trainee)
        assert profile.department.name and profile.office is None and profile.district is None
