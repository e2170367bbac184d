"""Two-factor sign-in (TOTP): set-up with a real code, the code step at every later
sign-in, wrong codes, required roles, turning it off, and the cell resetting a lost phone."""

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts import services
from lms.core.models import AuditEntry
from lms.core.roles import Role
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

SETUP = "/accounts/two-factor/set-up/"
VERIFY = "/accounts/two-factor/"
DISABLE = "/accounts/two-factor/turn-off/"


def code_for(device, drift=0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def turn_on(client, user) -> TOTPDevice:
    page = client.get(SETUP)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = re.search(r'<code class="otp-key">([A-Z2-7 ]+)</code>', page.content.decode()).group(1)
    assert base64.b32decode(key.replace(" ", "")) == device.bin_key  # the key shown is the key
    response = client.post(SETUP, {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


def test_setup_shows_a_qr_code_and_confirms_with_a_real_code(client, trainee):
    client.force_login(trainee)
    page = client.get(SETUP).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = turn_on(client, trainee)
    trainee.refresh_from_db()
    assert device.confirmed and trainee.two_factor_enabled
    assert AuditEntry.objects.filter(
        action="two_factor.enabled", object_id=str(trainee.pk)
    ).exists()
    assert client.get("/learning/").status_code == 200  # this session is verified already


def test_a_wrong_setup_code_keeps_it_off_and_says_so(client, trainee):
    client.force_login(trainee)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 400 and "not right" in response.content.decode()
    trainee.refresh_from_db()
    assert not trainee.two_factor_enabled
    assert not TOTPDevice.objects.filter(user=trainee, confirmed=True).exists()


def test_later_sign_ins_ask_for_the_code(client, trainee):
    client.force_login(trainee)
    device = turn_on(client, trainee)
    client.logout()
    response = sign_in(client, "trainee")
    assert response.status_code == 302
    blocked = client.get("/learning/")
    assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY)
    assert "next=%2Flearning%2F" in blocked["Location"]
    wrong = client.post(VERIFY, {"token": "123456", "next": "/learning/"})
    assert wrong.status_code == 400 and client.get("/learning/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code throttles; let the next one through
    device.throttling_failure_timestamp = None
    device.save()
    # The set-up code cannot be replayed; the app's next code (one step on) is accepted.
    right = client.post(VERIFY, {"token": code_for(device, drift=1), "next": "/learning/"})
    assert right.status_code == 302 and right["Location"] == "/learning/"
    assert client.get("/learning/").status_code == 200


def test_the_code_page_never_redirects_off_site(client, trainee):
    client.force_login(trainee)
    device = turn_on(client, trainee)
    client.logout()
    sign_in(client, "trainee")
    response = client.post(
        VERIFY, {"token": code_for(device, drift=1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/learning/"


def test_the_admin_is_behind_the_code_too(client, cell_admin):
    client.force_login(cell_admin)
    turn_on(client, cell_admin)
    client.logout()
    sign_in(client, cell_admin.username)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


def test_required_roles_must_set_it_up_before_anything_else(client, settings, hod, trainee):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["HOD", "CELL_ADMIN"]
    client.force_login(hod)
    response = client.get("/nominations/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert "Your role requires" in client.get(SETUP).content.decode()
    client.force_login(trainee)  # not a required role
    assert client.get("/learning/").status_code == 200


def test_required_roles_cannot_turn_it_off(client, settings, hod):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["HOD"]
    client.force_login(hod)
    turn_on(client, hod)
    response = client.post(DISABLE)
    assert response.status_code == 302
    hod.refresh_from_db()
    assert hod.two_factor_enabled


def test_turning_it_off_asks_first_then_removes_the_device(client, trainee):
    client.force_login(trainee)
    turn_on(client, trainee)
    page = client.get(DISABLE)
    assert page.status_code == 200 and "Turn off two-factor sign-in?" in page.content.decode()
    trainee.refresh_from_db()
    assert trainee.two_factor_enabled
    client.post(DISABLE)
    trainee.refresh_from_db()
    assert not trainee.two_factor_enabled
    assert not TOTPDevice.objects.filter(user=trainee).exists()


def test_the_cell_resets_a_lost_phone_but_nobody_else_can(trainee, cell_admin, hod):
    device = services.start_two_factor(user=trainee)
    services.confirm_two_factor(user=trainee, device_id=device.pk, token=code_for(device))
    with pytest.raises(services.AccountError):
        services.remove_two_factor(user=trainee, actor=hod)
    assert services.remove_two_factor(user=trainee, actor=cell_admin) == 1
    trainee.refresh_from_db()
    assert not trainee.two_factor_enabled
    assert AuditEntry.objects.filter(action="two_factor.removed", actor=cell_admin).exists()


def test_an_expired_setup_is_refused(trainee):
    device = services.start_two_factor(user=trainee)
    services.start_two_factor(user=trainee)  # starting again drops the first
    with pytest.raises(services.AccountError, match="expired"):
        services.confirm_two_factor(user=trainee, device_id=device.pk, token=code_for(device))


def test_pages_need_sign_in(client):
    for path in (SETUP, VERIFY, DISABLE):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("accounts:login")
        )


def test_no_extra_query_for_users_without_two_factor(
    client, trainee, django_assert_max_num_queries
):
    """The middleware reads a field of the signed-in user, not the device table."""
    client.force_login(trainee)
    client.get("/accounts/profile/")
    make_user(Role.TRAINEE)
    with django_assert_max_num_queries(12) as captured:
        client.get("/accounts/profile/")
    assert not any("otp_totp" in query["sql"] for query in captured.captured_queries)


def test_the_cell_deletes_a_device_in_the_admin_and_the_officer_signs_in_with_a_password(
    client, trainee, cell_admin
):
    device = services.start_two_factor(user=trainee)
    services.confirm_two_factor(user=trainee, device_id=device.pk, token=code_for(device))
    client.force_login(cell_admin)
    listing = client.get("/admin/two-factor-devices/")
    assert listing.status_code == 200 and str(trainee) in listing.content.decode()
    client.post(f"/admin/two-factor-devices/delete/{device.pk}/")
    trainee.refresh_from_db()
    assert not trainee.two_factor_enabled
    client.logout()
    sign_in(client, "trainee")
    assert client.get("/learning/").status_code == 200


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.HOD, Role.TRAINER, Role.COURSE_DIRECTOR])
def test_only_the_cell_sees_two_factor_devices(client, role, department):
    client.force_login(make_user(role, department=department))
    assert client.get("/admin/two-factor-devices/").status_code in (302, 403)
