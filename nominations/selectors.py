"""Reads for nomination pages, scoped by role, each in a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import DepartmentQuota, Programme
from lms.accounts.models import User

from .enums import LIVE_STATES, SEAT_STATES, NominationState
from .models import Nomination


def programmes_open_for(*, department_id) -> QuerySet[Programme]:
    """Programmes taking nominations now that the department may nominate to, with seats
    taken, the department's quota and its live nominations annotated."""
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
        .annotate(
            seats_taken=Count(
                "nominations", filter=Q(nominations__state__in=SEAT_STATES), distinct=True
            ),
            department_live=Count(
                "nominations",
                filter=Q(
                    nominations__state__in=LIVE_STATES, nominations__department_id=department_id
                ),
                distinct=True,
            ),
        )
        .select_related("course")
        .prefetch_related("quotas")
        .order_by("nomination_closes_at", "pk")
    )


def quota_of(programme: Programme, department_id) -> int | None:
    """The department's quota from prefetched quotas (no query when prefetched)."""
    for quota in programme.quotas.all():
        if quota.department_id == department_id:
            return quota.seats
    return None


def eligible_officers(*, programme: Programme, department_id, query: str = "") -> QuerySet[User]:
    """Active officers of the department at a target level with no live nomination."""
    officers = User.objects.filter(department_id=department_id, is_active=True).exclude(
        Exists(
            Nomination.objects.filter(
                programme=programme, officer=OuterRef("pk"), state__in=LIVE_STATES
            )
        )
    )
    if programme.target_levels:
        officers = officers.filter(level__in=programme.target_levels)
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
        "-programme__starts_on", "programme_id", "created_at"
    )


def nominations_of(*, officer) -> QuerySet[Nomination]:
    return (
        Nomination.objects.filter(officer=officer)
        .select_related("programme", "programme__course")
        .order_by("-programme__starts_on", "-created_at")
    )
