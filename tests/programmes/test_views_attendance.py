"""The attendance grid, self check-in codes, the coordinator's pages and finalising, as the
cell and the coordinator use them."""

import base64

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Enrolment
from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Attendance
from programmes import services as programme_services
from tests.factories import make_user
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import (
    approve,
    confirm,
    desk,
    messages_of,
    move_to_past,
    nominate,
    officers,
    sessions_today,
    set_status,
    states,
    text,
)

S = NominationState
P = ProgrammeStatus
pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ attendance
def _attendance_url(programme, session):
    return reverse("cell:attendance", args=[programme.pk, session.pk])


def test_attendance_saved_for_one_officer_is_singular(client, cell_admin, hod, department):
    programme = open_programme(capacity=5, sessions=1)
    (a,) = confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    (today,) = sessions_today(programme)
    client.force_login(cell_admin)
    url = _attendance_url(programme, today)
    response = client.post(url, {f"n{a.pk}": "present"}, follow=True)
    assert ("success", "Attendance saved for 1 officer.") in messages_of(response)


def test_cell_marks_attendance_on_the_grid(client, cell_admin, hod, department):
    programme = open_programme(capacity=5, sessions=2)
    a, b = confirm(approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin))
    (c,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    (waiting,) = nominate(programme, officers(department), hod=hod)
    today, _tomorrow = sessions_today(programme)
    client.force_login(cell_admin)
    url = _attendance_url(programme, today)
    response = client.get(url)
    assert {n.pk for n in response.context["nominations"]} == {a.pk, b.pk, c.pk}
    assert f'name="n{waiting.pk}"' not in response.content.decode()
    response = client.post(
        url,
        {
            f"n{a.pk}": "present",
            f"n{b.pk}": "absent",
            f"n{c.pk}": "present",
            f"n{waiting.pk}": "present",
        },
        follow=True,
    )
    assert ("success", "Attendance saved for 3 officers.") in messages_of(response)
    marks = dict(Attendance.objects.values_list("nomination_id", "present"))
    assert marks == {a.pk: True, b.pk: False, c.pk: True}
    assert set(Attendance.objects.values_list("session_id", flat=True)) == {today.pk}
    assert set(Attendance.objects.values_list("marked_by", flat=True)) == {cell_admin.pk}
    # correcting a mark updates it, and the grid shows the saved marks
    client.post(url, {f"n{b.pk}": "present"})
    assert Attendance.objects.get(nomination=b).present is True
    page = client.get(url).content.decode()
    assert f'id="p{b.pk}" checked' in page and f'id="a{b.pk}"' in page


def test_mark_everyone_not_yet_marked_present_keeps_the_absent_ones(
    client, cell_admin, hod, department
):
    programme = open_programme(capacity=5, sessions=2)
    a, b = confirm(approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin))
    (c,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    (waiting,) = nominate(programme, officers(department), hod=hod)
    today, tomorrow = sessions_today(programme)
    client.force_login(cell_admin)
    url = _attendance_url(programme, today)
    assert 'value="all-present"' in client.get(url).content.decode()
    client.post(url, {f"n{b.pk}": "absent"})
    response = client.post(url, {"action": "all-present"}, follow=True)
    assert ("success", "2 officers marked present.") in messages_of(response)
    marks = dict(Attendance.objects.filter(session=today).values_list("nomination_id", "present"))
    assert marks == {a.pk: True, b.pk: False, c.pk: True}  # not the waitlisted one
    assert waiting.pk not in marks
    # again: nothing left to mark
    response = client.post(url, {"action": "all-present"}, follow=True)
    assert messages_of(response) == [("info", "Every officer on the roll is already marked.")]
    # a future session: refused, nothing written
    response = client.post(
        _attendance_url(programme, tomorrow), {"action": "all-present"}, follow=True
    )
    assert messages_of(response) == [("error", "Attendance cannot be marked before the session.")]
    assert not Attendance.objects.filter(session=tomorrow).exists()


def test_only_the_cell_or_the_coordinator_marks_everyone_present(
    client, cell_admin, hod, department
):
    programme = open_programme(capacity=5, sessions=1)
    approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin)
    (today,) = sessions_today(programme)
    stranger = make_user(Role.TRAINER)
    client.force_login(stranger)
    response = client.post(_attendance_url(programme, today), {"action": "all-present"})
    assert response.status_code == 403
    client.force_login(hod)
    response = client.post(_attendance_url(programme, today), {"action": "all-present"})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_attendance_refusals_are_messages(client, cell_admin, hod, department):
    programme = open_programme(capacity=5, sessions=2)
    a, b = approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin)
    today, tomorrow = sessions_today(programme)
    client.force_login(cell_admin)
    # a future session: one message for the whole grid, nothing saved
    response = client.post(
        _attendance_url(programme, tomorrow),
        {f"n{a.pk}": "present", f"n{b.pk}": "present"},
        follow=True,
    )
    assert messages_of(response) == [("error", "Attendance cannot be marked before the session.")]
    # nothing chosen
    response = client.post(_attendance_url(programme, today), {}, follow=True)
    assert messages_of(response) == [("error", "Mark each officer present or absent, then save.")]
    # a value other than present/absent is ignored
    response = client.post(_attendance_url(programme, today), {f"n{a.pk}": "maybe"}, follow=True)
    assert messages_of(response) == [("error", "Mark each officer present or absent, then save.")]
    assert not Attendance.objects.exists()


def test_session_of_another_programme_is_404(client, cell_admin):
    programme, other = open_programme(), open_programme()
    client.force_login(cell_admin)
    assert client.get(_attendance_url(programme, other.sessions.first())).status_code == 404


def test_open_check_in_shows_code_and_qr(client, cell_admin, hod, department):
    programme = open_programme(sessions=1)
    (session,) = sessions_today(programme)
    client.force_login(cell_admin)
    page = client.get(_attendance_url(programme, session)).content.decode()
    assert "data:image/svg+xml" not in page and "Open self check-in" in page
    response = client.post(_attendance_url(programme, session), {"action": "check-in"}, follow=True)
    session.refresh_from_db()
    code = session.check_in_code
    assert len(code) == 6 and code.isalnum() and code.isupper()
    assert ("success", f"Self check-in is open with code {code}.") in messages_of(response)
    page = response.content.decode()
    assert f'<strong class="checkin-code">{code}</strong>' in page
    prefix = 'src="data:image/svg+xml;base64,'
    encoded = page.split(prefix, 1)[1].split('"', 1)[0]
    svg = base64.b64decode(encoded).decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "<path" in svg
    assert f"http://testserver{reverse('programmes:check_in')}" in page
    # a new code replaces the old one
    client.post(_attendance_url(programme, session), {"action": "check-in"})
    session.refresh_from_db()
    assert len(session.check_in_code) == 6 and session.check_in_code != code


def test_coordinator_marks_and_opens_check_in_only_for_their_programme(
    client, cell_admin, hod, department
):
    coordinator = make_user(Role.TRAINER, first_name="Coord")
    mine = open_programme(coordinator=coordinator, sessions=1)
    theirs = open_programme(sessions=1)
    (item,) = approve(mine, officers(department), hod=hod, cell_admin=cell_admin)
    (other_item,) = approve(theirs, officers(department), hod=hod, cell_admin=cell_admin)
    (session,) = sessions_today(mine)
    (other_session,) = sessions_today(theirs)
    client.force_login(coordinator)
    url = _attendance_url(mine, session)
    response = client.get(url)
    assert response.status_code == 200
    # the coordinator is not the cell: no link to the desk
    assert f'href="{desk(mine)}"' not in response.content.decode()
    client.post(url, {f"n{item.pk}": "present"})
    assert Attendance.objects.get(nomination=item).marked_by == coordinator
    client.post(url, {"action": "check-in"})
    session.refresh_from_db()
    assert len(session.check_in_code) == 6
    # nothing on another programme, and none of the cell's other pages
    other_url = _attendance_url(theirs, other_session)
    assert client.get(other_url).status_code == 403
    assert client.post(other_url, {f"n{other_item.pk}": "present"}).status_code == 403
    assert client.post(other_url, {"action": "check-in"}).status_code == 403
    other_session.refresh_from_db()
    assert other_session.check_in_code == ""
    assert not Attendance.objects.filter(nomination=other_item).exists()
    assert client.get(desk(mine)).status_code == 403
    assert client.get(reverse("cell:finalise", args=[mine.pk])).status_code == 403
    assert (
        client.post(reverse("cell:status", args=[mine.pk]), {"status": P.CLOSED}).status_code == 403
    )


def test_coordinating_page_lists_only_own_current_programmes(client, cell_admin):
    coordinator = make_user(Role.TRAINER)
    mine = open_programme(title="My batch", coordinator=coordinator, sessions=2)
    set_status(open_programme(title="My old batch", coordinator=coordinator), P.COMPLETED)
    open_programme(title="Someone else's batch")
    client.force_login(coordinator)
    response = client.get(reverse("cell:coordinating"))
    page = text(response)
    assert "My batch" in page and "My old batch" not in page and "Someone else" not in page
    for session in mine.sessions.all():
        assert _attendance_url(mine, session) in response.content.decode()
    client.force_login(make_user(Role.TRAINEE))
    assert "You coordinate no current programme." in text(client.get(reverse("cell:coordinating")))


# ------------------------------------------------------------------ finalise
def _ready_programme(hod, cell_admin, department, **fields):
    """A running programme that ended yesterday: two sessions; officer a present at both,
    b at one (50% < 75%), c approved but never confirmed."""
    programme = open_programme(capacity=5, sessions=2, **fields)
    a, b = confirm(approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin))
    (c,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    move_to_past(programme)
    first, second = programme.sessions.order_by("date")
    for session, item, present in [
        (first, a, True),
        (second, a, True),
        (first, b, True),
        (second, b, False),
    ]:
        programme_services.mark_attendance(
            session=session, nomination=item, present=present, actor=cell_admin
        )
    return programme, a, b, c


def test_finalise_of_a_one_day_programme_says_one_session(client, cell_admin, hod, department):
    programme = open_programme(capacity=5, sessions=1)
    confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    move_to_past(programme)
    client.force_login(cell_admin)
    page = text(client.get(reverse("cell:finalise", args=[programme.pk])))
    assert "1 session; completion needs attendance of at least 75%." in page
    assert "1 sessions;" not in page


def test_finalise_previews_then_applies_the_completion_rule(client, cell_admin, hod, department):
    programme, a, b, c = _ready_programme(hod, cell_admin, department)
    client.force_login(cell_admin)
    url = reverse("cell:finalise", args=[programme.pk])
    response = client.get(url)
    outcomes = {
        row.nomination.pk: (row.present, row.state) for row in response.context["preview"].rows
    }
    assert outcomes == {a.pk: (2, S.ATTENDED), b.pk: (1, S.NO_SHOW), c.pk: (0, S.WITHDRAWN)}
    page = text(response)
    assert "2 sessions; completion needs attendance of at least 75%." in page
    assert "Finalise and complete the programme" in page
    assert states(a, b, c) == [S.CONFIRMED, S.CONFIRMED, S.APPROVED]  # GET changes nothing
    response = client.post(url, follow=True)
    assert (
        "success",
        "Finalised: 1 completed, 1 did not complete, 1 withdrawn (never confirmed, no attendance marked).",
    ) in messages_of(response)
    assert states(a, b, c) == [S.ATTENDED, S.NO_SHOW, S.WITHDRAWN]
    programme.refresh_from_db()
    assert programme.status == P.COMPLETED
    # finalising twice is refused
    response = client.post(url, follow=True)
    assert ("error", "Only a closed or running programme can be finalised.") in messages_of(
        response
    )


def test_finalise_preview_counts_online_completion_when_required(
    client, cell_admin, hod, department
):
    programme, a, b, c = _ready_programme(
        hod, cell_admin, department, requires_online_completion=True
    )
    Enrolment.objects.filter(user=a.officer).update(completed_at=None)
    client.force_login(cell_admin)
    response = client.get(reverse("cell:finalise", args=[programme.pk]))
    outcomes = {row.nomination.pk: row.state for row in response.context["preview"].rows}
    assert outcomes[a.pk] == S.NO_SHOW  # attended enough but the lessons are not done
    Enrolment.objects.filter(user=a.officer).update(completed_at=timezone.now())
    response = client.get(reverse("cell:finalise", args=[programme.pk]))
    outcomes = {row.nomination.pk: row.state for row in response.context["preview"].rows}
    assert outcomes[a.pk] == S.ATTENDED
    assert "The online lessons must be completed too." in text(response)


def test_finalise_before_the_end_is_refused(client, cell_admin, hod, department):
    programme = open_programme(sessions=2)
    (item,) = confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    set_status(programme, P.RUNNING)
    client.force_login(cell_admin)
    url = reverse("cell:finalise", args=[programme.pk])
    response = client.get(url)
    page = text(response)
    assert "The programme has not ended yet." in page
    assert "Finalise and complete the programme" not in page
    assert "Finalise attendance" not in text(client.get(desk(programme)))
    response = client.post(url, follow=True)
    assert ("error", "The programme has not ended yet.") in messages_of(response)
    assert states(item) == [S.CONFIRMED]
    programme.refresh_from_db()
    assert programme.status == P.RUNNING
