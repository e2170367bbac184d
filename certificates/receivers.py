"""Certificates react to what lower apps announce (``lms.core.signals``): completing a
self-enrolled online course earns its certificate; finalising a programme issues the
certificates of everyone who completed it. Both are queued as tasks (the outbox keeps them
while the broker is down)."""

from courses.enums import EnrolmentSource
from lms.core.services import enqueue

from .tasks import issue_online_certificate, issue_programme_certificates


def issue_for_completed_course(sender, enrolment_id, source, **kwargs):
    # A programme's online lessons count toward the programme's certificate instead.
    if source == EnrolmentSource.SELF:
        enqueue(issue_online_certificate, enrolment_id=enrolment_id)


def issue_for_finalised_programme(sender, programme_id, actor_id, **kwargs):
    enqueue(issue_programme_certificates, programme_id=programme_id, actor_id=actor_id)
