"""Celery beat reminders (nominations/tasks.py -> nominations/reminders.py): who is
reminded, when, and that each reminder goes only once."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from courses.enums import ProgrammeStatus
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import reminders, services, tasks
from nominations.enums import NominationState
from tests.factories import DepartmentFactory, make_user
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import approve, confirm, nominate, officers, set_status, update

S = NominationState
P = ProgrammeStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks, mailoutbox):
    """Run a reminder function, send its after-commit emails, return (count, new mails)."""

    def call(function, **kwargs):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            count = function(**kwargs)
        return count, mailoutbox[before:]

    return call


def closing_soon(**fields):
    return open_programme(closes=timezone.now() + datetime.timedelta(days=1), **fields)


def recipients(mails) -> list[str]:
    return sorted(address for mail in mails for address in mail.to)


# ------------------------------------------------------------------ window reminder
def test_window_reminder_goes_to_hods_of_quota_departments_with_unfilled_seats(
    run, department, other_department, hod, other_hod, cell_admin, trainee
):
    third = DepartmentFactory(name="Education")
    third_hod = make_user(Role.HOD, department=third)
    second_hod = make_user(Role.HOD, department=department, first_name="Nodal")
    bystander = make_user(Role.HOD, department=DepartmentFactory(name="Mines"))  # no quota
    programme = closing_soon(
        title="Charter batch", quotas={department: 2, other_department: 1, third: 1}
    )
    # the other department has filled its one seat with a live nomination; the third
    # department's only nomination was rejected, which leaves its seat unfilled
    nominate(programme, officers(other_department), hod=other_hod)
    (rejected,) = nominate(programme, officers(third), hod=third_hod)
    services.decide(nomination=rejected, decision=S.REJECTED, actor=cell_admin, reason="No")
    nominate(programme, officers(department), hod=hod)
    count, mails = run(tasks.send_window_reminders)
    assert count == 3
    assert recipients(mails) == sorted([hod.email, second_hod.email, third_hod.email])
    assert other_hod.email not in recipients(mails) and bystander.email not in recipients(mails)
    assert trainee.email not in recipients(mails)
    ours = next(m for m in mails if m.to == [hod.email])
    assert "Charter batch" in ours.subject
    assert "1 of its 2 seats" in ours.body
    closes = timezone.localtime(programme.nomination_closes_at)
    assert f"{closes:%d/%m/%Y %H:%M}" in ours.body
    theirs = next(m for m in mails if m.to == [third_hod.email])
    assert "1 of its 1 seats" in theirs.body
    entries = AuditEntry.objects.filter(action="reminder.window", object_id=str(programme.pk))
    assert sorted(e.data["department"] for e in entries) == sorted([department.pk, third.pk])


def test_window_reminder_is_sent_once(run, department, hod):
    programme = closing_soon(quotas={department: 2})
    assert run(tasks.send_window_reminders)[0] == 1
    assert run(tasks.send_window_reminders) == (0, [])
    # later the same day, and the next day while the window is still open
    later = timezone.now() + datetime.timedelta(hours=6)
    assert run(reminders.send_window_reminders, now=later) == (0, [])
    assert AuditEntry.objects.filter(action="reminder.window").count() == 1
    assert programme.nomination_closes_at > later


def test_window_reminder_timing_and_status(run, department, hod):
    now = timezone.now()
    quotas = {department: 1}
    too_early = open_programme(closes=now + datetime.timedelta(days=2, hours=1), quotas=quotas)
    due = open_programme(closes=now + datetime.timedelta(days=1, hours=23), quotas=quotas)
    closed = closing_soon(quotas=quotas, status=P.CLOSED)
    draft = closing_soon(quotas=quotas, status=P.DRAFT)
    cancelled = closing_soon(quotas=quotas, status=P.CANCELLED)
    over = open_programme(quotas=quotas)
    update(
        over,
        nomination_opens_at=now - datetime.timedelta(days=3),
        nomination_closes_at=now - datetime.timedelta(minutes=1),
    )
    not_open_yet = open_programme(
        opens=now + datetime.timedelta(hours=1),
        closes=now + datetime.timedelta(days=1),
        quotas=quotas,
    )
    count, mails = run(tasks.send_window_reminders)
    assert count == 1 and len(mails) == 1
    assert due.title in mails[0].subject
    reminded = set(
        AuditEntry.objects.filter(action="reminder.window").values_list("object_id", flat=True)
    )
    assert reminded == {str(due.pk)}
    for programme in (too_early, closed, draft, cancelled, over, not_open_yet):
        assert str(programme.pk) not in reminded
    # a day later the early one is due (and the one not open yet has closed by then)
    later = now + datetime.timedelta(days=1, hours=1)
    count, mails = run(reminders.send_window_reminders, now=later)
    assert count == 1 and mails[0].to == [hod.email]


def test_no_window_reminder_without_quotas_or_when_quotas_are_filled(
    run, department, other_department, hod, other_hod, cell_admin
):
    closing_soon(title="Open to all")  # no quotas: no reminder to anyone
    full = closing_soon(title="Full", quotas={department: 2})
    a, b = nominate(full, officers(department, 2), hod=hod)
    services.decide(nomination=a, decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=b, decision=S.WAITLISTED, actor=cell_admin)
    assert run(tasks.send_window_reminders) == (0, [])
    # a withdrawal re-opens a seat: the HOD is now reminded
    services.withdraw(nomination=b, actor=hod)
    count, mails = run(tasks.send_window_reminders)
    assert count == 1 and mails[0].to == [hod.email] and "1 of its 2 seats" in mails[0].body


def test_window_reminder_skips_inactive_hods_and_waits_for_one(run, department, hod):
    hod.is_active = False
    hod.save()
    closing_soon(quotas={department: 1})
    assert run(tasks.send_window_reminders) == (0, [])
    assert not AuditEntry.objects.filter(action="reminder.window").exists()
    # a HOD appointed later is still reminded (nothing was recorded as sent)
    new_hod = make_user(Role.HOD, department=department)
    count, mails = run(tasks.send_window_reminders)
    assert count == 1 and mails[0].to == [new_hod.email]


def test_reminder_emails_are_plain_text_not_html_escaped(run, department, hod, cell_admin):
    title = "Citizen's charter & <RTS>"
    closing_soon(title=title, quotas={department: 1})
    _count, (mail,) = run(tasks.send_window_reminders)
    assert title in mail.subject and title in mail.body
    assert "&amp;" not in mail.body and "&#x27;" not in mail.subject
    programme = open_programme(title=title, sessions=1)
    confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    _count, (mail,) = run(reminders.send_start_reminders, today=programme.starts_on)
    assert title in mail.subject and f'"{title}"' in mail.body


# ------------------------------------------------------------------ start reminder
def test_start_reminder_goes_once_to_confirmed_officers_only(run, department, hod, cell_admin):
    programme = open_programme(title="Charter batch", capacity=5, sessions=2)
    confirmed = confirm(approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin))
    (unconfirmed,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    (declined,) = approve(programme, officers(department), hod=hod, cell_admin=cell_admin)
    services.respond(nomination=declined, accept=False, actor=declined.officer)
    (withdrawn,) = confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    services.withdraw(nomination=withdrawn, actor=hod)
    (submitted,) = nominate(programme, officers(department), hod=hod)
    day_before = programme.starts_on - datetime.timedelta(days=1)
    count, mails = run(reminders.send_start_reminders, today=day_before)
    assert count == 2
    assert recipients(mails) == sorted(item.officer.email for item in confirmed)
    mail = mails[0]
    assert "Charter batch" in mail.subject and f"{programme.starts_on:%d/%m/%Y}" in mail.subject
    assert "HIPA Gurugram" in mail.body
    for session in programme.sessions.all():
        assert f"{session.date:%d/%m/%Y} 09:30-17:30" in mail.body
    # a re-run the same day, and the next day (start day), sends nothing more
    assert run(reminders.send_start_reminders, today=day_before) == (0, [])
    assert run(reminders.send_start_reminders, today=programme.starts_on) == (0, [])
    reminded = set(
        AuditEntry.objects.filter(action="reminder.start").values_list("object_id", flat=True)
    )
    assert reminded == {str(item.pk) for item in confirmed}
    for item in (unconfirmed, declined, withdrawn, submitted):
        assert str(item.pk) not in reminded


def test_start_reminder_timing_and_status(run, department, hod, cell_admin):
    programme = open_programme(sessions=1)
    (item,) = confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    starts = programme.starts_on
    for days_before in (3, 10):
        assert run(
            reminders.send_start_reminders, today=starts - datetime.timedelta(days=days_before)
        ) == (0, [])
    # already started: too late
    assert run(reminders.send_start_reminders, today=starts + datetime.timedelta(days=1)) == (0, [])
    set_status(programme, P.CANCELLED)
    assert run(reminders.send_start_reminders, today=starts - datetime.timedelta(days=2)) == (0, [])
    set_status(programme, P.CLOSED)
    count, mails = run(reminders.send_start_reminders, today=starts - datetime.timedelta(days=2))
    assert count == 1 and mails[0].to == [item.officer.email]


def test_start_reminder_includes_the_online_link(run, department, hod, cell_admin):
    programme = update(
        open_programme(sessions=1), venue="", mode="online", online_link="https://meet.example/abc"
    )
    confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    _count, (mail,) = run(reminders.send_start_reminders, today=programme.starts_on)
    assert "https://meet.example/abc" in mail.body and "Online" in mail.body


def _reads(queries) -> int:
    """SELECTs, leaving out what Wagtail's reference index does after each audit row is
    written (once the admin has registered AuditEntry): a per-write cost, not a read."""
    return sum(
        1
        for q in queries
        if q["sql"].lstrip().upper().startswith("SELECT")
        and "wagtailcore_referenceindex" not in q["sql"]
        and not q["sql"].startswith('SELECT "core_auditentry"."id", "core_auditentry"."created_at"')
    )


def test_start_reminder_runs_a_fixed_number_of_reads(department, hod, cell_admin):
    """Reads do not grow with the number of officers: one insert (audit row) per email."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = open_programme(capacity=30, sessions=3)
    confirm(approve(programme, officers(department, 2), hod=hod, cell_admin=cell_admin))
    with CaptureQueriesContext(connection) as ctx:
        assert reminders.send_start_reminders(today=programme.starts_on) == 2
    small = _reads(ctx.captured_queries)
    other = open_programme(capacity=30, sessions=3)
    confirm(approve(other, officers(department, 10), hod=hod, cell_admin=cell_admin))
    with CaptureQueriesContext(connection) as ctx:
        assert reminders.send_start_reminders(today=other.starts_on) == 10
    assert _reads(ctx.captured_queries) <= small


def test_window_reminder_runs_a_fixed_number_of_reads(department, other_department):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_user(Role.HOD, department=department)
    closing_soon(quotas={department: 1})
    with CaptureQueriesContext(connection) as ctx:
        assert reminders.send_window_reminders() == 1
    small = _reads(ctx.captured_queries)
    departments = [DepartmentFactory() for _ in range(4)]
    for dept in departments:
        make_user(Role.HOD, department=dept)
        make_user(Role.HOD, department=dept)
    for _ in range(3):
        closing_soon(quotas=dict.fromkeys(departments, 2))
    with CaptureQueriesContext(connection) as ctx:
        assert reminders.send_window_reminders() == 3 * 4 * 2
    assert _reads(ctx.captured_queries) <= small


# ------------------------------------------------------------------ tasks and beat
def test_tasks_run_through_celery(run, department, hod, cell_admin):
    closing_soon(quotas={department: 1})
    result = tasks.send_window_reminders.delay()
    assert result.get() == 1
    programme = open_programme(sessions=1)
    update(programme, starts_on=timezone.localdate() + datetime.timedelta(days=1))
    confirm(approve(programme, officers(department), hod=hod, cell_admin=cell_admin))
    assert tasks.send_start_reminders.delay().get() == 1
    assert tasks.send_start_reminders.delay().get() == 0


def test_beat_schedule_runs_both_reminders_every_morning_ist():
    from lms.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    by_task = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    assert set(by_task) >= {
        "nominations.tasks.send_window_reminders",
        "nominations.tasks.send_start_reminders",
    }
    for name in (
        "nominations.tasks.send_window_reminders",
        "nominations.tasks.send_start_reminders",
    ):
        entry = by_task[name]
        assert name in app.tasks
        assert isinstance(entry, crontab)
        assert entry.hour == {7} and entry.day_of_week == set(range(7))
    assert settings.CELERY_TIMEZONE == "Asia/Kolkata"
