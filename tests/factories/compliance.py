"""Training rules, roles held and completions (attended programmes, online courses,
certificates) for the compliance tests, written directly: the states are the subject."""

import datetime
import itertools

from django.utils import timezone

from certificates.enums import CertificateStatus
from certificates.models import Certificate
from compliance.enums import RoleKind
from compliance.models import RoleHeld, TrainingRule
from courses.enums import ProgrammeStatus
from courses.models import Enrolment, Programme
from nominations.enums import NominationState
from nominations.models import Nomination

_numbers = itertools.count(1)


def make_rule(*, courses, **fields) -> TrainingRule:
    n = next(_numbers)
    defaults = {
        "name": f"Rule {n}",
        "role_kinds": [RoleKind.RTS_DESIGNATED_OFFICER],
        "due_within_days": 90,
        "valid_years": 3,
        "renewal_window_days": 60,
        "starts_on": datetime.date(2020, 1, 1),
    }
    rule = TrainingRule.objects.create(**{**defaults, **fields})
    rule.courses.set(courses)
    rule.course_ids = [course.pk for course in courses]
    return rule


def hold_role(officer, *, kind=RoleKind.RTS_DESIGNATED_OFFICER, since, until=None, scope=""):
    return RoleHeld.objects.create(
        officer=officer, kind=kind, from_date=since, to_date=until, scope=scope
    )


def finished_programme(*, course, ends_on: datetime.date, title="Finalised batch") -> Programme:
    """A completed (finalised) programme of ``course`` that ended on ``ends_on``."""
    opens = timezone.make_aware(datetime.datetime.combine(ends_on, datetime.time(9)))
    return Programme.objects.create(
        course=course,
        title=title,
        capacity=500,
        venue="HIPA Gurugram",
        nomination_opens_at=opens - datetime.timedelta(days=30),
        nomination_closes_at=opens - datetime.timedelta(days=5),
        starts_on=ends_on - datetime.timedelta(days=1),
        ends_on=ends_on,
        target_levels=[],
        status=ProgrammeStatus.COMPLETED,
    )


def attended(officer, programme, *, state=NominationState.ATTENDED) -> Nomination:
    return Nomination.objects.create(
        programme=programme, officer=officer, department_id=officer.department_id, state=state
    )


def completed_online(officer, course, *, on: datetime.date) -> Enrolment:
    """An online completion on the India day ``on`` (at 23:30 IST, 18:00 UTC: the date in
    UTC is the same day, the point is the local day)."""
    at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(23, 30)))
    return Enrolment.objects.create(user=officer, course=course, completed_at=at)


def certificate(officer, course, *, programme=None, revoked=False, on=None) -> Certificate:
    n = next(_numbers)
    return Certificate.objects.create(
        number=f"TEST/{n:06d}",
        holder=officer,
        holder_name=str(officer),
        course=course,
        course_title=course.title,
        programme=programme,
        hours=6,
        issued_on=on or datetime.date(2024, 1, 1),
        status=CertificateStatus.REVOKED if revoked else CertificateStatus.VALID,
    )
