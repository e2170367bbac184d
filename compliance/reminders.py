"""Reminders, once per state change (Celery beat, ``compliance.tasks``):

- daily, each officer whose requirement entered its window (due) or became overdue is
  emailed, once for that state and deadline (``Reminder`` rows, unique, are the record and
  what makes a re-run send nothing twice; a renewal brings a new deadline and so, later,
  new reminders);
- weekly, each HOD gets one digest of their department's new reminders instead of an email
  per officer.

The cell reads the reminders sent in the admin (Mandatory training -> Reminders sent)."""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import User
from lms.core.roles import Role
from lms.core.services import notify

from . import rules, selectors
from .enums import ComplianceState
from .models import Reminder

C = ComplianceState
REMINDED_STATES = (C.DUE, C.OVERDUE)


def to_remind(*, today) -> list[tuple]:
    """(rule, fact, deadline) for every officer due or overdue on a rule in force, whose
    state and deadline were not reminded yet (two queries per rule, two more)."""
    found = []
    for rule in selectors.rules_in_force():
        terms = rules.Terms.of(rule)
        for state in REMINDED_STATES:
            for fact in selectors.facts(rule, today=today, state=state):
                standing = rules.state_for(
                    terms=terms, today=today, since=fact.since, latest=fact.latest
                )
                found.append((rule, fact, standing.deadline))
    if not found:
        return []
    sent = set(
        Reminder.objects.filter(
            rule_id__in={rule.pk for rule, _fact, _d in found},
            deadline__in={deadline for _rule, _fact, deadline in found},
        ).values_list("officer_id", "rule_id", "state", "deadline")
    )
    return [
        (rule, fact, deadline)
        for rule, fact, deadline in found
        if (fact.id, rule.pk, fact.state, deadline) not in sent
    ]


def send_reminders(*, today=None) -> int:
    """Email each officer whose requirement became due or overdue (once per state and
    deadline). Returns the number of reminders recorded."""
    today = today or timezone.localdate()
    pending = to_remind(today=today)
    officers = User.objects.in_bulk({fact.id for _rule, fact, _d in pending})
    made = 0
    for rule, fact, deadline in pending:
        officer = officers[fact.id]
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    officer=officer,
                    rule=rule,
                    department_id=fact.department_id,
                    state=fact.state,
                    deadline=deadline,
                    emailed=bool(officer.email),
                )
                notify(
                    recipient=officer,
                    template="compliance_reminder",
                    context={"rule": rule, "state": fact.state, "deadline": deadline},
                )
        except IntegrityError:  # an overlapping run recorded it first
            continue
        made += 1
    return made


@transaction.atomic
def send_hod_digests(*, now=None) -> int:
    """Email each HOD one list of their department's reminders not yet in a digest, and
    mark them. A department without a HOD (or one without an email address) keeps its
    reminders for the next digest. Returns the number of emails."""
    now = now or timezone.now()
    pending = list(
        Reminder.objects.select_for_update(of=("self",))
        .filter(digested_at__isnull=True, department__isnull=False)
        .select_related("officer", "rule")
        .order_by("department_id", "state", "deadline", "officer__first_name", "pk")
    )
    by_department = defaultdict(list)
    for reminder in pending:
        by_department[reminder.department_id].append(reminder)
    hods = defaultdict(list)
    for hod in User.objects.filter(
        is_active=True, groups__name=Role.HOD.value, department_id__in=by_department.keys()
    ).order_by("pk"):
        if hod.email:
            hods[hod.department_id].append(hod)
    sent, done = 0, []
    for department_id, reminders in by_department.items():
        if not hods[department_id]:
            continue
        for hod in hods[department_id]:
            notify(
                recipient=hod,
                template="compliance_digest",
                context={
                    "reminders": reminders,
                    "overdue": sum(1 for r in reminders if r.state == C.OVERDUE),
                },
            )
            sent += 1
        done += [reminder.pk for reminder in reminders]
    Reminder.objects.filter(pk__in=done).update(digested_at=now)
    return sent
