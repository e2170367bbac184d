"""Reads for the HOD's and the officer's nomination pages, scoped by department or officer,
each in a fixed number of queries whatever the amount of data."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import DepartmentQuota, Programme
from lms.accounts.models import User
from lms.core.roles import Role

from . import eligibility
from .enums import LIVE_STATES, SEAT_STATES, NominationState
from .models import Nomination

S = NominationState

# The HOD may substitute an officer holding one of these.
SUBSTITUTABLE_STATES = frozenset({S.APPROVED, S.CONFIRMED})


def programmes_taking_nominations_from(*, department_id) -> QuerySet[Programme]:
    """Programmes taking nominations now (status open, window open) that the department may
    nominate to (no quotas at all, or a quota for it), with their course. One query; no
    counts (the pages that only ask "may we nominate here" read no nominations)."""
    now = timezone.now()
    quota = DepartmentQuota.objects.filter(programme=OuterRef("pk"), department_id=department_id)
    return (
        Programme.objects.filter(
            status=ProgrammeStatus.OPEN, nomination_opens_at__lte=now, nomination_closes_at__gt=now
        )
        .annotate(
            has_quotas=Exists(DepartmentQuota.objects.filter(programme=OuterRef("pk"))),
            department_has_quota=Exists(quota),
        )
        .filter(Q(has_quotas=False) | Q(department_has_quota=True))
        .select_related("course")
        .order_by("nomination_closes_at", "pk")
    )


def programmes_open_for(*, department_id) -> QuerySet[Programme]:
    """``programmes_taking_nominations_from``, annotated with ``seats_taken``,
    ``department_seats`` (seats its officers hold) and ``department_live`` (its live
    nominations); quotas prefetched. Two queries when evaluated."""
    own = Q(nominations__department_id=department_id)
    return (
        programmes_taking_nominations_from(department_id=department_id)
        .annotate(
            seats_taken=Count(
                "nominations", filter=Q(nominations__state__in=SEAT_STATES), distinct=True
            ),
            department_seats=Count(
                "nominations", filter=own & Q(nominations__state__in=SEAT_STATES), distinct=True
            ),
            department_live=Count(
                "nominations", filter=own & Q(nominations__state__in=LIVE_STATES), distinct=True
            ),
        )
        .prefetch_related("quotas")
    )


def quota_of(programme: Programme, department_id) -> int | None:
    """The department's quota from prefetched quotas (no query when prefetched)."""
    for quota in programme.quotas.all():
        if quota.department_id == department_id:
            return quota.seats
    return None


def open_programme_rows(*, department_id) -> list[Programme]:
    """``programmes_open_for`` with ``seats_left`` (of the capacity), ``department_quota``
    (None without a quota) and ``quota_left`` set on each programme (two queries)."""
    programmes = list(programmes_open_for(department_id=department_id))
    for programme in programmes:
        programme.seats_left = max(programme.capacity - programme.seats_taken, 0)
        programme.department_quota = quota_of(programme, department_id)
        programme.quota_left = (
            None
            if programme.department_quota is None
            else max(programme.department_quota - programme.department_seats, 0)
        )
    return programmes


def department_officers(*, department_id) -> QuerySet[User]:
    """Every officer of the department (the HOD's scope for acting on officers)."""
    return User.objects.filter(department_id=department_id).order_by(
        "first_name", "last_name", "pk"
    )


def eligible_officers(*, programme: Programme, department_id, query: str = "") -> QuerySet[User]:
    """The department's officers who may be nominated (``eligibility``), optionally
    matching ``query``, by name."""
    officers = eligibility.eligible_officers(programme=programme, department_id=department_id)
    if query:
        officers = officers.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(employee_code__icontains=query)
            | Q(designation__icontains=query)
        )
    return officers.select_related("office").order_by("first_name", "last_name", "pk")


def department_nominations(
    *, department_id, programme_id=None, state: str = "", query: str = ""
) -> QuerySet[Nomination]:
    nominations = Nomination.objects.filter(department_id=department_id)
    if programme_id:
        nominations = nominations.filter(programme_id=programme_id)
    if state in NominationState.values:
        nominations = nominations.filter(state=state)
    if query:
        nominations = nominations.filter(
            Q(officer__first_name__icontains=query)
            | Q(officer__last_name__icontains=query)
            | Q(officer__employee_code__icontains=query)
        )
    return nominations.select_related("officer", "programme", "programme__course").order_by(
        "-programme__starts_on", "programme_id", "created_at", "pk"
    )


def department_programmes(*, department_id) -> QuerySet[Programme]:
    """Programmes the department has nominated to (for the list's programme filter)."""
    return (
        Programme.objects.filter(
            Exists(Nomination.objects.filter(programme=OuterRef("pk"), department_id=department_id))
        )
        .only("pk", "title", "code", "starts_on")
        .order_by("-starts_on", "pk")
    )


def department_scope(*, department_id) -> QuerySet[Nomination]:
    """The department's nominations, for fetching one to act on (404 outside the scope)."""
    return Nomination.objects.filter(department_id=department_id).select_related(
        "officer", "programme"
    )


def nominations_of(*, officer) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(officer=officer)
        .select_related("programme", "programme__course")
        .order_by("-programme__starts_on", "-created_at", "-pk")
    )


def pending_counts(*, programme_ids) -> dict:
    """Nominations per programme and state (one query), for lists."""
    rows = (
        Nomination.objects.filter(programme_id__in=programme_ids)
        .values("programme_id")
        .annotate(
            submitted=Count("pk", filter=Q(state=S.SUBMITTED)),
            waitlisted=Count("pk", filter=Q(state=S.WAITLISTED)),
            seats=Count("pk", filter=Q(state__in=SEAT_STATES)),
        )
    )
    return {row["programme_id"]: row for row in rows}


def seat_counts(programme: Programme) -> dict:
    """Seats held in all and per department (one query)."""
    rows = (
        Nomination.objects.filter(programme=programme, state__in=SEAT_STATES)
        .values("department_id")
        .annotate(n=Count("pk"))
    )
    per_department = {row["department_id"]: row["n"] for row in rows}
    return {"taken": sum(per_department.values()), "per_department": per_department}


def department_hods(*, department_id) -> QuerySet[User]:
    """The active HODs of a department (the role's group), for messages about it."""
    return User.objects.filter(
        department_id=department_id, is_active=True, groups__name=Role.HOD.value
    ).distinct()
