"""The simulator's POST-only addresses (start, act, clock, finish, reply-score) answer a GET
(the back button, a reload, the language switch coming back to the page) with a redirect to
the page their form is on, changing nothing, and only for whoever may see that page: another
trainee gets the same 404 as for a session that does not exist."""

import pytest
from django.conf import settings
from django.urls import reverse

from simulator import services
from simulator.enums import SessionStatus
from simulator.models import GrievanceEvent, PracticeSession, Scenario

pytestmark = pytest.mark.django_db
RTS = "cmw-income-certificate-not-applied"
SESSION_FORMS = {
    "act": "desk",
    "clock": "desk",
    "finish": "desk",
    "override_reply_score": "debrief",
}


def url(name, pk):
    return reverse(f"simulator:{name}", kwargs={"pk": pk})


def unchanged(session, before):
    session.refresh_from_db()
    assert (session.status, session.sim_now) == before
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()


@pytest.mark.parametrize(("name", "page"), SESSION_FORMS.items())
@pytest.mark.parametrize("method", ["get", "head"])
def test_a_get_goes_to_the_page_of_the_form_and_changes_nothing(
    client, trainee, session, name, page, method
):
    client.force_login(trainee)
    before = (session.status, session.sim_now)
    response = getattr(client, method)(url(name, session.pk))
    assert response.status_code == 302
    assert response["Location"] == url(page, session.pk)
    unchanged(session, before)


def test_a_get_of_start_goes_to_the_scenario_in_the_list(client, trainee, scenario):
    client.force_login(trainee)
    response = client.get(url("start", scenario.pk))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('simulator:scenarios')}#scenario-{scenario.pk}"
    assert not PracticeSession.objects.exists()
    listed = client.get(response["Location"]).content.decode()
    assert f'id="scenario-{scenario.pk}"' in listed


def test_the_debrief_form_s_address_goes_to_the_debrief(client, trainee, session):
    services.finish_session(session=session, actor=trainee)
    client.force_login(trainee)
    assert client.get(url("finish", session.pk))["Location"] == url("desk", session.pk)
    # the desk of a finished session is its debrief, so the owner lands there
    response = client.get(url("finish", session.pk), follow=True)
    assert response.redirect_chain[-1] == (url("debrief", session.pk), 302)
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.status != SessionStatus.ACTIVE


@pytest.mark.parametrize("name", SESSION_FORMS)
def test_another_trainee_s_session_is_not_found(client, other_trainee, session, name):
    client.force_login(other_trainee)
    before = (session.status, session.sim_now)
    mine = client.get(url(name, session.pk))
    missing = client.get(url(name, 999999))
    assert mine.status_code == missing.status_code == 404
    page = mine.content.decode()
    assert session.scenario.title not in page and "Location" not in mine.headers
    unchanged(session, before)


@pytest.mark.parametrize("name", SESSION_FORMS)
def test_an_hod_gets_nothing_and_anonymous_users_sign_in(client, hod, session, name):
    client.force_login(hod)
    assert client.get(url(name, session.pk)).status_code == 404
    assert client.get(url("start", session.scenario_id)).status_code == 403
    client.logout()
    response = client.get(url(name, session.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_withdrawn_scenario_is_not_found(client, trainee, scenario):
    Scenario.objects.filter(pk=scenario.pk).update(is_active=False)
    client.force_login(trainee)
    assert client.get(url("start", scenario.pk)).status_code == 404
    assert client.get(url("start", 999999)).status_code == 404


@pytest.mark.parametrize("name", SESSION_FORMS)
def test_a_reviewer_goes_to_the_page_read_only(client, trainer, session, name):
    client.force_login(trainer)
    response = client.get(url(name, session.pk))
    assert response.status_code == 302
    assert response["Location"] == url(SESSION_FORMS[name], session.pk)


@pytest.mark.parametrize("name", [*SESSION_FORMS, "start"])
def test_other_methods_are_refused(client, trainee, session, name):
    client.force_login(trainee)
    pk = session.scenario_id if name == "start" else session.pk
    response = client.put(url(name, pk))
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "POST"}


def test_switching_language_on_a_form_s_address_lands_on_the_desk(client, trainee, session):
    """The switcher sends the visitor back to the address they were on."""
    client.force_login(trainee)
    clock = url("clock", session.pk)
    response = client.post("/i18n/setlang/", {"language": "hi", "next": clock}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (url("desk", session.pk), 302)
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hi"
    assert '<html lang="hi">' in response.content.decode()
