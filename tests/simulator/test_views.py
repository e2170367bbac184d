"""The trainee's pages: who may see and do what (every role's boundary), the desk's forms
(including bad input on each), the clock, finishing and the debrief, and query counts."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from simulator import services
from simulator.enums import (
    ACTORS,
    REQUIRED_INPUT,
    Action,
    GrievanceState,
    Outcome,
    SessionStatus,
    SimRole,
)
from simulator.forms import FORMS
from simulator.models import Grievance, GrievanceEvent, PracticeSession, Rulebook, Scenario

A = Action
S = GrievanceState
R = SimRole
pytestmark = pytest.mark.django_db
RTS = "cmw-income-certificate-not-applied"


@pytest.fixture
def finished(session, trainee):
    return services.finish_session(session=session, actor=trainee)


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def primary(session) -> Grievance:
    return Grievance.objects.get(session=session, is_primary=True)


def act_url(session):
    return reverse("simulator:act", kwargs={"pk": session.pk})


def post_action(
    client, session, action, role=R.NODAL_OFFICER, grievance=None, follow=False, **fields
):
    data = {
        "action": action,
        "role": role,
        "grievance": (grievance or primary(session)).pk,
        **{f"{action}-{key}": value for key, value in fields.items()},
    }
    return client.post(act_url(session), data, follow=follow)


def text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------- who sees what
VIEWERS = ["owner", "other_trainee", "hod", "trainer", "course_director", "cell_admin"]
REVIEWERS = {"trainer", "course_director", "cell_admin"}


def _user(request, who, trainee):
    return trainee if who == "owner" else request.getfixturevalue(who)


@pytest.mark.parametrize("who", VIEWERS)
def test_only_the_trainee_and_reviewers_see_a_session(request, who, session, trainee, as_user):
    client = as_user(_user(request, who, trainee))
    response = client.get(reverse("simulator:desk", kwargs={"pk": session.pk}))
    expected = 200 if who == "owner" or who in REVIEWERS else 404
    assert response.status_code == expected
    if who in REVIEWERS:
        body = text(response)
        assert "read only" in body and 'id="form-categorise"' not in body


@pytest.mark.parametrize("who", VIEWERS)
def test_only_the_trainee_and_reviewers_see_a_debrief(request, who, finished, trainee, as_user):
    client = as_user(_user(request, who, trainee))
    response = client.get(reverse("simulator:debrief", kwargs={"pk": finished.pk}))
    assert response.status_code == (200 if who == "owner" or who in REVIEWERS else 404)


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("name", ["act", "clock", "finish"])
def test_only_the_trainee_acts(request, who, name, session, trainee, as_user):
    client = as_user(_user(request, who, trainee))
    data = {"action": A.ACKNOWLEDGE, "role": R.NODAL_OFFICER, "grievance": primary(session).pk}
    data["preset"] = "1h"
    response = client.post(reverse(f"simulator:{name}", kwargs={"pk": session.pk}), data)
    assert response.status_code == (302 if who == "owner" else 404)
    session.refresh_from_db()
    acted = GrievanceEvent.objects.filter(actor__isnull=False).exists()
    assert acted == (who == "owner" and name == "act")


@pytest.mark.parametrize(
    "path",
    [
        "/simulator/",
        "/simulator/sessions/1/",
        "/simulator/sessions/1/debrief/",
        "/simulator/review/",
        "/simulator/stats/",
        "/simulator/programmes/1/leaderboard/",
    ],
)
def test_anonymous_users_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_posts_from_anonymous_users_are_sent_to_sign_in(client, session):
    response = client.post(act_url(session), {"action": A.ACKNOWLEDGE})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("trainee", 200),
        ("hod", 403),
        ("trainer", 200),
        ("course_director", 200),
        ("cell_admin", 200),
    ],
)
def test_who_may_practise(request, seeded, as_user, who, status):
    response = as_user(request.getfixturevalue(who)).get(reverse("simulator:scenarios"))
    assert response.status_code == status


def test_pages_answer_only_their_methods(as_user, trainee, session, scenario):
    client = as_user(trainee)
    desk = reverse("simulator:desk", kwargs={"pk": session.pk})
    response = client.get(act_url(session))  # the desk's old error address: back to it
    assert response.status_code == 302 and response["Location"] == desk
    assert client.put(act_url(session)).status_code == 405
    assert client.put(reverse("simulator:start", kwargs={"pk": scenario.pk})).status_code == 405
    assert client.post(reverse("simulator:desk", kwargs={"pk": session.pk})).status_code == 405


# ---------------------------------------------------------------- the list and starting
def test_the_list_shows_every_scenario_and_the_trainee_s_sessions(as_user, trainee, finished):
    body = text(as_user(trainee).get(reverse("simulator:scenarios")))
    assert body.count('action="/simulator/scenarios/') >= 15  # start buttons
    assert "Income certificate" in body and "Debrief" in body
    assert "key_notes" not in body and "There is no application on SARAL" not in body


def test_starting_opens_the_desk_and_starting_again_resumes(as_user, trainee, scenario):
    client = as_user(trainee)
    url = reverse("simulator:start", kwargs={"pk": scenario.pk})
    first = client.post(url)
    session = PracticeSession.objects.get(trainee=trainee)
    assert first["Location"] == reverse("simulator:desk", kwargs={"pk": session.pk})
    again = client.post(url)
    assert again["Location"] == first["Location"]
    assert PracticeSession.objects.filter(trainee=trainee).count() == 1


def test_a_withdrawn_or_unknown_scenario_cannot_be_started(as_user, trainee, scenario, trainer):
    Scenario.objects.filter(pk=scenario.pk).update(is_active=False)
    client = as_user(trainee)
    assert client.post(reverse("simulator:start", kwargs={"pk": scenario.pk})).status_code == 404
    assert client.post(reverse("simulator:start", kwargs={"pk": 99999})).status_code == 404
    # an author may still try it
    client = as_user(trainer)
    assert client.post(reverse("simulator:start", kwargs={"pk": scenario.pk})).status_code == 302


# ---------------------------------------------------------------- the desk
def test_the_desk_shows_the_grievance_clock_roles_actions_and_log(as_user, trainee, session):
    body = text(as_user(trainee).get(reverse("simulator:desk", kwargs={"pk": session.pk})))
    g = primary(session)
    assert g.reg_no in body and "income certificate" in body
    assert 'lang="hi"' in body  # the Hindi text, marked for screen readers
    assert "Simulated clock" in body and "Advance time" in body
    assert 'name="role" value="designated_officer"' in body
    for action in (A.ACKNOWLEDGE, A.CATEGORISE, A.TRANSFER, A.CLOSE_OUT_OF_SCOPE):
        assert f'id="form-{action}"' in body
    assert 'id="form-link_duplicate"' not in body  # nothing to link to
    assert '<label for="id_categorise-category">' in body and "<legend>" in body
    assert "Event log" in body and "Registered" in body
    # the simulation truth and the key stay hidden
    assert "There is no application on SARAL" not in body
    assert "citizen_applied" not in body and "facilitation" not in body


def test_the_desk_in_hindi_puts_the_hindi_text_first(as_user, trainee, session):
    client = as_user(trainee)
    client.cookies["django_language"] = "hi"
    body = text(client.get(reverse("simulator:desk", kwargs={"pk": session.pk})))
    first = re.search(r'<blockquote class="sim-text" id="citizen-text"([^>]*)>([^<]*)', body)
    assert first.group(1) == ' lang="hi"' and "आय प्रमाण पत्र" in first.group(2)


def test_the_role_switcher_shows_that_role_s_actions(as_user, trainee, session):
    client = as_user(trainee)
    url = reverse("simulator:desk", kwargs={"pk": session.pk})
    body = text(client.get(url, {"role": R.DESIGNATED_OFFICER}))
    assert "Nothing for the Designated officer" in body
    body = text(client.get(url, {"role": "not-a-role"}))  # falls back to a played role
    assert 'id="form-categorise"' in body


def test_an_action_redirects_back_to_the_desk_with_the_result(as_user, trainee, session):
    client = as_user(trainee)
    response = post_action(client, session, A.CATEGORISE, category="rev-income-certificate")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("simulator:desk", kwargs={"pk": session.pk}))
    assert "role=nodal_officer" in response["Location"]
    assert primary(session).state == S.CATEGORISED
    body = text(client.get(response["Location"]))
    assert "Done: Categorise." in body


def test_a_refused_action_is_recorded_and_shown_with_its_rule(as_user, trainee, session):
    client = as_user(trainee)
    post_action(client, session, A.CATEGORISE, category="revenue")  # a group, not a leaf
    event = GrievanceEvent.objects.get(action=A.CATEGORISE)
    assert (event.outcome, event.rule_code) == (Outcome.REFUSED, "cmw.categorise-specific")
    body = text(client.get(reverse("simulator:desk", kwargs={"pk": session.pk})))
    assert "Refused under the rule “Categorise every grievance, specifically" in body
    assert "Rule: Categorise every grievance, specifically" in body
    assert "cmw.categorise-specific" not in body  # no internal rule ids on the page


def test_a_follow_up_is_reported(seeded, as_user, trainee, monday):
    scenario = Scenario.objects.get(code="cmw-street-light-atr-contradicted")
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    client = as_user(trainee)
    post_action(client, session, A.SUBMIT_ATR, R.DESIGNATED_OFFICER, text="Done.", resolved="on")
    services.advance_clock(session=session, actor=trainee, hours=5)
    response = post_action(client, session, A.APPROVE_ATR, R.SENIOR)
    assert "Then: Remand." in text(client.get(response["Location"]))


# ---------------------------------------------------------------- bad input on every form
FIELDS = {action: form.base_fields for action, form in FORMS.items()}
WITH_REQUIRED = sorted(
    a for a, fields in FIELDS.items() if any(f.required for f in fields.values())
)


@pytest.mark.parametrize("action", WITH_REQUIRED)
def test_every_form_rejects_empty_required_fields(as_user, trainee, session, action):
    role = next(iter(sorted(ACTORS[action] & set(session.scenario.trainee_roles()))))
    response = post_action(as_user(trainee), session, action, role, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "The form has errors" in text(response)
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()  # nothing recorded
    assert set(REQUIRED_INPUT.get(action, ())) <= {
        name for name, field in FIELDS[action].items() if field.required
    }


def test_a_form_error_is_tied_to_its_field(as_user, trainee, session):
    client = as_user(trainee)
    response = post_action(client, session, A.CATEGORISE, category="not-a-category")
    body = text(client.get(response["Location"]))
    assert 'role="alert" id="errors-categorise"' in body
    assert 'href="#id_categorise-category"' in body
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="id_categorise-category_error"' in body
    assert 'id="id_categorise-category_error"' in body


@pytest.mark.parametrize(
    ("action", "role", "fields"),
    [
        (A.CATEGORISE, R.NODAL_OFFICER, {"category": "nope"}),
        (A.FORWARD, R.NODAL_OFFICER, {"office": "nowhere"}),
        (A.FORWARD, R.NODAL_OFFICER, {"office": "tehsil-sohna", "also": "nowhere"}),
        (A.TRANSFER, R.NODAL_OFFICER, {"office": "tehsil-sohna", "reason": " "}),
        (A.CLOSE_OUT_OF_SCOPE, R.NODAL_OFFICER, {"reason": "bored", "reply": "x"}),
        (A.RETURN, R.DESIGNATED_OFFICER, {"reason": "lazy"}),
        (A.FACILITATE_APPLICATION, R.DESIGNATED_OFFICER, {"application_ref": "x" * 61}),
        (A.INTERIM_REPLY, R.DESIGNATED_OFFICER, {"text": "x", "expected_by": "soon"}),
        (A.INTERIM_REPLY, R.DESIGNATED_OFFICER, {"text": "x", "expected_by": "2026-03-01"}),
        (A.DISPOSE, R.NODAL_OFFICER, {"reply": "x" * 4001}),
        (A.LINK_DUPLICATE, R.NODAL_OFFICER, {"original": "CMOFF/N/2026/999999"}),
    ],
)
def test_malformed_input_is_a_form_error_not_a_recorded_mistake(
    as_user, trainee, session, action, role, fields
):
    response = post_action(as_user(trainee), session, action, role, follow=True, **fields)
    assert response.redirect_chain[0][1] == 302 and "The form has errors" in text(response)
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"action": "dance", "role": R.NODAL_OFFICER}, 400),
        ({"action": A.FEEDBACK, "role": R.NODAL_OFFICER}, 400),  # not a desk action
        ({"action": A.ACKNOWLEDGE, "role": R.CITIZEN}, 400),
        ({"action": A.ACKNOWLEDGE, "role": R.NODAL_OFFICER, "grievance": "abc"}, 404),
    ],
)
def test_tampered_hidden_fields(as_user, trainee, session, data, status):
    data.setdefault("grievance", primary(session).pk)
    assert as_user(trainee).post(act_url(session), data).status_code == status


def test_a_grievance_of_another_session_is_a_404(as_user, trainee, session, scenario, monday):
    other = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    response = post_action(as_user(trainee), session, A.ACKNOWLEDGE, grievance=primary(other))
    assert response.status_code == 404


def test_a_role_the_scenario_does_not_let_you_play(seeded, as_user, trainee, monday):
    scenario = Scenario.objects.get(code="cpgrams-poor-rating-appeal")  # appellate only
    session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
    assert post_action(as_user(trainee), session, A.CLOSE).status_code == 400


# ---------------------------------------------------------------- the clock
def clock(client, session, **data):
    return client.post(reverse("simulator:clock", kwargs={"pk": session.pk}), data)


@pytest.mark.parametrize(
    ("data", "hours"),
    [({"preset": "1h"}, 1), ({"preset": "7d"}, 168), ({"days": "1", "hours": "2"}, 26)],
)
def test_advancing_the_clock(as_user, trainee, session, data, hours):
    before = session.sim_now
    response = clock(as_user(trainee), session, **data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.sim_now - before).total_seconds() == hours * 3600


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"days": "0", "hours": "0"},
        {"days": "-1"},
        {"days": "401"},
        {"days": "two"},
        {"preset": "1y"},
        {"hours": "9600", "days": "1"},
    ],
)
def test_bad_clock_input_changes_nothing(as_user, trainee, session, data):
    before = session.sim_now
    client = as_user(trainee)
    response = clock(client, session, **data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.sim_now == before
    assert 'class="message error"' in text(client.get(response["Location"]))


def test_setting_the_clock_speed(as_user, trainee, session):
    client = as_user(trainee)
    clock(client, session, speed="60")
    session.refresh_from_db()
    assert session.speed == 60
    clock(client, session, speed="7")
    session.refresh_from_db()
    assert session.speed == 60


# ---------------------------------------------------------------- finishing and the debrief
def test_finishing_shows_the_debrief_with_the_score(as_user, trainee, session):
    client = as_user(trainee)
    post_action(client, session, A.CATEGORISE, category="revenue")  # refused
    response = client.post(reverse("simulator:finish", kwargs={"pk": session.pk}))
    assert response["Location"] == reverse("simulator:debrief", kwargs={"pk": session.pk})
    session.refresh_from_db()
    assert session.status == SessionStatus.FINISHED and session.score is not None
    body = text(client.get(response["Location"]))
    assert f"{session.score} / 100" in body
    assert "Categorise every grievance, specifically" in body  # the rule, by its text
    assert "Haryana CM Window SOP" in body  # and its public source
    assert "Take every step the procedure requires." in body
    assert "cmw.categorise-specific" not in body and "score.procedure" not in body
    assert "There is no application on SARAL" in body  # the model answer, now
    assert 'id="timeline"' in body and 'id="decisions"' in body
    # the desk of a finished session is the debrief
    desk = client.get(reverse("simulator:desk", kwargs={"pk": session.pk}))
    assert desk["Location"] == response["Location"]


def test_abandoning(as_user, trainee, session):
    client = as_user(trainee)
    client.post(reverse("simulator:finish", kwargs={"pk": session.pk}), {"abandon": "1"})
    session.refresh_from_db()
    assert session.status == SessionStatus.ABANDONED


def test_the_debrief_of_a_running_session_is_the_desk(as_user, trainee, session):
    response = as_user(trainee).get(reverse("simulator:debrief", kwargs={"pk": session.pk}))
    assert response["Location"] == reverse("simulator:desk", kwargs={"pk": session.pk})


def test_the_debrief_shows_hard_fails(as_user, trainee, session):
    client = as_user(trainee)
    post_action(client, session, A.CATEGORISE, category="rev-income-certificate")
    post_action(client, session, A.FORWARD, office="tehsil-sohna")
    post_action(client, session, A.RETURN, R.DESIGNATED_OFFICER, reason="citizen_not_applied")
    client.post(reverse("simulator:finish", kwargs={"pk": session.pk}))
    body = text(client.get(reverse("simulator:debrief", kwargs={"pk": session.pk})))
    assert "Hard fails" in body
    assert "Never return an RTS grievance because the citizen has not applied" in body
    assert "Capped at 40" in body


def test_acting_on_a_finished_session(as_user, trainee, finished):
    client = as_user(trainee)
    response = post_action(client, finished, A.ACKNOWLEDGE)
    assert response["Location"] == reverse("simulator:debrief", kwargs={"pk": finished.pk})
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()


# ---------------------------------------------------------------- query counts
def _busy(session, trainee, n):
    """``n`` rounds of the clock and refused actions: many events on the log."""
    g = primary(session)
    for _ in range(n):
        services.perform(grievance=g, action=A.RETURN, actor=trainee, role=R.DESIGNATED_OFFICER)
        services.advance_clock(session=session, actor=trainee, hours=1)


DESK_QUERIES = 14


@pytest.mark.parametrize("rounds", [0, 40])
def test_the_desk_reads_in_a_fixed_number_of_queries(
    as_user, trainee, session, rounds, django_assert_max_num_queries
):
    _busy(session, trainee, rounds)
    client = as_user(trainee)
    url = reverse("simulator:desk", kwargs={"pk": session.pk})
    with django_assert_max_num_queries(DESK_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rounds", [0, 40])
def test_the_debrief_reads_in_a_fixed_number_of_queries(
    as_user, trainee, session, rounds, django_assert_max_num_queries
):
    _busy(session, trainee, rounds)
    services.finish_session(session=session, actor=trainee)
    client = as_user(trainee)
    with django_assert_max_num_queries(DESK_QUERIES):
        client.get(reverse("simulator:debrief", kwargs={"pk": session.pk}))


@pytest.mark.parametrize("sessions", [1, 25])
def test_the_list_reads_in_a_fixed_number_of_queries(
    as_user, trainee, scenario, sessions, django_assert_max_num_queries
):
    for _ in range(sessions):
        session = services.start_session(trainee=trainee, scenario=scenario)
        services.finish_session(session=session, actor=trainee, now=timezone.now())
    client = as_user(trainee)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("simulator:scenarios")).status_code == 200


def test_a_second_browser_sees_the_same_state(trainee, session):
    """State lives in the database, not the browser session (reload-proof)."""
    first, second = Client(), Client()
    first.force_login(trainee)
    second.force_login(trainee)
    post_action(first, session, A.ACKNOWLEDGE)
    body = text(second.get(reverse("simulator:desk", kwargs={"pk": session.pk})))
    assert "done " in body and "Acknowledge" in body


# ------------------------------------------------------------------ English inside Hindi pages
def test_english_only_values_are_marked_lang_en_on_hindi_pages(client, trainee, session):
    """Scenario titles, rulebook names, office and service names and the desk's drop-down
    options exist only in English: on a Hindi page they carry lang="en"."""
    client.force_login(trainee)
    client.cookies["django_language"] = "hi"
    Scenario.objects.filter(pk=session.scenario_id).update(title_hi="")  # English only
    Rulebook.objects.filter(pk=session.scenario.rulebook_id).update(name_hi="")
    listing = client.get(reverse("simulator:scenarios")).content.decode()
    assert '<html lang="hi">' in listing
    scenario = Scenario.objects.get(pk=session.scenario_id)
    assert f'<span lang="en">{scenario.title}' in listing.replace("&#x27;", "'")
    # a scenario with a Hindi title is shown by it, not by its English one
    translated = Scenario.objects.exclude(title_hi="").exclude(pk=scenario.pk).first()
    assert translated.title_hi in listing.replace("&#x27;", "'")
    assert f">{translated.title}<" not in listing.replace("&#x27;", "'")
    assert '<caption><span lang="en">' in listing  # a rulebook's name
    desk = client.get(reverse("simulator:desk", args=[session.pk])).content.decode()
    assert re.search(r'<dd><span lang="en">[^<]+</span> \(', desk)  # the service
    options = re.findall(r"<option\b[^>]*>[^<]*</option>", desk)
    for option in options:  # English options marked, Hindi ones not
        text = re.sub(r"<[^>]+>", "", option)
        if re.search("[A-Za-z]", text) and not re.search("[\u0900-\u097f]", text):
            assert 'lang="en"' in option, option
        elif re.search("[\u0900-\u097f]", text):
            assert 'lang="en"' not in option, option
    # in English nothing is marked
    client.cookies["django_language"] = "en"
    english = client.get(reverse("simulator:scenarios")).content.decode()
    assert '<span lang="en">' not in english
