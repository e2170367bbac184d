"""Reads of officers, scoped by role: an HOD sees their own department, a cell
administrator every department, anyone else nobody but themselves."""

from django.db.models import Q, QuerySet

from lms.core.roles import Role, has_role

from .models import User


def profile_for(*, user) -> User:
    return User.objects.select_related("department", "office", "district").get(pk=user.pk)


def officers_visible_to(*, user) -> QuerySet[User]:
    officers = User.objects.filter(is_active=True).select_related(
        "department", "office__department", "district"
    )
    if has_role(user, Role.CELL_ADMIN):
        return officers
    if has_role(user, Role.HOD) and user.department_id:
        return officers.filter(department_id=user.department_id)
    return officers.none()


def search_officers(
    *, user, query: str = "", level: str = "", department_id=None
) -> QuerySet[User]:
    officers = officers_visible_to(user=user)
    if query:
        officers = matching_officers(officers, query=query)
    if level:
        officers = officers.filter(level=level)
    if department_id:
        officers = officers.filter(department_id=department_id)
    return officers.order_by("first_name", "last_name", "pk")


def matching_officers(officers: QuerySet[User], *, query: str) -> QuerySet[User]:
    """``officers`` whose name, user name, employee code, designation or email contains
    ``query`` (the officer search of the pages and of the API)."""
    return officers.filter(
        Q(first_name__icontains=query)
        | Q(last_name__icontains=query)
        | Q(username__icontains=query)
        | Q(employee_code__icontains=query)
        | Q(designation__icontains=query)
        | Q(email__icontains=query)
    )


def coordinator_candidates() -> QuerySet[User]:
    """Who may coordinate a programme: active cell staff, that is cell administrators
    (superusers count as such) and trainers, with their departments."""
    staff = Q(groups__name__in=[Role.CELL_ADMIN.value, Role.TRAINER.value]) | Q(is_superuser=True)
    return (
        User.objects.filter(is_active=True)
        .filter(pk__in=User.objects.filter(staff).values("pk"))
        .select_related("department")
        .order_by("first_name", "last_name", "username")
    )


def filter_staff(officers: QuerySet[User], *, query: str) -> QuerySet[User]:
    """``officers`` whose name, username or department matches ``query`` (every word)."""
    for word in query.split()[:5]:
        officers = officers.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(department__name__icontains=word)
            | Q(department__code__iexact=word)
        )
    return officers
