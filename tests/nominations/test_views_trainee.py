"""The officer's pages: my nominations with confirm / decline, my programmes, and the
self check-in form; only one's own nominations, and clear errors."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeMode
from courses.models import Programme
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Attendance, Nomination
from programmes import services as programme_services
from tests.factories import make_user
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_views import messages_of, nominate, queries, staff, text

S = NominationState
pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"nominations:{name}", args=args)


def approved(programme, people, *, hod, cell_admin):
    items = nominate(programme, people, hod=hod)
    for item in items:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    return [Nomination.objects.get(pk=item.pk) for item in items]


# ------------------------------------------------------------------ sign-in
def test_officer_pages_need_sign_in(client, hod, department):
    (item,) = nominate(open_programme(), staff(department, 1), hod=hod)
    for address in (url("mine"), reverse("programmes:check_in"), url("respond", item.pk)):
        for response in (client.get(address), client.post(address, {"answer": "confirm"})):
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("accounts:login"))
    assert Nomination.objects.get(pk=item.pk).state == S.SUBMITTED


# ------------------------------------------------------------------ my nominations
def test_my_nominations_list_only_mine_with_state_dates_and_place(
    client, hod, cell_admin, department
):
    me, colleague = staff(department, 2)
    online = open_programme(
        title="Online RTI", mode=ProgrammeMode.ONLINE, online_link="https://meet.example/rti"
    )
    classroom = open_programme(title="Classroom Sevottam", capacity=1)
    nominate(online, [me], hod=hod)
    (seat,) = approved(classroom, [me], hod=hod, cell_admin=cell_admin)
    nominate(open_programme(title="Colleague only"), [colleague], hod=hod)
    client.force_login(me)
    response = client.get(url("mine"))
    page = text(response)
    assert "Online RTI" in page and "Classroom Sevottam" in page
    assert "Colleague only" not in page
    assert "Submitted" in page and "Approved" in page
    assert f"{classroom.starts_on:%d/%m/%Y} – {classroom.ends_on:%d/%m/%Y}" in page
    assert "Classroom: HIPA Gurugram" in page and "Online: HIPA Gurugram" in page
    body = response.content.decode()
    # Confirm / Decline only for the approved nomination
    assert body.count('name="answer" value="confirm"') == 1
    assert url("respond", seat.pk) in body
    # one table: the nominations are not repeated in a second one
    assert body.count("<table") == 1 and "My programmes" not in page


def row_of(body: str, title: str) -> str:
    """The table row of the programme called ``title`` (its HTML)."""
    (row,) = [r for r in re.findall(r"<tr>(.*?)</tr>", body, re.S) if title in r]
    return row


def test_one_table_says_what_the_officer_answered(client, hod, cell_admin, department):
    (me,) = staff(department, 1)
    confirmed_in = open_programme(
        title="Confirmed batch", mode=ProgrammeMode.HYBRID, online_link="https://meet.example/x"
    )
    attended_in = open_programme(title="Attended batch")
    approved_in = open_programme(title="Approved batch")
    declined_in = open_programme(title="Declined batch")
    for programme, state in (
        (confirmed_in, S.CONFIRMED),
        (attended_in, S.ATTENDED),
        (approved_in, S.APPROVED),
        (declined_in, S.DECLINED),
    ):
        nominate(programme, [me], hod=hod, state=state)
    client.force_login(me)
    body = client.get(url("mine")).content.decode()
    assert body.count("<table") == 1
    for programme in (confirmed_in, attended_in, approved_in, declined_in):
        # each nomination once, its programme's title linking to the programme's page
        link = (
            f'<a href="{reverse("programmes:detail", args=[programme.pk])}">{programme.title}</a>'
        )
        assert body.count(f'<th scope="row">{link}') == 1, programme.title
    today = f"{timezone.localdate():%d/%m/%Y}"
    confirmed = row_of(body, "Confirmed batch")
    assert f"Confirmed on {today}" in confirmed and ">—<" not in confirmed
    assert 'href="https://meet.example/x"' in confirmed  # the link of a confirmed seat
    assert f"Declined on {today}" in row_of(body, "Declined batch")
    assert 'value="confirm"' in row_of(body, "Approved batch")
    assert "Confirmed on" not in row_of(body, "Attended batch")


def test_my_nominations_when_there_are_none(client, trainee):
    client.force_login(trainee)
    page = text(client.get(url("mine")))
    assert "You have not been nominated to any programme." in page


def test_my_nominations_queries_do_not_grow(
    client, hod, cell_admin, department, django_assert_num_queries
):
    (me,) = staff(department, 1)
    approved(open_programme(), [me], hod=hod, cell_admin=cell_admin)
    client.force_login(me)
    small = queries(client, url("mine"))
    for n in range(6):
        programme = open_programme(title=f"Batch {n}")
        nominate(programme, [me], hod=hod, state=[S.CONFIRMED, S.APPROVED, S.ATTENDED][n % 3])
    with django_assert_num_queries(small):
        response = client.get(url("mine"))
    assert len(response.context["nominations"]) == 7


# ------------------------------------------------------------------ confirm / decline
def test_officer_confirms_an_approved_nomination(client, hod, cell_admin, department):
    (me,) = staff(department, 1)
    (item,) = approved(open_programme(), [me], hod=hod, cell_admin=cell_admin)
    client.force_login(me)
    response = client.post(url("respond", item.pk), {"answer": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == url("mine")
    assert "Confirmed: see you at the programme." in messages_of(response)
    assert Nomination.objects.get(pk=item.pk).state == S.CONFIRMED
    row = row_of(response.content.decode(), item.programme.title)
    assert f"Confirmed on {timezone.localdate():%d/%m/%Y}" in row and 'value="confirm"' not in row


def test_decline_asks_for_confirmation_and_promotes_the_waitlist(
    client, hod, cell_admin, department
):
    programme = open_programme(capacity=1)
    me, next_in_line = staff(department, 2)
    (item,) = approved(programme, [me], hod=hod, cell_admin=cell_admin)
    (waiting,) = nominate(programme, [next_in_line], hod=hod)
    services.decide(nomination=waiting, decision=S.WAITLISTED, actor=cell_admin)
    client.force_login(me)
    page = client.post(url("respond", item.pk), {"answer": "decline"}).content.decode()
    assert "Decline this nomination?" in page and 'name="sure" value="yes"' in page
    assert Nomination.objects.get(pk=item.pk).state == S.APPROVED
    response = client.post(
        url("respond", item.pk), {"answer": "decline", "sure": "yes"}, follow=True
    )
    assert "You have declined." in messages_of(response)
    assert Nomination.objects.get(pk=item.pk).state == S.DECLINED
    assert Nomination.objects.get(pk=waiting.pk).state == S.APPROVED


def test_an_officer_cannot_answer_someone_elses_nomination(client, hod, cell_admin, department):
    me, colleague = staff(department, 2)
    mine, theirs = approved(
        open_programme(capacity=3), [me, colleague], hod=hod, cell_admin=cell_admin
    )
    client.force_login(me)
    for data in ({"answer": "confirm"}, {"answer": "decline", "sure": "yes"}):
        assert client.post(url("respond", theirs.pk), data).status_code == 404
    assert client.get(url("respond", theirs.pk)).status_code == 404
    # nor can the HOD answer for the officer
    client.force_login(hod)
    assert client.post(url("respond", mine.pk), {"answer": "confirm"}).status_code == 404
    assert set(Nomination.objects.values_list("state", flat=True)) == {S.APPROVED}


def test_respond_bad_input(client, hod, department):
    (me,) = staff(department, 1)
    (item,) = nominate(open_programme(), [me], hod=hod)
    client.force_login(me)
    assert client.post(url("respond", item.pk), {"answer": "maybe"}).status_code == 404
    assert client.post(url("respond", item.pk), {}).status_code == 404
    assert client.get(url("respond", item.pk))["Location"] == url("mine")
    # a nomination not yet approved cannot be confirmed: the service's reason is shown
    response = client.post(url("respond", item.pk), {"answer": "confirm"}, follow=True)
    assert any("cannot go from Submitted" in m for m in messages_of(response))
    assert Nomination.objects.get(pk=item.pk).state == S.SUBMITTED
    assert client.post(url("respond", 999999), {"answer": "confirm"}).status_code == 404


# ------------------------------------------------------------------ check-in
@pytest.fixture
def session_today(hod, cell_admin, department):
    """An approved officer and a programme session on today, open all day, with a code."""
    (me,) = staff(department, 1)
    programme = open_programme(capacity=2, sessions=1)
    (item,) = approved(programme, [me], hod=hod, cell_admin=cell_admin)
    session = programme.sessions.get()
    session.date = timezone.localdate()
    session.starts_at, session.ends_at = datetime.time(0, 0), datetime.time(23, 59, 59)
    session.save()
    code = programme_services.open_check_in(session=session, actor=cell_admin)
    return me, item, session, code


def test_check_in_form_prefills_the_code_from_the_qr_link(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("programmes:check_in"), {"code": "K7M2QXEXTRA"}).content.decode()
    assert 'value="K7M2QX"' in page


def test_the_old_check_in_address_still_takes_the_code(client, trainee):
    """Check-in moved to /programmes/; a QR code printed with the old address lands on the
    new page with its code."""
    client.force_login(trainee)
    response = client.get("/nominations/check-in/", {"code": "K7M2QX"})
    assert response.status_code == 301
    assert response["Location"] == reverse("programmes:check_in") + "?code=K7M2QX"
    page = client.get(response["Location"]).content.decode()
    assert 'value="K7M2QX"' in page


@pytest.mark.parametrize("code", ["", "ABC", "ABCDEFG", "AB CD", "AB!CD?"])
def test_check_in_refuses_malformed_codes(client, session_today, code):
    me, item, _, _ = session_today
    client.force_login(me)
    page = client.post(reverse("programmes:check_in"), {"code": code}).content.decode()
    assert "field-error" in page
    if code:
        assert "The check-in code has 6 letters and digits" in page
    assert not Attendance.objects.exists()


def test_check_in_with_a_wrong_code(client, session_today):
    me, _, _, code = session_today
    wrong = "".join("A" if c != "A" else "B" for c in code)
    client.force_login(me)
    page = text(client.post(reverse("programmes:check_in"), {"code": wrong}))
    assert "This code is not valid now. Check in during the session." in page
    assert not Attendance.objects.exists()


def test_check_in_outside_the_session_day(client, session_today):
    me, _, session, code = session_today
    session.date = timezone.localdate() + datetime.timedelta(days=1)
    session.save()
    client.force_login(me)
    assert "This code is not valid now" in text(
        client.post(reverse("programmes:check_in"), {"code": code})
    )
    assert not Attendance.objects.exists()


def test_check_in_without_a_seat(client, session_today, department):
    _, _, _, code = session_today
    stranger = make_user(Role.TRAINEE, department=department)
    client.force_login(stranger)
    page = text(client.post(reverse("programmes:check_in"), {"code": code}))
    assert "You have no confirmed seat in this programme." in page
    assert not Attendance.objects.exists()


def test_check_in_forgives_case_and_spaces_and_records_self_attendance(client, session_today):
    me, item, session, code = session_today
    client.force_login(me)
    typed = f" {code[:3].lower()} {code[3:].lower()} "
    response = client.post(reverse("programmes:check_in"), {"code": typed}, follow=True)
    assert response.redirect_chain[-1][0] == url("mine")
    assert any("You are checked in" in m for m in messages_of(response))
    attendance = Attendance.objects.get()
    assert (attendance.nomination, attendance.session) == (item, session)
    assert attendance.present and attendance.method == "self" and attendance.marked_by == me
    # checking in twice keeps one record
    client.post(reverse("programmes:check_in"), {"code": code})
    assert Attendance.objects.count() == 1


# ------------------------------------------------------------------ asking to withdraw
def _confirmed(hod, cell_admin, officer, **fields):
    programme = open_programme(capacity=3, **fields)
    item = services.nominate(programme=programme, officer=officer, actor=hod)
    services.decide(nomination=item, decision=NominationState.APPROVED, actor=cell_admin)
    services.respond(nomination=item, accept=True, actor=officer)
    return Nomination.objects.get(pk=item.pk)


def test_a_confirmed_officer_asks_to_withdraw_and_the_hod_hears(
    client, hod, cell_admin, department, mailoutbox, django_capture_on_commit_callbacks
):
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    item = _confirmed(hod, cell_admin, officer)
    client.force_login(officer)
    page = client.get(url("mine")).content.decode()
    ask = reverse("nominations:ask_to_withdraw", args=[item.pk])
    assert f'href="{ask}"' in page
    assert f'href="{reverse("programmes:detail", args=[item.programme_id])}"' in page
    # an empty reason is refused on the form, nothing recorded
    assert "field-error" in client.post(ask, {"reason": "  "}).content.decode()
    assert Nomination.objects.get(pk=item.pk).withdrawal_asked_at is None
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask, {"reason": "Election duty on those dates"}, follow=True)
    assert "Your HOD has been asked to withdraw you" in response.content.decode()
    item.refresh_from_db()
    assert item.state == NominationState.CONFIRMED  # still holds the seat
    assert item.withdrawal_reason == "Election duty on those dates"
    assert [m.to for m in mailoutbox] == [[hod.email]]
    assert "Election duty on those dates" in mailoutbox[0].body
    assert (
        AuditEntry.objects.filter(action="nomination.withdrawal_asked", actor=officer).count() == 1
    )
    # the HOD sees the request on the department page, the officer sees it is sent
    client.force_login(hod)
    assert "Election duty on those dates" in client.get(url("department")).content.decode()
    client.force_login(officer)
    page = client.get(url("mine")).content.decode()
    assert "You asked to withdraw on" in page and f'href="{ask}"' not in page
    # asking twice is refused
    response = client.post(ask, {"reason": "Again"}, follow=True)
    assert "already asked" in response.content.decode()


def test_only_the_officer_of_a_confirmed_nomination_before_the_start_may_ask(
    client, hod, cell_admin, department
):
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    other = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    item = _confirmed(hod, cell_admin, officer)
    ask = reverse("nominations:ask_to_withdraw", args=[item.pk])
    client.force_login(other)
    assert client.post(ask, {"reason": "x"}).status_code == 404
    with pytest.raises(services.NominationError, match="Only the nominated officer"):
        services.ask_to_withdraw(nomination=item, actor=hod, reason="x")
    # not confirmed (approved: the officer can decline instead)
    approved = services.nominate(programme=item.programme, officer=other, actor=hod)
    services.decide(nomination=approved, decision=NominationState.APPROVED, actor=cell_admin)
    with pytest.raises(services.NominationError, match="Only a confirmed"):
        services.ask_to_withdraw(nomination=approved, actor=other, reason="x")
    # started programme
    Programme.objects.filter(pk=item.programme_id).update(starts_on=timezone.localdate())
    with pytest.raises(services.NominationError, match="has started"):
        services.ask_to_withdraw(nomination=item, actor=officer, reason="x")
    assert Nomination.objects.get(pk=item.pk).withdrawal_asked_at is None
