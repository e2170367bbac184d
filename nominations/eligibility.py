"""Who may hold a nomination for a programme: the rules in one place, in two forms that
must agree (``tests/nominations/test_eligibility.py`` checks they do on generated officers).

- ``rule_broken`` says which rule one officer breaks (the services refuse with it, the
  upload names it per row);
- ``eligible_officers`` is the same rules as one query (the HOD's list to choose from).

The actor's own scope (an HOD nominates their department only) is the services' check, not
an eligibility rule."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from courses.models import Programme
from lms.accounts.models import User

from .enums import LIVE_STATES
from .models import Nomination

NO_DEPARTMENT = "no_department"
OTHER_DEPARTMENT = "other_department"
INACTIVE = "inactive"
LEVEL = "level"
NO_SEATS_FOR_DEPARTMENT = "no_seats_for_department"
ALREADY_NOMINATED = "already_nominated"


def rule_broken(
    *, programme: Programme, officer, department_id=None, quota_departments=None, nominated=None
) -> str | None:
    """The first rule ``officer`` breaks for ``programme``, or None when they may be
    nominated. ``department_id``: the department the nomination is for (None: any).
    ``quota_departments`` (the programme's departments with seats) and ``nominated``
    (whether the officer already has a live nomination) save a query each when the caller
    knows them."""
    if officer.department_id is None:
        return NO_DEPARTMENT
    if department_id is not None and officer.department_id != department_id:
        return OTHER_DEPARTMENT
    if not officer.is_active:
        return INACTIVE
    if programme.target_levels and officer.level not in programme.target_levels:
        return LEVEL
    if quota_departments is None:
        quota_departments = set(programme.quotas.values_list("department_id", flat=True))
    if quota_departments and officer.department_id not in quota_departments:
        return NO_SEATS_FOR_DEPARTMENT
    if nominated is None:
        nominated = Nomination.objects.filter(
            programme=programme, officer=officer, state__in=LIVE_STATES
        ).exists()
    if nominated:
        return ALREADY_NOMINATED
    return None


def message(rule: str, officer=None) -> str:
    """The refusal in words, naming ``officer`` when given (services) or as "the officer"
    (a row of an uploaded file)."""
    if officer is None:
        return {
            NO_DEPARTMENT: _("The officer is not in your department."),
            OTHER_DEPARTMENT: _("The officer is not in your department."),
            INACTIVE: _("The officer's account is inactive."),
            LEVEL: _("The officer is not at a level this programme is for."),
            NO_SEATS_FOR_DEPARTMENT: _("This programme has no seats for the officer's department."),
            ALREADY_NOMINATED: _("Already nominated to this programme."),
        }[rule]
    return {
        NO_DEPARTMENT: _("%(officer)s has no department."),
        OTHER_DEPARTMENT: _("The substitute must be from the same department."),
        INACTIVE: _("%(officer)s's account is inactive."),
        LEVEL: _("%(officer)s is not at a level this programme is for."),
        NO_SEATS_FOR_DEPARTMENT: _("This programme has no seats for the officer's department."),
        ALREADY_NOMINATED: _("%(officer)s already has a nomination for this programme."),
    }[rule] % {"officer": officer}


def eligible_officers(*, programme: Programme, department_id) -> QuerySet[User]:
    """The officers of ``department_id`` for whom ``rule_broken`` is None, as one query."""
    officers = User.objects.filter(department_id=department_id, is_active=True).exclude(
        Exists(
            Nomination.objects.filter(
                programme=programme, officer=OuterRef("pk"), state__in=LIVE_STATES
            )
        )
    )
    if programme.target_levels:
        officers = officers.filter(level__in=programme.target_levels)
    quota_departments = programme.quotas.values("department_id")
    officers = officers.filter(~Exists(quota_departments) | Q(department_id__in=quota_departments))
    return officers
