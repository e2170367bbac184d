"""Freed seats and the waitlist, substitution, and cancelling a programme."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Programme
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import selectors, services
from nominations.enums import NominationState
from nominations.models import Nomination
from programmes import services as programme_services
from tests.factories import make_user

S = NominationState
pytestmark = pytest.mark.django_db


def states(*nominations):
    return [Nomination.objects.get(pk=n.pk).state for n in nominations]


def approve(nomination, cell_admin):
    return services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)


def waitlist(nomination, cell_admin):
    return services.decide(nomination=nomination, decision=S.WAITLISTED, actor=cell_admin)


# ------------------------------------------------------------------ waitlist promotion
@pytest.fixture
def full_with_waitlist(open_programme_factory, cell_admin, nomination_factory):
    """Capacity 1: one approved, two waitlisted (nominated in this order)."""
    programme = open_programme_factory(capacity=1)
    holder, first, second = (nomination_factory(programme) for _ in range(3))
    approve(holder, cell_admin)
    waitlist(first, cell_admin)
    waitlist(second, cell_admin)
    return holder, first, second


@pytest.mark.parametrize("held", [S.APPROVED, S.CONFIRMED])
def test_withdrawing_a_seat_promotes_the_first_waitlisted(
    held, full_with_waitlist, hod, mailoutbox, django_capture_on_commit_callbacks
):
    holder, first, second = full_with_waitlist
    Nomination.objects.filter(pk=holder.pk).update(state=held)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(nomination=holder, actor=hod, note="Transferred")
    assert states(holder, first, second) == [S.WITHDRAWN, S.APPROVED, S.WAITLISTED]
    entry = AuditEntry.objects.get(object_id=str(first.pk), to_state=S.APPROVED)
    assert (entry.actor, entry.from_state, entry.note) == (
        None,
        S.WAITLISTED,
        "Promoted automatically from the waitlist.",
    )
    promoted_mail = [m for m in mailoutbox if m.subject.startswith("Nomination Approved")]
    assert sorted(m.to[0] for m in promoted_mail) == sorted([first.officer.email, hod.email])
    assert "Promoted automatically" in promoted_mail[0].body


def test_declining_promotes_the_first_waitlisted(full_with_waitlist):
    holder, first, second = full_with_waitlist
    services.respond(nomination=holder, accept=False, actor=holder.officer, note="Unwell")
    assert states(holder, first, second) == [S.DECLINED, S.APPROVED, S.WAITLISTED]


def test_first_come_is_by_nomination_time_not_waitlisting_time(
    open_programme_factory, hod, cell_admin, nomination_factory
):
    programme = open_programme_factory(capacity=1)
    holder, early, late = (nomination_factory(programme) for _ in range(3))
    approve(holder, cell_admin)
    waitlist(late, cell_admin)
    waitlist(early, cell_admin)
    services.withdraw(nomination=holder, actor=hod)
    assert states(early, late) == [S.APPROVED, S.WAITLISTED]


@pytest.fixture
def quota_waitlist(
    open_programme_factory, department, other_department, other_hod, cell_admin, nomination_factory
):
    """Capacity 2, quotas ours 1 / theirs 2. Ours and theirs each hold a seat; the waitlist
    is ours (nominated first: our quota is full) then theirs."""
    programme = open_programme_factory(capacity=2, quotas={department: 1, other_department: 2})
    our_holder = nomination_factory(programme)
    their_holder = nomination_factory(programme, by=other_hod)
    ours_waiting = nomination_factory(programme)
    theirs_waiting = nomination_factory(programme, by=other_hod)
    for item in (our_holder, their_holder):
        approve(item, cell_admin)
    for item in (ours_waiting, theirs_waiting):
        waitlist(item, cell_admin)
    return programme, our_holder, their_holder, ours_waiting, theirs_waiting


def test_withdrawal_skips_a_waitlisted_whose_quota_is_full(quota_waitlist, other_hod):
    programme, our_holder, their_holder, ours_waiting, theirs_waiting = quota_waitlist
    services.withdraw(nomination=their_holder, actor=other_hod)
    assert states(ours_waiting, theirs_waiting) == [S.WAITLISTED, S.APPROVED]
    assert selectors.seat_counts(programme)["taken"] == 2


def test_decline_skips_a_waitlisted_whose_quota_is_full(quota_waitlist):
    programme, our_holder, their_holder, ours_waiting, theirs_waiting = quota_waitlist
    services.respond(nomination=their_holder, accept=False, actor=their_holder.officer)
    assert states(ours_waiting, theirs_waiting) == [S.WAITLISTED, S.APPROVED]


def test_freeing_our_own_seat_promotes_ours_first(quota_waitlist, hod):
    programme, our_holder, their_holder, ours_waiting, theirs_waiting = quota_waitlist
    services.withdraw(nomination=our_holder, actor=hod)
    assert states(ours_waiting, theirs_waiting) == [S.APPROVED, S.WAITLISTED]


def test_a_freed_seat_stays_free_when_nobody_fits(
    open_programme_factory,
    department,
    other_department,
    hod,
    other_hod,
    cell_admin,
    nomination_factory,
):
    programme = open_programme_factory(capacity=2, quotas={department: 1, other_department: 1})
    ours = nomination_factory(programme)
    theirs = nomination_factory(programme, by=other_hod)
    ours_waiting = nomination_factory(programme)
    approve(ours, cell_admin)
    approve(theirs, cell_admin)
    waitlist(ours_waiting, cell_admin)
    services.withdraw(nomination=theirs, actor=other_hod)
    assert states(ours_waiting) == [S.WAITLISTED]
    assert selectors.seat_counts(programme)["taken"] == 1


@pytest.mark.parametrize("freed", [S.SUBMITTED, S.WAITLISTED])
def test_withdrawing_a_nomination_without_a_seat_promotes_nobody(
    freed, full_with_waitlist, hod, nomination_factory
):
    holder, first, second = full_with_waitlist
    target = first if freed == S.WAITLISTED else nomination_factory(holder.programme)
    services.withdraw(nomination=target, actor=hod)
    assert states(holder, second) == [S.APPROVED, S.WAITLISTED]


def test_rejecting_promotes_nobody(full_with_waitlist, cell_admin):
    holder, first, second = full_with_waitlist
    services.decide(nomination=first, decision=S.REJECTED, actor=cell_admin, reason="Level")
    assert states(holder, second) == [S.APPROVED, S.WAITLISTED]


def test_one_freed_seat_promotes_one(full_with_waitlist, hod):
    holder, first, second = full_with_waitlist
    services.withdraw(nomination=holder, actor=hod)
    assert selectors.seat_counts(holder.programme)["taken"] == 1
    assert states(second) == [S.WAITLISTED]


# ------------------------------------------------------------------ substitution
@pytest.fixture
def seated(open_programme_factory, cell_admin, nomination_factory):
    """A full programme (capacity 1) with one approved nomination and one waitlisted."""
    programme = open_programme_factory(capacity=1)
    holder, waiting = nomination_factory(programme), nomination_factory(programme)
    approve(holder, cell_admin)
    waitlist(waiting, cell_admin)
    return programme, holder, waiting


@pytest.mark.parametrize("held", [S.APPROVED, S.CONFIRMED])
def test_substitution_hands_over_the_seat(
    held,
    seated,
    department,
    hod,
    officer_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    programme, holder, waiting = seated
    Nomination.objects.filter(pk=holder.pk).update(state=held)
    before = selectors.seat_counts(programme)
    replacement = officer_factory(department)
    with django_capture_on_commit_callbacks(execute=True):
        new = services.substitute(
            nomination=holder, replacement=replacement, actor=hod, note="Original on election duty"
        )
    assert states(holder, waiting) == [S.SUBSTITUTED, S.WAITLISTED]
    new.refresh_from_db()
    assert (new.officer, new.state, new.substitute_for, new.nominated_by, new.department) == (
        replacement,
        S.APPROVED,
        Nomination.objects.get(pk=holder.pk),
        hod,
        department,
    )
    assert selectors.seat_counts(programme) == before
    old_entry = AuditEntry.objects.get(object_id=str(holder.pk), to_state=S.SUBSTITUTED)
    assert (old_entry.actor, old_entry.from_state, old_entry.to_state, old_entry.note) == (
        hod,
        held,
        S.SUBSTITUTED,
        "Original on election duty",
    )
    new_entry = AuditEntry.objects.get(object_id=str(new.pk), action="nomination.created")
    assert (new_entry.action, new_entry.actor, new_entry.to_state) == (
        "nomination.created",
        hod,
        S.APPROVED,
    )
    assert str(holder.officer) in new_entry.note
    by_recipient = {}
    for message in mailoutbox:
        by_recipient.setdefault(message.to[0], []).append(message.subject)
    assert by_recipient[holder.officer.email] == [f"Nomination Substituted: {programme.title}"]
    assert by_recipient[replacement.email] == [f"Nomination Approved: {programme.title}"]
    assert len(by_recipient[hod.email]) == 2


def test_a_substitute_can_be_substituted_again(seated, department, hod, officer_factory):
    programme, holder, _waiting = seated
    second = services.substitute(
        nomination=holder, replacement=officer_factory(department), actor=hod
    )
    third = services.substitute(
        nomination=second, replacement=officer_factory(department), actor=hod
    )
    assert third.substitute_for == second and selectors.seat_counts(programme)["taken"] == 1


def refuse_substitution(match, *, nomination, replacement, actor):
    count, state = Nomination.objects.count(), states(nomination)
    with pytest.raises(services.NominationError, match=match):
        services.substitute(nomination=nomination, replacement=replacement, actor=actor)
    assert Nomination.objects.count() == count
    assert states(nomination) == state


def test_substitution_refusals(
    seated, department, other_department, hod, officer_factory, nomination_factory
):
    programme, holder, waiting = seated
    refuse_substitution(
        "same department",
        nomination=holder,
        replacement=officer_factory(other_department),
        actor=hod,
    )
    refuse_substitution(
        "level", nomination=holder, replacement=officer_factory(department, level="top"), actor=hod
    )
    refuse_substitution(
        "inactive",
        nomination=holder,
        replacement=officer_factory(department, is_active=False),
        actor=hod,
    )
    refuse_substitution("already", nomination=holder, replacement=waiting.officer, actor=hod)
    refuse_substitution("already", nomination=holder, replacement=holder.officer, actor=hod)
    refuse_substitution(
        "approved or confirmed",
        nomination=waiting,
        replacement=officer_factory(department),
        actor=hod,
    )


@pytest.mark.parametrize(
    "persona", ["other_hod", "cell_admin", "trainee", "officer", "course_director"]
)
def test_only_the_departments_hod_substitutes(
    persona, request, seated, department, officer_factory
):
    programme, holder, _waiting = seated
    actor = holder.officer if persona == "officer" else request.getfixturevalue(persona)
    refuse_substitution(
        "role", nomination=holder, replacement=officer_factory(department), actor=actor
    )


def test_substitution_closes_with_the_window(seated, department, hod, officer_factory):
    programme, holder, _waiting = seated
    closes = programme.nomination_closes_at
    with mock.patch("django.utils.timezone.now", return_value=closes):
        refuse_substitution(
            "window", nomination=holder, replacement=officer_factory(department), actor=hod
        )
    with mock.patch(
        "django.utils.timezone.now", return_value=closes - datetime.timedelta(seconds=1)
    ):
        new = services.substitute(
            nomination=holder, replacement=officer_factory(department), actor=hod
        )
    assert new.state == S.APPROVED


def test_substitution_after_the_window_closed_by_dates(seated, department, hod, officer_factory):
    programme, holder, _waiting = seated
    Programme.objects.filter(pk=programme.pk).update(
        status=ProgrammeStatus.CLOSED,
        nomination_closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    refuse_substitution(
        "window", nomination=holder, replacement=officer_factory(department), actor=hod
    )


def test_substitution_within_a_full_quota(
    open_programme_factory, department, hod, cell_admin, officer_factory, nomination_factory
):
    programme = open_programme_factory(capacity=5, quotas={department: 1})
    holder = nomination_factory(programme)
    approve(holder, cell_admin)
    new = services.substitute(nomination=holder, replacement=officer_factory(department), actor=hod)
    assert new.state == S.APPROVED
    assert selectors.seat_counts(programme)["per_department"] == {department.pk: 1}


# ------------------------------------------------------------------ cancelling a programme
def test_cancelling_withdraws_live_nominations_and_emails_the_officers(
    open_programme_factory,
    hod,
    cell_admin,
    nomination_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    programme = open_programme_factory(capacity=5)
    live = [
        nomination_factory(programme, state=state)
        for state in (S.SUBMITTED, S.WAITLISTED, S.APPROVED, S.CONFIRMED)
    ]
    ended = [nomination_factory(programme, state=state) for state in (S.REJECTED, S.DECLINED)]
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.change_programme_status(
            programme=programme, to_status=ProgrammeStatus.CANCELLED, actor=cell_admin
        )
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.CANCELLED
    assert states(*live) == [S.WITHDRAWN] * 4
    assert states(*ended) == [S.REJECTED, S.DECLINED]
    for nomination in live:
        entry = AuditEntry.objects.get(object_id=str(nomination.pk), to_state=S.WITHDRAWN)
        assert entry.actor is None and "cancelled" in entry.note
    withdrawn_mail = [m for m in mailoutbox if "Withdrawn" in m.subject]
    assert sorted(m.to[0] for m in withdrawn_mail) == sorted(
        [n.officer.email for n in live] + [hod.email] * 4
    )
    assert all("cancelled" in m.body for m in withdrawn_mail)
    assert not any(m.to[0] in {n.officer.email for n in ended} for m in mailoutbox)
    assert AuditEntry.objects.filter(
        action="programme.status", object_id=str(programme.pk), to_state=ProgrammeStatus.CANCELLED
    ).exists()


def test_a_cancelled_programme_takes_nothing_more(
    open_programme_factory, department, hod, cell_admin, officer_factory, nomination_factory
):
    programme = open_programme_factory()
    waiting = nomination_factory(programme, state=S.WAITLISTED)
    programme_services.change_programme_status(
        programme=programme, to_status=ProgrammeStatus.CANCELLED, actor=cell_admin
    )
    programme.refresh_from_db()
    with pytest.raises(services.NominationError, match="cancelled"):
        services.nominate(programme=programme, officer=officer_factory(department), actor=hod)
    with pytest.raises(services.NominationError):
        approve(waiting, cell_admin)
    assert states(waiting) == [S.WITHDRAWN]


def test_non_cell_cannot_cancel(open_programme_factory, hod, nomination_factory):
    programme = open_programme_factory()
    nomination = nomination_factory(programme)
    for actor in (hod, make_user(Role.TRAINER), make_user(Role.COURSE_DIRECTOR)):
        with pytest.raises(programme_services.ProgrammeError, match="Only the cell"):
            programme_services.change_programme_status(
                programme=programme, to_status=ProgrammeStatus.CANCELLED, actor=actor
            )
    assert states(nomination) == [S.SUBMITTED]
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.OPEN
