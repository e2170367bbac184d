"""One audit row per change (who, from, to, note) and one email per change and recipient,
sent only after the transaction commits."""

from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from lms.core.models import AuditEntry
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination

S = NominationState
pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(department, officer_factory):
    return officer_factory(department)


def trail(nomination):
    return [
        (row.action, row.actor, row.from_state, row.to_state, row.note)
        for row in AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Nomination), object_id=str(nomination.pk)
        ).order_by("pk")
    ]


def test_each_change_has_its_audit_row(open_programme_factory, hod, cell_admin, officer):
    programme = open_programme_factory()
    nomination = services.nominate(
        programme=programme, officer=officer, actor=hod, note="Handles CM Window grievances"
    )
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    services.respond(nomination=nomination, accept=True, actor=officer, note="Will attend")
    services.withdraw(nomination=nomination, actor=hod, note="Posted to the district")
    assert trail(nomination) == [
        ("nomination.created", hod, "", S.SUBMITTED, "Handles CM Window grievances"),
        ("nomination.transition", cell_admin, S.SUBMITTED, S.APPROVED, ""),
        ("nomination.transition", officer, S.APPROVED, S.CONFIRMED, "Will attend"),
        ("nomination.transition", hod, S.CONFIRMED, S.WITHDRAWN, "Posted to the district"),
    ]
    row = AuditEntry.objects.filter(action="nomination.created").get()
    assert row.content_type == ContentType.objects.get_for_model(Nomination)
    assert row.object_id == str(nomination.pk)
    assert row.object_repr == str(nomination)
    nomination.refresh_from_db()
    assert nomination.state_changed_at >= row.created_at


def test_emails_wait_for_the_commit(
    open_programme_factory, hod, cell_admin, officer, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme_factory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        nomination = services.nominate(programme=programme, officer=officer, actor=hod)
        services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
        assert mailoutbox == []
    # two changes announced after commit (nomination_changed), whose receiver queues two
    # emails each (also after commit)
    assert len(callbacks) == 6
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == sorted(
        (email, f"Nomination {label}: {programme.title}")
        for email in (officer.email, hod.email)
        for label in ("Submitted", "Approved")
    )


def test_without_a_commit_nothing_is_sent(
    open_programme_factory, hod, cell_admin, officer, mailoutbox
):
    """The test's transaction never commits, so the queued emails never go."""
    nomination = services.nominate(programme=open_programme_factory(), officer=officer, actor=hod)
    services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    assert Nomination.objects.get(pk=nomination.pk).state == S.APPROVED
    assert mailoutbox == []


def test_the_email_says_what_changed(
    open_programme_factory, hod, cell_admin, officer, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme_factory()
    nomination = services.nominate(programme=programme, officer=officer, actor=hod)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    to_officer = next(m for m in mailoutbox if m.to == [officer.email])
    to_hod = next(m for m in mailoutbox if m.to == [hod.email])
    for message in (to_officer, to_hod):
        assert programme.title in message.body and programme.code in message.body
        assert "Approved" in message.body
        assert programme.starts_on.strftime("%d/%m/%Y") in message.body
    assert "Please confirm or decline" in to_officer.body
    assert "Please confirm or decline" not in to_hod.body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(nomination=nomination, actor=hod, note="Posted to the district")
    assert all("Note: Posted to the district" in m.body for m in mailoutbox)
    assert len(mailoutbox) == 2


def test_the_rejection_reason_is_in_the_email(
    open_programme_factory, hod, cell_admin, officer, mailoutbox, django_capture_on_commit_callbacks
):
    nomination = services.nominate(programme=open_programme_factory(), officer=officer, actor=hod)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(
            nomination=nomination, decision=S.REJECTED, actor=cell_admin, reason="Level mismatch"
        )
    assert len(mailoutbox) == 2 and all("Level mismatch" in m.body for m in mailoutbox)


def test_an_officer_without_email_is_skipped(
    open_programme_factory,
    department,
    hod,
    officer_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    officer = officer_factory(department, email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.nominate(programme=open_programme_factory(), officer=officer, actor=hod)
    assert [m.to for m in mailoutbox] == [[hod.email]]


def test_nothing_is_sent_or_kept_when_the_transaction_rolls_back(
    open_programme_factory, hod, cell_admin, officer, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme_factory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        nomination = services.nominate(programme=programme, officer=officer, actor=hod)
        services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
        raise RuntimeError("the caller failed after the services")
    assert callbacks == [] and mailoutbox == []
    assert not Nomination.objects.exists() and not AuditEntry.objects.exists()


def test_a_service_failing_half_way_leaves_nothing_half_done(
    open_programme_factory,
    hod,
    cell_admin,
    nomination_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """withdraw() saves, audits and queues emails, then promotes; if promoting fails the
    whole withdrawal is undone and nobody is told."""
    programme = open_programme_factory(capacity=1)
    holder = nomination_factory(programme, state=S.APPROVED)
    waiting = nomination_factory(programme, state=S.WAITLISTED)
    rows = AuditEntry.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        mock.patch.object(services, "_promote_waitlisted", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        services.withdraw(nomination=holder, actor=hod)
    assert Nomination.objects.get(pk=holder.pk).state == S.APPROVED
    assert Nomination.objects.get(pk=waiting.pk).state == S.WAITLISTED
    assert AuditEntry.objects.count() == rows
    assert callbacks == [] and mailoutbox == []


def test_a_refused_change_inside_a_larger_transaction_sends_nothing(
    open_programme_factory,
    hod,
    cell_admin,
    nomination_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    programme = open_programme_factory(capacity=1)
    first, second = nomination_factory(programme), nomination_factory(programme)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(nomination=first, decision=S.APPROVED, actor=cell_admin)
        with pytest.raises(services.NominationError):
            services.decide(nomination=second, decision=S.APPROVED, actor=cell_admin)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.officer.email, hod.email])
