"""Reminders once per state change: the officer when a requirement becomes due and when it
becomes overdue, never twice; the HOD in one weekly digest; the cell sees what was sent."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from compliance import reminders
from compliance.models import Reminder
from lms.core.roles import Role
from tests.factories import make_user
from tests.factories.compliance import completed_online, hold_role, make_rule

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def officer(department):
    return make_user(Role.TRAINEE, department=department, first_name="Asha", last_name="Rani")


def test_the_officer_hears_once_when_due_and_once_when_overdue(
    course, officer, hod, django_capture_on_commit_callbacks
):
    make_rule(courses=[course], name="RTS officers", due_within_days=90, renewal_window_days=60)
    hold_role(officer, since=D(2024, 3, 1))  # due from 31 March, overdue from 30 May

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.send_reminders(today=day)

    assert run(D(2024, 3, 30)) == 0
    assert run(D(2024, 3, 31)) == 1
    assert mail.outbox[-1].to == [officer.email]
    assert mail.outbox[-1].subject == "Training due: RTS officers"
    assert "due by 30/05/2024" in mail.outbox[-1].body
    assert run(D(2024, 4, 1)) == 0  # still due: nothing new
    assert run(D(2024, 5, 30)) == 1
    assert mail.outbox[-1].subject == "Training overdue: RTS officers"
    assert run(D(2024, 6, 30)) == 0
    assert len(mail.outbox) == 2  # the HOD waits for the digest
    assert list(Reminder.objects.values_list("state", "deadline")) == [
        ("overdue", D(2024, 5, 30)),
        ("due", D(2024, 5, 30)),
    ]


def test_a_renewal_brings_new_reminders_for_the_new_deadline(course, officer):
    make_rule(courses=[course], valid_years=1, renewal_window_days=30)
    hold_role(officer, since=D(2020, 1, 1))
    completed_online(officer, course, on=D(2024, 2, 29))
    assert reminders.send_reminders(today=D(2025, 1, 29)) == 1  # due by 28 Feb 2025
    assert Reminder.objects.get().deadline == D(2025, 2, 28)


def test_the_hod_gets_one_weekly_digest_for_the_department(
    course, department, hod, other_hod, other_department, django_capture_on_commit_callbacks
):
    make_rule(courses=[course], name="GROs")
    for name in ("Asha", "Bina", "Chand"):
        hold_role(make_user(department=department, first_name=name), since=D(2020, 1, 1))
    hold_role(make_user(department=other_department, first_name="Dara"), since=D(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_reminders(today=D(2024, 6, 1)) == 4
        mail.outbox.clear()
        assert reminders.send_hod_digests() == 2
    by_recipient = {message.to[0]: message for message in mail.outbox}
    ours = by_recipient[hod.email]
    assert ours.subject == "Mandatory training: 3 officers of your department need training"
    assert "Asha" in ours.body and "Chand" in ours.body and "Dara" not in ours.body
    assert "Dara" in by_recipient[other_hod.email].body
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_hod_digests() == 0  # each reminder is in one digest only
    assert not Reminder.objects.filter(digested_at__isnull=True).exists()


def test_a_department_without_a_hod_keeps_its_reminders(course, department, officer):
    make_rule(courses=[course])
    hold_role(officer, since=D(2020, 1, 1))
    reminders.send_reminders(today=D(2024, 6, 1))
    assert reminders.send_hod_digests() == 0
    assert Reminder.objects.get().digested_at is None
    make_user(Role.HOD, department=department)
    assert reminders.send_hod_digests() == 1


def test_the_cell_sees_what_was_sent(client, cell_admin, course, officer):
    make_rule(courses=[course])
    hold_role(officer, since=D(2020, 1, 1))
    reminders.send_reminders(today=D(2024, 6, 1))
    client.force_login(cell_admin)
    response = client.get(reverse("training_reminders:index"))
    assert response.status_code == 200
    assert "Asha Rani" in response.content.decode()
