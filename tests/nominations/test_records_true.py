"""The cell's desk keeps records true: marked attendance decides finalising (officers who
never clicked "Confirm" but attended are attended), a revoked certificate stays revoked
through bulk issue, and attendance is read-only (and check-in closed) once finalised."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates import services as certificates
from certificates import tasks as certificate_tasks
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from courses.models import Enrolment
from lms.core.models import AuditEntry
from lms.core.pdf import missing_fonts
from nominations import services
from nominations.enums import NominationState
from nominations.models import Attendance, Nomination
from programmes import services as programme_services
from reports import selectors as reports
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import approve, messages_of, move_to_past, officers

S = NominationState
pytestmark = pytest.mark.django_db
needs_fonts = pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is missing")


@pytest.fixture
def unconfirmed(department, hod, cell_admin):
    """Four approved officers, none confirmed; three marked present at both sessions, one
    absent at both; a fifth approved with no attendance marked; a sixth confirmed, never
    marked. The programme ended yesterday."""
    programme = open_programme(capacity=8, sessions=2, title="Grievance redress")
    people = officers(department, 6)
    items = approve(programme, people, hod=hod, cell_admin=cell_admin)
    services.respond(nomination=items[5], accept=True, actor=people[5])
    move_to_past(programme)
    for index, item in enumerate(items[:4]):
        for session in programme.sessions.all():
            programme_services.mark_attendance(
                session=session, nomination=item, present=index < 3, actor=cell_admin
            )
    return programme, items


def states(items):
    return [Nomination.objects.get(pk=item.pk).state for item in items]


def test_marked_attendance_decides_finalising_not_the_confirm_click(unconfirmed, cell_admin):
    programme, items = unconfirmed
    expected = [S.ATTENDED] * 3 + [S.NO_SHOW, S.WITHDRAWN, S.NO_SHOW]
    from programmes.selectors import finalise_preview

    preview = {row.nomination.pk: row for row in finalise_preview(programme).rows}
    assert [preview[item.pk].state for item in items] == expected
    assert "attended without confirming online" in preview[items[0].pk].reason
    assert preview[items[4].pk].reason == "Never confirmed and no attendance marked."
    assert states(items) == [S.APPROVED] * 5 + [S.CONFIRMED], "the preview writes nothing"

    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert counts == {S.ATTENDED: 3, S.NO_SHOW: 2, S.WITHDRAWN: 1}
    assert states(items) == expected
    fy = reports.fy_summary(_fy(programme))
    assert (fy["participants"], fy["no_show_rate"]) == (3, 40.0)  # 2 of the 5 decided


def _fy(programme):
    from lms.core.fy import financial_year_label

    return financial_year_label(programme.ends_on)


@needs_fonts
def test_unconfirmed_attendees_get_their_certificates(
    unconfirmed, cell_admin, django_capture_on_commit_callbacks
):
    programme, items = unconfirmed
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    holders = set(Certificate.objects.filter(programme=programme).values_list("holder", flat=True))
    assert holders == {item.officer_id for item in items[:3]}


def test_the_cell_confirms_for_the_officer_with_a_note(department, hod, cell_admin, other_hod):
    programme = open_programme(capacity=3, sessions=1)
    (item,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    for actor, note in ((cell_admin, "  "), (hod, "by phone"), (other_hod, "by phone")):
        with pytest.raises(services.NominationError):
            services.confirm_for_officer(nomination=item, actor=actor, note=note)
    assert states([item]) == [S.APPROVED]
    services.confirm_for_officer(nomination=item, actor=cell_admin, note="by phone on 3 March")
    assert states([item]) == [S.CONFIRMED]
    entry = AuditEntry.objects.get(action="nomination.transition", to_state=S.CONFIRMED)
    assert entry.actor_id == cell_admin.pk and entry.note.endswith("by phone on 3 March")
    assert Enrolment.objects.filter(user=item.officer, course=programme.course).exists()
    with pytest.raises(services.NominationError, match="Only an approved"):
        services.confirm_for_officer(nomination=item, actor=cell_admin, note="again")


def test_confirm_for_the_officer_from_the_desk(client, department, hod, cell_admin):
    programme = open_programme(capacity=3, sessions=1)
    (item,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    client.force_login(cell_admin)
    page = client.get(reverse("cell:programme", args=[programme.pk])).content.decode()
    assert reverse("cell:confirm", args=[item.pk]) in page
    url = reverse("cell:confirm", args=[item.pk])
    response = client.post(url, {"note": ""}, follow=True)
    assert messages_of(response)[0][0] == "error" and states([item]) == [S.APPROVED]
    client.post(url, {"note": "letter of 2 March"})
    assert states([item]) == [S.CONFIRMED]


# ------------------------------------------------------------------ revoked stays revoked
@needs_fonts
def test_bulk_issue_after_a_revocation_skips_it_and_only_reissue_gives_a_new_one(
    unconfirmed, cell_admin, client
):
    programme, items = unconfirmed
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    first = certificate_tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    assert first["issued"] == 3 and first["skipped"] == []
    revoked = Certificate.objects.get(programme=programme, holder=items[0].officer)
    certificates.revoke(certificate=revoked, reason="Wrong name printed", actor=cell_admin)

    again = certificate_tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    assert again["issued"] == 2
    assert [entry["officer"] for entry in again["skipped"]] == [str(items[0].officer)]
    assert "Wrong name printed" in again["skipped"][0]["reason"]
    assert Certificate.objects.filter(programme=programme, holder=items[0].officer).count() == 1
    verify = client.get(reverse("verify", args=[revoked.serial])).content.decode()
    assert "Revoked" in verify or "revoked" in verify

    client.force_login(cell_admin)
    page = client.get(reverse("certificates:programme", args=[programme.pk])).content.decode()
    assert "skipped by the bulk issue" in page

    with pytest.raises(certificates.CertificateError, match="reason"):
        certificates.reissue(certificate=revoked, reason=" ", actor=cell_admin)
    new = certificates.reissue(certificate=revoked, reason="Name corrected", actor=cell_admin)
    assert new.status == CertificateStatus.VALID and new.number != revoked.number
    revoked.refresh_from_db()
    assert revoked.status == CertificateStatus.REVOKED and revoked.replaced_by_id == new.pk
    assert AuditEntry.objects.filter(action="certificate.reissued", note="Name corrected").exists()
    with pytest.raises(certificates.CertificateError, match="already re-issued"):
        certificates.reissue(certificate=revoked, reason="twice", actor=cell_admin)
    third = certificate_tasks.issue_programme_certificates(programme.pk, cell_admin.pk)
    assert third["issued"] == 3 and third["skipped"] == []


@needs_fonts
def test_an_online_course_certificate_stays_revoked_too(department, cell_admin):
    from courses.models import LessonPage
    from courses.services import complete_lesson, enrol
    from lms.core.roles import Role
    from tests.factories import build_course, make_user

    course = build_course(modules=1, lessons_per_module=1)
    learner = make_user(Role.TRAINEE, department=department)
    enrolment = enrol(user=learner, course=course)
    complete_lesson(user=learner, lesson=LessonPage.objects.descendant_of(course).get())
    enrolment.refresh_from_db()
    certificate = certificates.issue_for_enrolment(enrolment=enrolment)
    certificates.revoke(
        certificate=certificate, reason="Completed by someone else", actor=cell_admin
    )
    assert certificate_tasks.issue_online_certificate(enrolment.pk) is None
    assert Certificate.objects.filter(holder=learner).count() == 1


# ------------------------------------------------------------------ attendance after finalising
def test_after_finalising_the_sheet_shows_who_attended_read_only(unconfirmed, cell_admin, client):
    programme, items = unconfirmed
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    session = programme.sessions.order_by("date").first()
    url = reverse("cell:attendance", args=[programme.pk, session.pk])
    client.force_login(cell_admin)
    page = client.get(url).content.decode()
    for item in items[:4]:
        assert item.officer.get_full_name() in page
    assert "Attendance (final)" in page and "No approved or confirmed officers" not in page
    assert 'type="radio"' not in page, "no radio buttons"
    assert "Open self check-in" not in page and "check-in is closed" in page

    marks = list(Attendance.objects.order_by("pk").values_list("present", flat=True))
    client.post(url, {f"n{items[3].pk}": "present"})
    client.post(url, {"action": "check-in"})
    assert list(Attendance.objects.order_by("pk").values_list("present", flat=True)) == marks
    session.refresh_from_db()
    assert session.check_in_code == ""
    with pytest.raises(programme_services.ProgrammeError, match="final"):
        programme_services.mark_attendance(
            session=session, nomination=items[3], present=True, actor=cell_admin
        )


def test_check_in_cannot_open_for_a_session_that_has_ended(department, hod, cell_admin):
    programme = open_programme(capacity=3, sessions=2)
    move_to_past(programme)
    ended = programme.sessions.order_by("date").first()
    with pytest.raises(programme_services.ProgrammeError, match="ended"):
        programme_services.open_check_in(session=ended, actor=cell_admin)
    today = programme.sessions.order_by("date").last()
    today.date = timezone.localdate()
    today.starts_at = datetime.time(0, 0)
    today.ends_at = datetime.time(23, 59, 59)
    today.save()
    assert len(programme_services.open_check_in(session=today, actor=cell_admin)) == 6
    yesterday_evening = timezone.now() - datetime.timedelta(days=1)
    assert programme_services.check_in_refusal(today, now=yesterday_evening) is None
