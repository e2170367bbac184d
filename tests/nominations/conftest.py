"""Shared fixtures for the nomination tests (services, concurrency, views).

Fixture names say what they make; add new ones with targeted edits."""

import pytest

from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import make_user
from tests.nominations.factories import open_programme


@pytest.fixture
def open_programme_factory(db):
    """``open_programme(capacity=5, quotas=None, levels=(...), sessions=2, status=OPEN,
    opens=..., closes=..., **fields)``: a programme whose window is open now and that starts
    in 10 days (see tests/nominations/factories.py)."""
    return open_programme


@pytest.fixture
def officer_factory(db):
    """``officer_factory(department, level="cutting_edge", **fields)``: an active trainee."""

    def make(department, *, level="cutting_edge", **fields):
        return make_user(Role.TRAINEE, department=department, level=level, **fields)

    return make


@pytest.fixture
def nomination_factory(db, hod, officer_factory):
    """``nomination_factory(programme, state="submitted", officer=None, by=hod)``: nominated
    through the service (audit row and queued emails included), then, when ``state`` is not
    submitted, put straight into that state in the database (no audit row, no email) to set
    up a transition test. The default officer is a new trainee of ``hod``'s department."""

    def make(programme, *, state=NominationState.SUBMITTED, officer=None, by=None):
        by = by or hod
        officer = officer or officer_factory(by.department or hod.department)
        nomination = services.nominate(programme=programme, officer=officer, actor=by)
        if state != NominationState.SUBMITTED:
            Nomination.objects.filter(pk=nomination.pk).update(state=state)
            nomination.refresh_from_db()
        return nomination

    return make


@pytest.fixture
def ended_programme_factory(open_programme_factory, hod, cell_admin, officer_factory):
    """``ended_programme_factory(sessions=4, confirmed=3, approved=1, ends_days_ago=1,
    status="running", **fields)`` -> ``(programme, nominations)``: nominated by ``hod``,
    approved by ``cell_admin``, the first ``confirmed`` confirmed by their officers, then
    the window and the session days moved into the past so that the last session was
    ``ends_days_ago`` days ago (0: today)."""
    import datetime

    from django.utils import timezone

    from courses.models import Programme

    def make(*, sessions=4, confirmed=3, approved=1, ends_days_ago=1, status="running", **fields):
        programme = open_programme_factory(
            capacity=confirmed + approved + 5, sessions=sessions, **fields
        )
        nominations = []
        for index in range(confirmed + approved):
            nomination = services.nominate(
                programme=programme, officer=officer_factory(hod.department), actor=hod
            )
            nomination = services.decide(
                nomination=nomination, decision=NominationState.APPROVED, actor=cell_admin
            )
            if index < confirmed:
                nomination = services.respond(
                    nomination=nomination, accept=True, actor=nomination.officer
                )
            nominations.append(nomination)
        ends_on = timezone.localdate() - datetime.timedelta(days=ends_days_ago)
        starts_on = ends_on - datetime.timedelta(days=max(sessions, 1) - 1)
        for offset, session in enumerate(programme.sessions.order_by("date")):
            session.date = starts_on + datetime.timedelta(days=offset)
            session.save(update_fields=["date"])
        now = timezone.now()
        Programme.objects.filter(pk=programme.pk).update(
            starts_on=starts_on,
            ends_on=ends_on,
            nomination_opens_at=now - datetime.timedelta(days=40),
            nomination_closes_at=now - datetime.timedelta(days=30),
            status=status,
        )
        programme.refresh_from_db()
        return programme, nominations

    return make
