"""Shared builders for the report tests."""

import datetime

from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Programme
from lms.accounts.models import User
from nominations import services as nominations
from nominations.enums import NominationState
from nominations.models import Nomination
from programmes import services as programme_services
from reports.services import HIPA_YEAR_TABLE
from tests.nominations.factories import open_programme

SEED = HIPA_YEAR_TABLE  # the HIPA brochure's year-wise table, shipped in reports/data/


def programme(ends_on, status=ProgrammeStatus.COMPLETED, mode=ProgrammeMode.CLASSROOM, **fields):
    """A programme on the day before ``ends_on`` and that day, in ``status``."""
    item = open_programme(**fields)
    Programme.objects.filter(pk=item.pk).update(
        starts_on=ends_on - datetime.timedelta(days=1), ends_on=ends_on, status=status, mode=mode
    )
    item.refresh_from_db()
    return item


def record(item, officer, state):
    return Nomination.objects.create(
        programme=item, officer=officer, department=officer.department, state=state
    )


def finalised(*, ends_on, present, absent=(), cell, mode=ProgrammeMode.CLASSROOM, course=None):
    """A two-day programme ending on ``ends_on``, every officer nominated by their own
    department's HOD, approved, confirmed, marked and finalised through the services."""
    officers = [*present, *absent]
    programme = open_programme(
        capacity=len(officers) + 1, sessions=2, levels=(), mode=mode, course=course
    )
    for officer in officers:
        hod = User.objects.get(username=f"hod-{officer.department.code}")
        item = nominations.nominate(programme=programme, officer=officer, actor=hod)
        item = nominations.decide(nomination=item, decision=NominationState.APPROVED, actor=cell)
        nominations.respond(nomination=item, accept=True, actor=officer)
    starts_on = ends_on - datetime.timedelta(days=1)
    for offset, session in enumerate(programme.sessions.order_by("date")):
        session.date = starts_on + datetime.timedelta(days=offset)
        session.save(update_fields=["date"])
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=starts_on, ends_on=ends_on, status=ProgrammeStatus.RUNNING
    )
    programme.refresh_from_db()
    for officer in officers:
        item = Nomination.objects.get(programme=programme, officer=officer)
        for session in programme.sessions.all():
            programme_services.mark_attendance(
                session=session, nomination=item, present=officer in present, actor=cell
            )
    programme_services.finalise_programme(programme=programme, actor=cell)
    return programme
