"""After signing in, each role lands on its desk: the cell on its programmes desk, an HOD
on their department's training page, everyone else on My learning. An explicit (safe)
``?next=`` always wins."""

import pytest
from django.urls import reverse

from lms.core.roles import Role
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CELL_DESK = "/cell/programmes/"
DEPARTMENT = "/reports/department/"
MY_LEARNING = "/learning/"


def sign_in(client, username, **extra):
    return client.post(LOGIN, {"username": username, "password": PASSWORD, **extra})


def test_the_desks_are_where_the_site_links_them():
    assert reverse("cell:programmes") == CELL_DESK
    assert reverse("reports:department") == DEPARTMENT


@pytest.mark.parametrize(
    ("user_fixture", "landing"),
    [("cell_admin", CELL_DESK), ("hod", DEPARTMENT), ("trainee", MY_LEARNING)],
)
def test_each_role_lands_on_its_desk(client, request, user_fixture, landing):
    user = request.getfixturevalue(user_fixture)
    response = sign_in(client, user.username)
    assert response.status_code == 302 and response["Location"] == landing
    assert client.get(landing).status_code == 200


def test_an_hod_without_a_department_lands_on_my_learning(client):
    make_user(Role.HOD, department=None, username="hod-nowhere")
    assert sign_in(client, "hod-nowhere")["Location"] == MY_LEARNING


def test_the_cell_wins_over_other_roles(client, department):
    make_user(Role.HOD, Role.CELL_ADMIN, Role.TRAINEE, department=department, username="both")
    assert sign_in(client, "both")["Location"] == CELL_DESK


def test_an_explicit_next_wins_and_an_unsafe_one_is_ignored(client, hod):
    assert sign_in(client, "hod", next="/certificates/")["Location"] == "/certificates/"
    client.logout()
    response = sign_in(client, "hod", next="https://evil.example.com/steal")
    assert response["Location"] == DEPARTMENT


def test_a_signed_in_hod_opening_the_sign_in_page_goes_to_the_department(client, hod):
    client.force_login(hod)
    assert client.get(LOGIN)["Location"] == DEPARTMENT


def test_the_two_factor_step_without_next_also_leads_to_the_desk(client, cell_admin):
    client.force_login(cell_admin)  # no device: nothing to verify, straight on
    response = client.get(reverse("accounts:two_factor_verify"))
    assert response.status_code == 302 and response["Location"] == CELL_DESK
