"""Reads for the cell's programme desk, the coordinator's attendance pages and the public
calendar. Each function runs a fixed number of queries, whatever the number of programmes,
nominations or sessions."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Programme, ProgrammeSession, Topic
from nominations import selectors as nomination_selectors
from nominations.enums import LIVE_STATES, NominationState
from nominations.models import Attendance, Nomination

from . import services
from .completion import ON_THE_ROLL, Outcome, finalise_outcomes
from .enums import PROGRAMME_TRANSITIONS

S = NominationState

# States a programme shows on the public calendar (draft and cancelled never do).
PUBLIC_STATUSES = (ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING)


# ------------------------------------------------------------------ cell desk
def cell_programmes(*, status: str = ""):
    """Every programme for the cell, newest first, optionally of one status."""
    programmes = Programme.objects.select_related("course").order_by("-starts_on", "-pk")
    if status in ProgrammeStatus.values:
        programmes = programmes.filter(status=status)
    return programmes


def with_pending_counts(programmes) -> list[Programme]:
    """The programmes (e.g. one page) with ``submitted``, ``waitlisted`` and ``seats`` set
    from ``nominations.selectors.pending_counts`` (one query for the lot)."""
    programmes = list(programmes)
    counts = nomination_selectors.pending_counts(programme_ids=[p.pk for p in programmes])
    for programme in programmes:
        row = counts.get(programme.pk, {})
        programme.submitted = row.get("submitted", 0)
        programme.waitlisted = row.get("waitlisted", 0)
        programme.seats = row.get("seats", 0)
    return programmes


def next_statuses(programme: Programme) -> list[tuple[str, str]]:
    """The statuses the cell may move ``programme`` to from its desk, in workflow order.
    Completed is reached only by finalising attendance."""
    allowed = PROGRAMME_TRANSITIONS[programme.status]
    return [
        (value, label)
        for value, label in ProgrammeStatus.choices
        if value in allowed and value != ProgrammeStatus.COMPLETED
    ]


def programme_nominations(programme: Programme) -> list[Nomination]:
    """All the programme's nominations with officer and department, in nomination order."""
    return list(
        Nomination.objects.filter(programme=programme)
        .select_related("officer", "department", "substitute_for__officer")
        .order_by("created_at", "pk")
    )


@dataclass
class Desk:
    programme: Programme
    groups: list = field(default_factory=list)  # (state, label, [nominations]) non-empty only
    taken: int = 0
    quotas: list = field(default_factory=list)  # {"department", "seats", "used", "left"}
    sessions: list = field(default_factory=list)
    next_statuses: list = field(default_factory=list)
    finalise_refusal: str | None = None

    @property
    def seats_left(self) -> int:
        return max(self.programme.capacity - self.taken, 0)


def programme_desk(programme: Programme) -> Desk:
    """The cell's view of one programme: nominations grouped by state, seats taken, each
    department's quota use, the session days and the status buttons."""
    nominations = programme_nominations(programme)
    counts = nomination_selectors.seat_counts(programme)
    quotas = [
        {
            "department": quota.department,
            "seats": quota.seats,
            "used": counts["per_department"].get(quota.department_id, 0),
            "left": max(quota.seats - counts["per_department"].get(quota.department_id, 0), 0),
        }
        for quota in programme.quotas.select_related("department").order_by("department__name")
    ]
    groups = []
    for state, label in S.choices:
        items = [n for n in nominations if n.state == state]
        if items:
            groups.append((state, label, items))
    return Desk(
        programme=programme,
        groups=groups,
        taken=counts["taken"],
        quotas=quotas,
        sessions=list(programme.sessions.all()),
        next_statuses=next_statuses(programme),
        finalise_refusal=services.finalise_refusal(programme),
    )


def cancellable_nominations(programme: Programme) -> int:
    """How many nominations cancelling ``programme`` would withdraw."""
    return programme.nominations.filter(state__in=LIVE_STATES - {S.ATTENDED, S.NO_SHOW}).count()


def can_mark_attendance(user, programme: Programme) -> bool:
    """Cell administrators, and the programme's own coordinator (the rule the attendance
    services enforce)."""
    return user.is_authenticated and services.can_mark(user, programme)


def attendance_roll(session: ProgrammeSession) -> list[Nomination]:
    """The officers on the session's programme roll, each with ``mark``: True (present),
    False (absent) or None (not marked) for this session. Approved and confirmed officers
    while the programme runs; once it is finalised, those it finalised (attended, no-show)."""
    finalised = session.programme.status == ProgrammeStatus.COMPLETED
    nominations = list(
        Nomination.objects.filter(
            programme_id=session.programme_id,
            state__in=(S.ATTENDED, S.NO_SHOW) if finalised else ON_THE_ROLL,
        )
        .select_related("officer", "department")
        .order_by("officer__first_name", "officer__last_name", "pk")
    )
    marks = dict(Attendance.objects.filter(session=session).values_list("nomination_id", "present"))
    for nomination in nominations:
        nomination.mark = marks.get(nomination.pk)
    return nominations


@dataclass
class FinalisePreview:
    programme: Programme
    total: int
    rows: list[Outcome]
    refusal: str | None

    def count(self, state) -> int:
        return sum(1 for row in self.rows if row.state == state)


def finalise_preview(programme: Programme) -> FinalisePreview:
    """What ``services.finalise_programme`` would do now, officer by officer and why."""
    return FinalisePreview(
        programme=programme,
        total=programme.sessions.count(),
        rows=finalise_outcomes(programme),
        refusal=services.finalise_refusal(programme),
    )


def coordinated_programmes(user) -> list[Programme]:
    """Programmes ``user`` coordinates that are not over (closed, running or open), with
    their sessions, for the coordinator's attendance links."""
    return list(
        Programme.objects.filter(
            coordinator=user,
            status__in=(ProgrammeStatus.OPEN, ProgrammeStatus.CLOSED, ProgrammeStatus.RUNNING),
        )
        .select_related("course")
        .prefetch_related(Prefetch("sessions", queryset=ProgrammeSession.objects.order_by("date")))
        .order_by("starts_on", "pk")
    )


# ------------------------------------------------------------------ public calendar
def public_programmes():
    """Programmes the public may see: open for nominations, closed or running."""
    return Programme.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "course", "course__topic"
    )


def parse_month(value: str) -> datetime.date | None:
    """'2025-03' -> date(2025, 3, 1); anything else -> None."""
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date() if len(value) == 7 else None
    except ValueError:
        return None


def calendar_programmes(*, topic: str = "", month: datetime.date | None = None):
    """Public programmes not yet over, soonest first; optionally of one topic (slug) and
    running at some time in ``month`` (its first day)."""
    programmes = public_programmes().filter(ends_on__gte=timezone.localdate())
    if topic:
        programmes = programmes.filter(course__topic__slug=topic)
    if month:
        next_month = (month + datetime.timedelta(days=32)).replace(day=1)
        programmes = programmes.filter(starts_on__lt=next_month, ends_on__gte=month)
    return programmes.order_by("starts_on", "pk")


def topics():
    return Topic.objects.all()
