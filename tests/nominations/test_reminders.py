import datetime

import pytest
from django.utils import timezone

from nominations import services, tasks
from nominations.enums import NominationState
from tests.factories import make_user
from tests.nominations.factories import open_programme

S = NominationState
pytestmark = pytest.mark.django_db


def test_window_reminder_goes_once_to_hods_with_unfilled_quota(
    department,
    other_department,
    hod,
    other_hod,
    cell_admin,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    programme = open_programme(
        title="Closing soon",
        closes=now + datetime.timedelta(days=1),
        quotas={department: 2, other_department: 1},
    )
    later = open_programme(
        title="Closing later", closes=now + datetime.timedelta(days=4), quotas={department: 2}
    )
    services.nominate(
        programme=programme,
        officer=make_user(department=other_department, level="cutting_edge"),
        actor=other_hod,
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_window_reminders() == 1
        assert tasks.send_window_reminders() == 0
    assert [m.to for m in mailoutbox] == [[hod.email]]
    assert "2 of its 2 seats" in mailoutbox[0].body and programme.title in mailoutbox[0].subject
    assert later.title not in mailoutbox[0].subject


def test_start_reminder_goes_once_to_confirmed_officers(
    department, hod, cell_admin, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme(capacity=3)
    officers = [make_user(department=department, level="cutting_edge") for _ in range(2)]
    items = [services.nominate(programme=programme, officer=o, actor=hod) for o in officers]
    for item in items:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    services.respond(nomination=items[0], accept=True, actor=officers[0])
    mailoutbox.clear()
    from nominations.reminders import send_start_reminders

    with django_capture_on_commit_callbacks(execute=True):
        assert send_start_reminders(today=programme.starts_on - datetime.timedelta(days=3)) == 0
        assert send_start_reminders(today=programme.starts_on - datetime.timedelta(days=1)) == 1
        assert send_start_reminders(today=programme.starts_on - datetime.timedelta(days=1)) == 0
    assert [m.to for m in mailoutbox] == [[officers[0].email]]
    assert programme.starts_on.strftime("%d/%m/%Y") in mailoutbox[0].body


def test_beat_schedule_names_real_tasks():
    from django.conf import settings

    from lms.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
