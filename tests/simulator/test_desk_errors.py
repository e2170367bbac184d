"""The desk after a form error (issue 16): the invalid post is answered with a redirect to
the desk's own address, where the form is shown again with what was typed and its errors
next to their fields; reloading, switching role and switching language keep working and
keep the typed text; a GET of the POST-only action address goes back to the desk. And the
debrief reads each dimension's points as a sentence ("31.3 of 31.3 points (weight 25%)")."""

import re

import pytest
from django.urls import reverse

from simulator import services
from simulator.enums import Action, SimRole
from simulator.models import Grievance, GrievanceEvent, Scenario

A = Action
R = SimRole
pytestmark = pytest.mark.django_db
RTS = "cmw-income-certificate-not-applied"
TYPED = "The Tehsildar's office issues income certificates; sent on 2 March."
KEPT = "Tehsildar&#x27;s office issues income certificates"


@pytest.fixture
def session(seeded, trainee, monday):
    scenario = Scenario.objects.get(code=RTS)
    return services.start_session(trainee=trainee, scenario=scenario, now=monday)


@pytest.fixture
def client_in(client, trainee):
    client.force_login(trainee)
    return client


def primary(session) -> Grievance:
    return Grievance.objects.get(session=session, is_primary=True)


def desk_url(session, **query) -> str:
    url = reverse("simulator:desk", kwargs={"pk": session.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def post(client, session, action, role, **fields):
    data = {"action": action, "role": role, "grievance": primary(session).pk}
    data.update({f"{action}-{key}": value for key, value in fields.items()})
    return client.post(reverse("simulator:act", kwargs={"pk": session.pk}), data)


def bad_transfer(client, session):
    """A transfer with its reasons typed and an office that is not offered."""
    return post(client, session, A.TRANSFER, R.NODAL_OFFICER, office="nowhere", reason=TYPED)


def body(response) -> str:
    return response.content.decode()


def test_an_invalid_action_redirects_to_the_desk(client_in, session):
    response = bad_transfer(client_in, session)
    assert response.status_code == 302
    g = primary(session).pk
    assert response["Location"] == (desk_url(session, role=R.NODAL_OFFICER, g=g) + "#form-transfer")
    assert "/act/" not in response["Location"]
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()


def test_the_desk_shows_the_error_by_its_field_and_the_typed_text(client_in, session):
    page = client_in.get(bad_transfer(client_in, session)["Location"])
    assert page.status_code == 200
    html = body(page)
    assert "The form has errors: see &#x27;Transfer to another organisation&#x27; below." in html
    assert 'role="alert" id="errors-transfer"' in html
    assert 'href="#id_transfer-office"' in html
    assert 'id="id_transfer-office_error"' in html  # the error by its field
    assert 'aria-describedby="id_transfer-office_error"' in html
    assert KEPT in html  # what was typed is kept
    assert 'value="tehsil-sohna" selected' not in html
    # the other forms on the desk are not touched
    assert 'id="errors-return"' not in html


def test_an_empty_required_field_is_shown_on_the_right_form(client_in, session):
    response = post(client_in, session, A.CATEGORISE, R.NODAL_OFFICER, category="")
    html = body(client_in.get(response["Location"]))
    assert 'id="errors-categorise"' in html
    assert 'id="id_categorise-category_error"' in html
    assert html.count('class="error-summary"') == 1


def test_the_typed_text_survives_a_reload_a_role_switch_and_the_language(client_in, session):
    location = bad_transfer(client_in, session)["Location"]
    assert KEPT in body(client_in.get(location))
    assert KEPT in body(client_in.get(location))  # reloaded
    g = primary(session).pk
    # "Switch role" (a GET form) works, and coming back still shows the draft
    other = client_in.get(desk_url(session, role=R.SENIOR, g=g))
    assert other.status_code == 200 and KEPT not in body(other)
    back = client_in.get(desk_url(session, role=R.NODAL_OFFICER, g=g))
    assert KEPT in body(back) and 'id="errors-transfer"' in body(back)
    # the language switcher posts the desk's address as "next": it answers with the desk
    switched = client_in.post(reverse("set_language"), {"language": "hi", "next": location})
    assert switched.status_code == 302
    hindi = client_in.get(switched["Location"])
    assert hindi.status_code == 200 and '<html lang="hi">' in body(hindi)
    assert KEPT in body(hindi)
    assert 'id="id_transfer-office_error"' in body(hindi)


def test_sending_the_form_again_uses_the_new_input_and_forgets_the_draft(client_in, session):
    bad_transfer(client_in, session)
    response = post(
        client_in, session, A.TRANSFER, R.NODAL_OFFICER, office="tehsil-sohna", reason="Fixed."
    )
    assert response.status_code == 302 and response["Location"].endswith("#log")
    assert GrievanceEvent.objects.filter(actor__isnull=False).exists()
    html = body(client_in.get(response["Location"]))
    assert KEPT not in html.split('id="log"')[0]
    assert 'id="errors-transfer"' not in html


def test_another_action_keeps_the_draft(client_in, session):
    bad_transfer(client_in, session)
    post(client_in, session, A.ACKNOWLEDGE, R.NODAL_OFFICER)
    html = body(client_in.get(desk_url(session, role=R.NODAL_OFFICER)))
    assert KEPT in html


def test_a_get_of_the_action_address_goes_to_the_desk(client_in, session):
    response = client_in.get(reverse("simulator:act", kwargs={"pk": session.pk}))
    assert response.status_code == 302 and response["Location"] == desk_url(session)
    assert client_in.get(response["Location"]).status_code == 200
    assert not GrievanceEvent.objects.filter(actor__isnull=False).exists()


def test_a_get_of_the_action_address_of_someone_else_s_session(client, session, hod):
    client.force_login(hod)
    assert client.get(reverse("simulator:act", kwargs={"pk": session.pk})).status_code == 404


def test_a_draft_does_not_leak_into_another_session(client_in, session, trainee, monday):
    bad_transfer(client_in, session)
    other = services.start_session(trainee=trainee, scenario=session.scenario, now=monday)
    html = body(client_in.get(desk_url(other, role=R.NODAL_OFFICER)))
    assert KEPT not in html


def test_the_debrief_reads_each_dimension_s_points_naturally(client_in, session, trainee):
    services.finish_session(session=session, actor=trainee)
    html = body(client_in.get(reverse("simulator:debrief", kwargs={"pk": session.pk})))
    table = html.split('id="dimensions"')[1].split("</table>")[0]
    assert re.search(r"<td>\d+(\.\d)? of \d+(\.\d)? points \(weight \d+%\)</td>", table), table
    assert " / " not in table and "Weight" not in table
