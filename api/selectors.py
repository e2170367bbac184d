"""The API's scoped reads. Each builds on the owning app's selectors (the same scope as the
HTML pages) and only adds what a JSON list needs: related rows in the same query and an
explicit order. Nothing here is evaluated; the views page the querysets."""

from django.db.models import QuerySet
from django.utils import timezone

from certificates.models import Certificate
from courses.enums import ProgrammeStatus
from courses.models import Programme
from lms.accounts import selectors as account_selectors
from lms.accounts.models import User
from lms.core.roles import is_cell_admin, is_hod
from nominations import selectors as nomination_selectors
from nominations.models import Nomination
from programmes import selectors as programme_selectors
from reports import selectors as report_selectors

from .services import can_push_officers, push_scope


# ---------------------------------------------------------------- programmes
def programmes_for(*, user) -> QuerySet[Programme]:
    """The cell sees every programme (its desk), newest first; anyone else the public
    calendar's programmes (open, closed or running), soonest first."""
    if is_cell_admin(user):
        return programme_selectors.cell_programmes().select_related("course__topic")
    return programme_selectors.public_programmes().order_by("starts_on", "pk")


def open_for_nomination(programmes: QuerySet[Programme], *, user) -> QuerySet[Programme]:
    """Of ``programmes``, those taking nominations now; for an HOD, only those their
    department may nominate to (``programmes_taking_nominations_from``: no quotas,
    or a quota for the department)."""
    now = timezone.now()
    programmes = programmes.filter(
        status=ProgrammeStatus.OPEN, nomination_opens_at__lte=now, nomination_closes_at__gt=now
    )
    if is_hod(user):
        allowed = nomination_selectors.programmes_taking_nominations_from(
            department_id=user.department_id
        )
        programmes = programmes.filter(pk__in=allowed.values("pk"))
    return programmes


def programmes_to_nominate_to() -> QuerySet[Programme]:
    """Programmes an HOD may name in a new nomination: the public ones (the nominations
    service then says why a closed window or a quota refuses it)."""
    return programme_selectors.public_programmes()


# ---------------------------------------------------------------- nominations
def nominations_visible_to(*, user) -> QuerySet[Nomination]:
    """The cell: every nomination; an HOD: their department's
    (``department_nominations``); anyone else: their own (``nominations_of``)."""
    if is_cell_admin(user):
        return Nomination.objects.select_related(
            "officer", "programme", "programme__course", "department"
        ).order_by("-programme__starts_on", "programme_id", "created_at", "pk")
    if is_hod(user):
        return nomination_selectors.department_nominations(
            department_id=user.department_id
        ).select_related("department")
    return own_nominations(user=user)


def own_nominations(*, user) -> QuerySet[Nomination]:
    return nomination_selectors.nominations_of(officer=user).select_related("officer", "department")


def withdrawable_by(*, user) -> QuerySet[Nomination]:
    """Nominations ``user`` may withdraw: the cell any, an HOD their department's."""
    if is_cell_admin(user):
        return Nomination.objects.select_related("officer", "programme")
    if is_hod(user):
        return nomination_selectors.department_scope(department_id=user.department_id)
    return Nomination.objects.none()


def department_officers(*, user) -> QuerySet[User]:
    """The officers an HOD may nominate (their department's)."""
    return nomination_selectors.department_officers(department_id=user.department_id)


# ---------------------------------------------------------------- officers
def officers_for(*, user) -> QuerySet[User]:
    """Officers ``user`` may list: the cell every department's, an HOD their own
    (``officers_visible_to``), an HRMS service account those it may push."""
    if is_cell_admin(user) or is_hod(user):
        return account_selectors.officers_visible_to(user=user).order_by(
            "first_name", "last_name", "pk"
        )
    if can_push_officers(user):
        officers = User.objects.filter(is_active=True).select_related(
            "department", "office__department", "district"
        )
        scope = push_scope(user)
        if scope is not None:
            officers = officers.filter(department_id=scope)
        return officers.order_by("first_name", "last_name", "pk")
    return User.objects.none()


def officer_by_code(*, code: str) -> User:
    return User.objects.select_related("department", "office__department", "district").get(
        employee_code=code
    )


# ---------------------------------------------------------------- certificates
def certificates_of(*, holder) -> QuerySet[Certificate]:
    """The holder's certificates, as on "My certificates"."""
    return Certificate.objects.filter(holder=holder).order_by("-issued_on", "-pk")


def certificate_for_verification(*, serial: str = "", query: str = "") -> Certificate | None:
    """What /verify/ finds: the certificate with ``serial`` or, for a search ``query``, the
    one with that number, else that serial."""
    if "\x00" in serial or "\x00" in query:  # PostgreSQL refuses NUL in a string literal
        return None
    if query:
        query = str(query).strip()[:64]
        found = Certificate.objects.filter(number=query).values_list("serial", flat=True)
        serial = found.first() or query
    return Certificate.objects.filter(serial=str(serial)[:64]).first()


# ---------------------------------------------------------------- reports
def never_trained(*, department_id) -> QuerySet[User]:
    """The department's active officers with no completed programme (the HOD report)."""
    return report_selectors.department_dashboard(department_id)["never_trained"].select_related(
        "department", "office__department", "district"
    )
