"""Sign-in throttling (django-axes): five wrong passwords for one user name from one
address lock that pair for the cool-off; other users and other addresses are not locked;
a correct sign-in resets the count; the cell unlocks in the Wagtail admin."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from lms.core.roles import Role
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
LIMIT = settings.AXES_FAILURE_LIMIT


def sign_in(client, username, password=PASSWORD, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, ip="10.1.1.1"):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", ip=ip)
        assert response.status_code in (200, 429)
    return response


def test_the_limit_is_five_and_the_wait_fifteen_minutes():
    assert LIMIT == 5
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_wrong_passwords_below_the_limit_show_the_form_again(client, trainee):
    response = fail(client, "trainee", LIMIT - 1)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert sign_in(client, "trainee").status_code == 302  # still allowed


def test_the_limit_locks_even_the_right_password(client, trainee):
    response = fail(client, "trainee", LIMIT)
    assert response.status_code == 429
    page = sign_in(client, "trainee")
    assert page.status_code == 429
    text = page.content.decode()
    assert "Try again in 15 minutes" in text and SESSION_KEY not in client.session
    assert "reset your password" in text


def test_the_lock_is_for_the_user_and_address_pair(client, trainee):
    make_user(Role.TRAINEE, username="colleague")
    fail(client, "trainee", LIMIT)
    assert sign_in(client, "colleague").status_code == 302  # same office address
    client.logout()
    assert sign_in(client, "trainee", ip="10.9.9.9").status_code == 302  # another address


def test_a_forged_forwarded_for_header_does_not_dodge_the_lock(client, trainee):
    fail(client, "trainee", LIMIT)
    response = client.post(
        LOGIN,
        {"username": "trainee", "password": PASSWORD},
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert response.status_code == 429


def test_a_right_password_resets_the_count(client, trainee):
    fail(client, "trainee", LIMIT - 1)
    assert sign_in(client, "trainee").status_code == 302
    client.logout()
    fail(client, "trainee", LIMIT - 1)
    assert sign_in(client, "trainee").status_code == 302


def test_the_lock_lifts_after_the_cool_off(client, trainee):
    fail(client, "trainee", LIMIT)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert sign_in(client, "trainee").status_code == 302


def test_the_admin_sign_in_is_throttled_too(client, cell_admin):
    for _ in range(LIMIT):
        client.post(
            "/admin/login/",
            {"username": cell_admin.username, "password": "wrong-password"},
            REMOTE_ADDR="10.2.2.2",
        )
    response = client.post(
        "/admin/login/",
        {"username": cell_admin.username, "password": PASSWORD},
        REMOTE_ADDR="10.2.2.2",
    )
    assert response.status_code == 429


def test_cell_admin_sees_and_unlocks_a_locked_sign_in(client, trainee, cell_admin):
    fail(client, "trainee", LIMIT)
    attempt = AccessAttempt.objects.get(username="trainee")
    client.force_login(cell_admin)
    listing = client.get("/admin/failed-sign-ins/")
    assert listing.status_code == 200 and "10.1.1.1" in listing.content.decode()
    confirm = client.get(f"/admin/failed-sign-ins/delete/{attempt.pk}/")
    assert confirm.status_code == 200  # a confirmation page first
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    client.post(f"/admin/failed-sign-ins/delete/{attempt.pk}/")
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
    client.logout()
    assert sign_in(client, "trainee").status_code == 302


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.HOD, Role.TRAINER, Role.COURSE_DIRECTOR])
def test_only_the_cell_sees_failed_sign_ins(client, role, department):
    user = make_user(role, department=department)
    client.force_login(user)
    response = client.get("/admin/failed-sign-ins/")
    assert response.status_code in (302, 403)


def test_nothing_about_a_sign_in_attempt_can_be_edited(client, trainee, cell_admin):
    fail(client, "trainee", 1)
    attempt = AccessAttempt.objects.get(username="trainee")
    client.force_login(cell_admin)
    response = client.post(
        f"/admin/failed-sign-ins/edit/{attempt.pk}/", {"username": "someone-else"}
    )
    assert response.status_code in (302, 403)
    attempt.refresh_from_db()
    assert attempt.username == "trainee"


def test_sign_in_without_a_request_is_not_throttled_but_still_checks_the_password(trainee):
    """Management commands and the test client authenticate without a request."""
    from django.contrib.auth import authenticate

    assert authenticate(username="trainee", password="wrong-password") is None
    assert authenticate(username="trainee", password=PASSWORD) == trainee
    assert not AccessAttempt.objects.exists()


def test_the_test_client_login_and_force_login_work(client, trainee):
    assert client.login(username="trainee", password=PASSWORD)
    assert client.get("/learning/").status_code == 200
    client.logout()
    client.force_login(trainee)  # the session names the first backend: it must load users
    assert client.get("/learning/").status_code == 200


def test_behind_the_proxy_the_lock_follows_the_forwarded_client(client, trainee, settings):
    settings.PROXY_COUNT = 1

    def attempt(password, forwarded_for):
        return client.post(
            LOGIN,
            {"username": "trainee", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for _ in range(LIMIT):
        attempt("wrong-password", "203.0.113.1")
    assert attempt(PASSWORD, "203.0.113.1").status_code == 429
    assert attempt(PASSWORD, "198.51.100.5, 203.0.113.1").status_code == 429  # forged hop
    assert attempt(PASSWORD, "203.0.113.2").status_code == 302  # another client, same proxy


def test_a_request_without_an_address_signs_in(client, trainee):
    """force_login and internal requests carry no REMOTE_ADDR: axes must store no address
    rather than a placeholder that PostgreSQL's inet column refuses."""
    from lms.core.net import client_address

    class Bare:
        META = {}

    assert client_address(Bare()) is None
    client.force_login(trainee)
    assert client.get("/learning/").status_code == 200
