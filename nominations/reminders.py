"""Daily reminders, each sent once: HODs whose department quota is unfilled when the
nomination window is about to close, and confirmed officers before the programme starts.

A sent reminder is recorded in the audit log (``reminder.window`` per programme and
department, ``reminder.start`` per nomination), which is also what makes a re-run send
nothing twice. Each run locks the programme rows it works on before reading the audit log,
so two overlapping runs (e.g. a retried beat task) cannot both send.

Who gets the window reminder: only departments that have a quota on the programme and
have not yet put names against all of its seats (live nominations: submitted, waitlisted,
approved or confirmed), and in each, every active user with the HOD role. Programmes
without quotas send no window reminder: any department may nominate to them, and
reminding every HOD in the state about every programme would be noise."""

import datetime

from django.db import transaction
from django.db.models import CharField, Count, Exists, OuterRef
from django.db.models.functions import Cast
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
WINDOW_ACTION = "reminder.window"
START_ACTION = "reminder.start"
# Programme states in which an officer still expects to attend.
UPCOMING = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING)


def window_closing(*, now) -> list[int]:
    """Programmes open for nominations whose window closes within LEAD of ``now``."""
    return list(
        Programme.objects.filter(
            status=ProgrammeStatus.OPEN,
            nomination_opens_at__lte=now,
            nomination_closes_at__gt=now,
            nomination_closes_at__lte=now + LEAD,
        ).values_list("pk", flat=True)
    )


@transaction.atomic
def send_window_reminders(*, now=None) -> int:
    """Email the HODs of each quota department that still has unfilled seats in a programme
    whose nomination window closes within two days. Returns the number of emails."""
    now = now or timezone.now()
    ids = window_closing(now=now)
    if not ids:
        return 0
    programmes = list(
        Programme.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .prefetch_related("quotas__department")
    )
    live = {
        (row["programme_id"], row["department_id"]): row["n"]
        for row in Nomination.objects.filter(programme_id__in=ids, state__in=LIVE_STATES)
        .values("programme_id", "department_id")
        .annotate(n=Count("pk"))
    }
    already = set(
        AuditEntry.objects.filter(
            action=WINDOW_ACTION, object_id__in=[str(pk) for pk in ids]
        ).values_list("object_id", "data__department")
    )
    due = []  # (programme, quota, unfilled)
    for programme in programmes:
        for quota in programme.quotas.all():
            unfilled = quota.seats - live.get((programme.pk, quota.department_id), 0)
            if unfilled > 0 and (str(programme.pk), quota.department_id) not in already:
                due.append((programme, quota, unfilled))
    hods: dict[int, list[User]] = {}
    for hod in User.objects.filter(
        is_active=True,
        groups__name=Role.HOD.value,
        department_id__in={quota.department_id for _p, quota, _n in due},
    ).order_by("pk"):
        hods.setdefault(hod.department_id, []).append(hod)
    sent = 0
    for programme, quota, unfilled in due:
        recipients = [hod for hod in hods.get(quota.department_id, []) if hod.email]
        if not recipients:
            continue  # nobody to tell yet; a HOD appointed tomorrow is still reminded
        for hod in recipients:
            notify(
                recipient=hod,
                template="reminder_window",
                context={"programme": programme, "unfilled": unfilled, "quota": quota},
            )
        sent += len(recipients)
        record_audit(
            actor=None,
            action=WINDOW_ACTION,
            obj=programme,
            data={
                "department": quota.department_id,
                "unfilled": unfilled,
                "recipients": [hod.pk for hod in recipients],
            },
        )
    return sent


@transaction.atomic
def send_start_reminders(*, today=None) -> int:
    """Email each confirmed officer of a programme starting within two days its dates and
    venue. Returns the number of emails."""
    today = today or timezone.localdate()
    ids = list(
        Programme.objects.select_for_update(of=("self",))
        .filter(status__in=UPCOMING, starts_on__gte=today, starts_on__lte=today + LEAD)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    reminded = AuditEntry.objects.filter(
        action=START_ACTION, object_id=Cast(OuterRef("pk"), output_field=CharField())
    )
    nominations = (
        Nomination.objects.filter(programme_id__in=ids, state=NominationState.CONFIRMED)
        .exclude(Exists(reminded))
        .select_related("officer", "programme")
        .prefetch_related("programme__sessions")
        .order_by("programme_id", "pk")
    )
    sent = 0
    for nomination in nominations:
        if not nomination.officer.email:
            continue
        notify(
            recipient=nomination.officer,
            template="reminder_start",
            context={
                "programme": nomination.programme,
                "sessions": nomination.programme.sessions.all(),
            },
        )
        record_audit(actor=None, action=START_ACTION, obj=nomination)
        sent += 1
    return sent
