"""has_role / is_cell_admin / is_hod / is_staff_author for every kind of user."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import RequestFactory

from lms.core.context_processors import roles as roles_context
from lms.core.roles import Role, has_role, is_cell_admin, is_hod, is_staff_author, role_names
from tests.factories import make_user

pytestmark = pytest.mark.django_db

T, F = True, False


@pytest.fixture
def people(department):
    return {
        "anonymous": AnonymousUser(),
        "no role": make_user(department=department),
        "trainee": make_user(Role.TRAINEE, department=department),
        "hod": make_user(Role.HOD, department=department),
        "hod without department": make_user(Role.HOD, department=None),
        "trainer": make_user(Role.TRAINER, department=None),
        "course director": make_user(Role.COURSE_DIRECTOR, department=None),
        "cell admin": make_user(Role.CELL_ADMIN, department=None),
        "superuser": make_user(is_superuser=True, department=None),
        "trainer and trainee": make_user(Role.TRAINER, Role.TRAINEE, department=department),
    }


# has_role for CELL_ADMIN, TRAINER, COURSE_DIRECTOR, HOD, TRAINEE; is_cell_admin; is_hod;
# is_staff_author
TRUTH = {
    "anonymous": ((F, F, F, F, F), F, F, F),
    "no role": ((F, F, F, F, F), F, F, F),
    "trainee": ((F, F, F, F, T), F, F, F),
    "hod": ((F, F, F, T, F), F, T, F),
    "hod without department": ((F, F, F, T, F), F, F, F),
    "trainer": ((F, T, F, F, F), F, F, T),
    "course director": ((F, F, T, F, F), F, F, T),
    "cell admin": ((T, F, F, F, F), T, F, T),
    "superuser": ((T, F, F, F, F), T, F, T),
    "trainer and trainee": ((F, T, F, F, T), F, F, T),
}
ROLES = (Role.CELL_ADMIN, Role.TRAINER, Role.COURSE_DIRECTOR, Role.HOD, Role.TRAINEE)


@pytest.mark.parametrize("who", list(TRUTH))
def test_truth_table(people, who):
    user = people[who]
    expected_roles, cell, hod, author = TRUTH[who]
    assert tuple(has_role(user, role) for role in ROLES) == expected_roles
    assert (is_cell_admin(user), is_hod(user), is_staff_author(user)) == (cell, hod, author)


def test_anonymous_has_no_role_names():
    assert not has_role(AnonymousUser(), Role.CELL_ADMIN)
    assert role_names(AnonymousUser()) == frozenset()


def test_role_names_are_the_group_names():
    assert [role.value for role in Role] == [
        "Cell administrators",
        "Trainers",
        "Course directors",
        "HODs and nodal officers",
        "Trainees",
    ]


def test_a_group_outside_the_five_roles_grants_nothing(department):
    user = make_user(department=department)
    user.groups.add(Group.objects.create(name="Library readers"))
    assert not any(has_role(user, role) for role in Role)
    assert role_names(user) == frozenset({"Library readers"})


def test_roles_are_read_once_per_user_instance(trainee, django_assert_num_queries):
    with django_assert_num_queries(1):
        for role in Role:
            has_role(trainee, role)
        is_staff_author(trainee)
        is_hod(trainee)


def test_context_processor_matches_the_helpers(people):
    factory = RequestFactory()
    for who, (expected_roles, _cell, hod, _author) in TRUTH.items():
        request = factory.get("/")
        request.user = people[who]
        flags = roles_context(request)["user_roles"]
        assert (
            flags["cell_admin"],
            flags["trainer"],
            flags["course_director"],
            flags["hod"],
            flags["trainee"],
        ) == (expected_roles[0], expected_roles[1], expected_roles[2], hod, expected_roles[4]), who
