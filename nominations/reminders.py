"""Daily reminders, each sent once: HODs whose department quota is unfilled when the
nomination window is about to close, and confirmed officers before the programme starts.
A sent reminder is recorded in the audit log, which is also what makes a re-run send
nothing twice."""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Programme
from lms.accounts.models import User
from lms.core.models import AuditEntry
from lms.core.roles import Role
from lms.core.services import notify, record_audit

from .enums import LIVE_STATES, NominationState
from .models import Nomination

LEAD = datetime.timedelta(days=2)


@transaction.atomic
def send_window_reminders(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    programmes = Programme.objects.filter(
        status=ProgrammeStatus.OPEN,
        nomination_closes_at__gt=now,
        nomination_closes_at__lte=now + LEAD,
    ).prefetch_related("quotas__department")
    for programme in programmes:
        live = dict(
            Nomination.objects.filter(programme=programme, state__in=LIVE_STATES)
            .values_list("department_id")
            .annotate(n=Count("pk"))
        )
        already = set(
            AuditEntry.objects.filter(
                action="reminder.window", object_id=str(programme.pk)
            ).values_list("data__department", flat=True)
        )
        for quota in programme.quotas.all():
            unfilled = quota.seats - live.get(quota.department_id, 0)
            if unfilled <= 0 or quota.department_id in already:
                continue
            hods = User.objects.filter(
                is_active=True, department_id=quota.department_id, groups__name=Role.HOD.value
            )
            for hod in hods:
                notify(
                    recipient=hod,
                    template="reminder_window",
                    context={"programme": programme, "unfilled": unfilled, "quota": quota},
                )
                sent += 1
            record_audit(
                actor=None,
                action="reminder.window",
                obj=programme,
                data={"department": quota.department_id, "unfilled": unfilled},
            )
    return sent


@transaction.atomic
def send_start_reminders(*, today=None) -> int:
    today = today or timezone.localdate()
    reminded = AuditEntry.objects.filter(action="reminder.start").values_list(
        "object_id", flat=True
    )
    nominations = (
        Nomination.objects.filter(
            state=NominationState.CONFIRMED,
            programme__status__in=(
                ProgrammeStatus.OPEN,
                ProgrammeStatus.CLOSED,
                ProgrammeStatus.RUNNING,
            ),
            programme__starts_on__gte=today,
            programme__starts_on__lte=today + LEAD,
        )
        .exclude(Q(pk__in=[int(pk) for pk in reminded if pk.isdigit()]))
        .select_related("officer", "programme")
    )
    sent = 0
    for nomination in nominations:
        notify(
            recipient=nomination.officer,
            template="reminder_start",
            context={
                "programme": nomination.programme,
                "sessions": nomination.programme.sessions.all(),
            },
        )
        record_audit(actor=None, action="reminder.start", obj=nomination)
        sent += 1
    return sent
