"""Names entered in Hindi (topics, departments, offices, districts, posts) are what a page in
Hindi shows, wherever a visitor, a trainee or an HOD sees them; a name with no Hindi entered
is shown as entered, in English (marked lang="en"). The cell's pages:
``test_cell_pages.py``."""

import pytest
from django.urls import reverse

from lms.core.roles import Role
from tests.factories import build_course, make_user
from tests.i18n.names.helpers import (
    BARE_TOPIC,
    DISTRICT,
    OFFICE,
    PLANNING,
    POST,
    REVENUE,
    TOPIC,
    page,
    shown,
)
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ the public calendar
def test_the_calendar_filter_and_rows_show_the_hindi_topic(client, topics):
    named, bare = topics
    open_programme(title="Batch one", course=build_course(modules=1, topic=named))
    open_programme(title="Batch two", course=build_course(modules=1, topic=bare))
    body = page(client, reverse("programmes:calendar"))
    shown(body, f'<option value="right-to-service">{TOPIC[1]}</option>', TOPIC[0])
    assert body.count(TOPIC[1]) == 2  # the filter and the programme's row
    # no Hindi name entered: the English one, marked as English
    assert f'<option value="is-15700" lang="en">{BARE_TOPIC}</option>' in body
    assert f'<span lang="en">{BARE_TOPIC}</span>' in body


def test_the_calendar_in_english_shows_the_english_topic(client, topics):
    body = page(client, reverse("programmes:calendar"), "en")
    assert f'<option value="right-to-service">{TOPIC[0]}</option>' in body
    assert TOPIC[1] not in body


def test_the_home_page_topics_are_in_hindi_on_the_hindi_page(client, topics):
    body = page(client, "/")
    shown(body, TOPIC[1], TOPIC[0])
    assert f'<span lang="en">{BARE_TOPIC}</span>' in body
    english = page(client, "/", "en")  # the English page names both
    assert f'{TOPIC[0]} <span lang="hi">({TOPIC[1]})</span>' in english


def test_the_catalogue_filter_shows_the_hindi_topic(client, topics):
    body = page(client, "/courses/")
    shown(body, f'<option value="right-to-service">{TOPIC[1]}</option>', TOPIC[0])
    assert f'<option value="is-15700" lang="en">{BARE_TOPIC}</option>' in body


# ------------------------------------------------------------------ the trainee
def test_the_profile_shows_the_office_in_hindi(client, officer):
    client.force_login(officer)
    body = page(client, reverse("accounts:profile"))
    shown(body, OFFICE[1], OFFICE[0])
    shown(body, REVENUE[1], REVENUE[0])


def test_the_profile_shows_an_office_without_a_hindi_name_as_entered(client, officer):
    type(officer.office).objects.filter(pk=officer.office_id).update(name_hi="")
    client.force_login(officer)
    body = page(client, reverse("accounts:profile"))
    assert f'<span lang="en">{OFFICE[0]}</span>' in body and OFFICE[1] not in body


# ------------------------------------------------------------------ the HOD
@pytest.fixture
def hod_client(client, hod, revenue):
    hod.refresh_from_db()
    client.force_login(hod)
    return client


def test_the_department_s_nominations_are_headed_in_hindi(hod_client):
    body = page(hod_client, reverse("nominations:department"))
    shown(body, REVENUE[1], REVENUE[0])


def test_a_department_without_a_hindi_name_is_headed_as_entered(client, planning):
    client.force_login(make_user(Role.HOD, department=planning, level="top"))
    body = page(client, reverse("nominations:department"))
    assert f'<span lang="en">{PLANNING}</span>' in body
    for url in (reverse("department:officers"), reverse("reports:department")):
        assert f'<span lang="en">{PLANNING}</span>' in page(client, url)


def test_the_officer_list_shows_hindi_names_and_posts(hod_client, officer):
    body = page(hod_client, reverse("department:officers"))
    shown(body, REVENUE[1], REVENUE[0])
    shown(body, POST[1], POST[0])
    shown(body, DISTRICT[1], f">{DISTRICT[0]}<")


def test_a_post_without_a_hindi_name_is_shown_as_entered(hod_client, officer):
    type(officer).objects.filter(pk=officer.pk).update(designation_hi="")
    body = page(hod_client, reverse("department:officers"))
    assert f'<span lang="en">{POST[0]}</span>' in body and POST[1] not in body


def test_the_officer_page_shows_hindi_names(hod_client, officer):
    body = page(hod_client, reverse("department:officer", args=[officer.pk]))
    for english, hindi in (REVENUE, POST, OFFICE, DISTRICT):
        shown(body, hindi, english)
    english = page(hod_client, reverse("department:officer", args=[officer.pk]), "en")
    for name, hindi in (REVENUE, POST, OFFICE):
        assert name in english and hindi not in english


def test_the_department_report_is_headed_in_hindi_with_hindi_posts(hod_client, officer):
    body = page(hod_client, reverse("reports:department"))
    shown(body, REVENUE[1], REVENUE[0])
    shown(body, POST[1], POST[0])  # the officer has never been trained


def test_the_nominate_page_lists_hindi_posts(hod_client, officer):
    programme = open_programme()
    body = page(hod_client, reverse("nominations:nominate", args=[programme.pk]))
    shown(body, POST[1], POST[0])
