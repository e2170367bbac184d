"""Signing in and out, resetting a forgotten password and changing a known one."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.core.roles import Role
from tests.factories import make_user
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
DASHBOARD = "/learning/"
NEW_PASSWORD = "Grievance-redress-2026"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


# ------------------------------------------------------------------ sign in
def test_urls_are_where_the_site_links_them():
    assert reverse("accounts:login") == LOGIN
    assert reverse("learning:dashboard") == DASHBOARD
    assert reverse("accounts:logout") == "/accounts/logout/"


def test_login_page_renders_the_form(client):
    response = client.get(LOGIN)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in page and 'name="password" type="password"' in page
    assert "csrfmiddlewaretoken" in page
    assert reverse("accounts:password_reset") in page
    assert 'role="alert"' not in page  # no error before an attempt


def test_good_credentials_sign_in_and_go_to_my_learning(client, trainee):
    response = sign_in(client, "trainee")
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    assert client.session[SESSION_KEY] == str(trainee.pk)
    assert client.get(DASHBOARD).status_code == 200


def test_next_is_followed_only_within_the_site(client, trainee):
    response = sign_in(client, "trainee", next="/accounts/profile/")
    assert response["Location"] == "/accounts/profile/"
    client.logout()
    response = sign_in(client, "trainee", next="https://evil.example.com/steal")
    assert response.status_code == 302 and response["Location"] == DASHBOARD


@pytest.mark.parametrize(
    ("username", "password"),
    [("trainee", "not-the-password"), ("nobody-here", PASSWORD)],
)
def test_bad_credentials_show_an_error_and_keep_the_username(client, trainee, username, password):
    response = sign_in(client, username, password)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page and "Please enter a correct username and password" in page
    assert f'value="{username}"' in page
    assert 'aria-invalid="true"' in page
    assert "not-the-password" not in page  # the password is never echoed back
    assert SESSION_KEY not in client.session


def test_an_empty_password_is_reported_against_the_field(client, trainee):
    page = sign_in(client, "trainee", "").content.decode()
    assert 'role="alert"' in page and 'href="#id_password"' in page
    assert "This field is required." in page and 'value="trainee"' in page
    assert SESSION_KEY not in client.session


def test_an_inactive_officer_cannot_sign_in(client):
    make_user(Role.TRAINEE, username="retired", is_active=False)
    response = sign_in(client, "retired")
    assert response.status_code == 200 and SESSION_KEY not in client.session


def test_signed_in_user_opening_login_goes_to_my_learning(client, trainee):
    client.force_login(trainee)
    response = client.get(LOGIN)
    assert response.status_code == 302 and response["Location"] == DASHBOARD


def test_logout_is_post_only_and_ends_the_session(client, trainee):
    client.force_login(trainee)
    response = client.get("/accounts/logout/")
    assert response.status_code == 405
    assert client.session[SESSION_KEY] == str(trainee.pk)  # GET changed nothing

    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert SESSION_KEY not in client.session
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_the_site_header_signs_out_with_a_post_form(client, trainee):
    client.force_login(trainee)
    page = client.get("/accounts/profile/").content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/"[^>]*>', page)


# ------------------------------------------------------------------ password reset
def reset_link(message) -> str:
    return re.search(r"http://testserver(/accounts/password/reset/\S+)", message.body).group(1)


def test_password_reset_page_renders(client):
    response = client.get(reverse("accounts:password_reset"))
    assert response.status_code == 200 and 'name="email"' in response.content.decode()


def test_password_reset_emails_a_link_that_sets_a_new_password(client, trainee):
    response = client.post(reverse("accounts:password_reset"), {"email": trainee.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [trainee.email]
    assert message.subject == "Reset your Sevottam LMS password"
    assert "Username: trainee" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body

    response = client.get(reset_link(message))
    assert response.status_code == 302  # Django swaps the token for a session key
    form_url = response["Location"]
    form_page = client.get(form_url)
    assert form_page.status_code == 200 and 'name="new_password1"' in form_page.content.decode()

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_complete")
    trainee.refresh_from_db()
    assert trainee.check_password(NEW_PASSWORD) and not trainee.check_password(PASSWORD)
    assert sign_in(client, "trainee", NEW_PASSWORD)["Location"] == DASHBOARD


def test_a_reset_link_works_only_once(client, trainee):
    client.post(reverse("accounts:password_reset"), {"email": trainee.email})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    page = client.get(link, follow=True).content.decode()
    assert "invalid or has already been used" in page
    assert 'name="new_password1"' not in page


def test_a_tampered_reset_link_is_refused(client, trainee):
    client.post(reverse("accounts:password_reset"), {"email": trainee.email})
    link = reset_link(mail.outbox[0]).rstrip("/")
    page = client.get(link[:-3] + "zzz/", follow=True).content.decode()
    assert "invalid or has already been used" in page


def test_reset_for_unknown_email_reveals_nothing(client, trainee):
    known = client.post(reverse("accounts:password_reset"), {"email": trainee.email})
    mail.outbox.clear()
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.gov.in"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox == []
    done = client.get(unknown["Location"]).content.decode()
    assert "If an account has that email address" in done
    assert "nobody@example.gov.in" not in done


def test_reset_email_is_matched_without_regard_to_case(client, trainee):
    client.post(reverse("accounts:password_reset"), {"email": trainee.email.upper()})
    assert len(mail.outbox) == 1


def test_reset_sends_nothing_to_an_inactive_officer(client):
    retired = make_user(Role.TRAINEE, is_active=False)
    client.post(reverse("accounts:password_reset"), {"email": retired.email})
    assert mail.outbox == []


@pytest.mark.parametrize("weak", ["12345", "password123"])
def test_reset_confirm_applies_the_password_validators(client, trainee, weak):
    client.post(reverse("accounts:password_reset"), {"email": trainee.email})
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]
    response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
    assert response.status_code == 200 and "field-error" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD)


# ------------------------------------------------------------------ password change
def change_password(client, old, new1, new2=None):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": old, "new_password1": new1, "new_password2": new2 or new1},
    )


def test_password_change_needs_sign_in(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_password_change_requires_the_old_password(client, trainee):
    client.force_login(trainee)
    response = change_password(client, "not-my-password", NEW_PASSWORD)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in page and "incorrectly" in page
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD)


def test_password_change_with_the_old_password_keeps_the_session(client, trainee):
    client.force_login(trainee)
    response = change_password(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    trainee.refresh_from_db()
    assert trainee.check_password(NEW_PASSWORD)
    assert client.get("/accounts/profile/").status_code == 200  # still signed in


def test_password_change_refuses_mismatched_passwords(client, trainee):
    client.force_login(trainee)
    response = change_password(client, PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x")
    assert (
        response.status_code == 200 and 'id="id_new_password2_error"' in response.content.decode()
    )
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD)


@pytest.mark.parametrize("weak", ["12345", "password123", "trainee12345"])
def test_password_change_rejects_weak_passwords(client, trainee, weak):
    client.force_login(trainee)
    response = change_password(client, PASSWORD, weak)
    assert response.status_code == 200
    assert 'id="id_new_password2_error"' in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("weak", "codes"),
    [
        ("12345", {"password_too_short", "password_entirely_numeric", "password_too_common"}),
        ("password123", {"password_too_common"}),
    ],
)
def test_password_validators_name_the_reasons(trainee, weak, codes):
    with pytest.raises(ValidationError) as raised:
        validate_password(weak, user=trainee)
    assert codes <= {error.code for error in raised.value.error_list}


def test_a_long_uncommon_password_passes_the_validators(trainee):
    assert validate_password(NEW_PASSWORD, user=trainee) is None
