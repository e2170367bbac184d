"""The language switcher keeps the visitor on the page; a signed-in officer's choice is
their preferred language, applied at sign-in (and whenever the browser has no language
cookie)."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from lms.core.models import AuditEntry
from lms.core.roles import Role
from tests.factories import build_course, make_user
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

SETLANG = "/i18n/setlang/"
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _attrs(tag: str) -> dict:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def switcher(page: str) -> dict:
    """The switcher form of a page: where it posts, its hidden ``next`` and the language it
    offers (read by attributes, whatever their order or the markup around them)."""
    form = re.search(rf'(<form\b[^>]*action="{SETLANG}"[^>]*>)(.*?)</form>', page, re.S)
    assert form, "no language switcher on the page"
    fields = [_attrs(tag) for tag in re.findall(r"<(?:input|button)\b[^>]*>", form.group(2))]
    hidden_next = next(f for f in fields if f.get("name") == "next")
    offered = [f["value"] for f in fields if f.get("name") == "language"]
    assert _attrs(form.group(1)).get("method") == "post"
    return {"action": SETLANG, "next": unescape(hidden_next["value"]), "language": offered[0]}


@pytest.mark.parametrize(
    "url",
    ["/", "/courses/?q=charter&topic=rts", "/programmes/", "/verify/", "/accounts/login/"],
)
def test_every_page_offers_the_other_language_and_comes_back_to_itself(client, url):
    form = switcher(client.get(url).content.decode())
    assert form == {"action": SETLANG, "next": url, "language": "hi"}

    response = client.post(SETLANG, {"language": "hi", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert response.cookies[COOKIE].value == "hi"

    page = client.get(url).content.decode()
    assert '<html lang="hi">' in page
    assert switcher(page)["language"] == "en"


def test_a_course_page_switches_language_in_place(client):
    course = build_course(title="Citizen's Charter", slug="charter")
    client.post(SETLANG, {"language": "hi", "next": course.url})
    page = client.get(course.url).content.decode()
    assert "पाठ्यक्रम की रूपरेखा" in page  # "Course outline"
    assert switcher(page)["next"] == course.url


def test_the_switcher_refuses_to_leave_the_site(client):
    response = client.post(SETLANG, {"language": "hi", "next": "https://evil.example.com/"})
    assert response["Location"] == "/"


def test_a_signed_in_officer_s_switch_is_saved_as_their_preference(client):
    officer = make_user(Role.TRAINEE, preferred_language="en")
    client.force_login(officer)
    client.post(SETLANG, {"language": "hi", "next": "/learning/"})
    officer.refresh_from_db()
    assert officer.preferred_language == "hi"
    entry = AuditEntry.objects.get(action="profile.updated")
    assert entry.data == {"fields": ["preferred_language"]}

    client.post(SETLANG, {"language": "hi", "next": "/learning/"})  # no change, no new row
    assert AuditEntry.objects.filter(action="profile.updated").count() == 1


def test_an_unknown_language_changes_nothing(client):
    officer = make_user(Role.TRAINEE, preferred_language="en")
    client.force_login(officer)
    client.post(SETLANG, {"language": "fr", "next": "/"})
    officer.refresh_from_db()
    assert officer.preferred_language == "en"


def test_sign_in_switches_to_the_preferred_language(client):
    make_user(Role.TRAINEE, username="asha", preferred_language="hi")
    client.cookies[COOKIE] = "en"  # browsing in English before signing in
    response = client.post(reverse("accounts:login"), {"username": "asha", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "hi"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="hi">' in page and "मेरा अधिगम" in page  # "My learning"


def test_sign_in_of_an_english_officer_keeps_english(client):
    make_user(Role.TRAINEE, username="ravi", preferred_language="en")
    client.cookies[COOKIE] = "hi"
    response = client.post(reverse("accounts:login"), {"username": "ravi", "password": PASSWORD})
    assert response.cookies[COOKIE].value == "en"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()


def test_without_a_language_cookie_a_signed_in_officer_sees_their_language(client):
    officer = make_user(Role.TRAINEE, preferred_language="hi")
    client.force_login(officer)  # another browser: a session but no language cookie
    assert '<html lang="hi">' in client.get("/learning/").content.decode()
    client.cookies[COOKIE] = "en"  # the switcher's cookie wins
    assert '<html lang="en">' in client.get("/learning/").content.decode()


def test_choosing_hindi_on_the_profile_switches_at_once(client):
    officer = make_user(Role.TRAINEE, preferred_language="en", mobile="")
    client.force_login(officer)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": officer.first_name,
            "last_name": officer.last_name,
            "email": officer.email,
            "mobile": "",
            "preferred_language": "hi",
        },
    )
    assert response.cookies[COOKIE].value == "hi"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "आपकी प्रोफ़ाइल सहेज ली गई है।" in page


def test_a_language_chosen_on_the_sign_in_page_becomes_the_preference(client):
    """Hindi chosen before signing in is not undone by the saved English preference."""
    officer = make_user(Role.TRAINEE, username="kavita", preferred_language="en")
    login = reverse("accounts:login")
    client.post(SETLANG, {"language": "hi", "next": login})
    assert '<html lang="hi">' in client.get(login).content.decode()
    response = client.post(login, {"username": "kavita", "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "hi"
    officer.refresh_from_db()
    assert officer.preferred_language == "hi"
    assert '<html lang="hi">' in client.get(response["Location"]).content.decode()
    # saved: another browser, without the cookie, opens in Hindi too
    other = type(client)()
    other.force_login(officer)
    assert '<html lang="hi">' in other.get("/learning/").content.decode()


def test_a_choice_made_before_an_earlier_sign_out_is_not_carried_to_the_next_officer(client):
    make_user(Role.TRAINEE, username="first", preferred_language="en")
    second = make_user(Role.TRAINEE, username="second", preferred_language="en")
    login = reverse("accounts:login")
    client.post(SETLANG, {"language": "hi", "next": login})
    client.post(login, {"username": "first", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    # the cookie still says Hindi, but the next officer did not choose it
    response = client.post(login, {"username": "second", "password": PASSWORD})
    assert response.cookies[COOKIE].value == "en"
    second.refresh_from_db()
    assert second.preferred_language == "en"
