"""Every write of the xAPI app: record a statement (``record``, also the function other
apps call, e.g. SCORM lessons reporting their results), deliver one to the store
(``deliver``, in ``delivery``) and the cell's "resend failed" (``resend_failed``).

Off when ``XAPI_ENDPOINT`` is empty: nothing is stored or sent."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import DomainError
from lms.core.roles import is_cell_admin
from lms.core.services import enqueue, record_audit

from . import statements as build
from .delivery import deliver  # noqa: F401  (part of the app's write API)
from .enums import StatementStatus
from .models import Statement
from .tasks import resend_statements, send_statement


class XapiError(DomainError):
    """A learning-record action the rules refuse."""


def enabled() -> bool:
    return bool(getattr(settings, "XAPI_ENDPOINT", ""))


def homepage() -> str:
    return settings.XAPI_HOMEPAGE.rstrip("/")


def site() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def actor_for(user) -> dict:
    return build.actor(
        homepage=homepage(),
        employee_code=user.employee_code,
        username=user.get_username(),
        email=user.email,
        by_email=settings.XAPI_ACTOR_BY_EMAIL,
    )


def department_of(department) -> dict | None:
    return {"code": department.code, "name": department.name} if department else None


@transaction.atomic
def record(
    *,
    user,
    verb: str,
    object: dict,
    key: str | None = None,
    result: dict | None = None,
    parent: list[dict] = (),
    grouping: list[dict] = (),
    department=None,
    timestamp: datetime.datetime | None = None,
) -> Statement | None:
    """Store the statement "``user`` ``verb`` ``object``" and send it after commit.

    ``verb``: a key of ``enums.VERBS`` ("completed", "passed", ...) or a verb IRI;
    ``object``: ``statements.activity(...)``; ``result``: ``statements.result(...)``;
    ``parent`` / ``grouping``: activities of the context; ``department``: a Department
    (default: the officer's). ``key`` names the event: the same key always gives the same
    statement id, so recording an event twice stores and sends it once. Returns None (and
    does nothing) while xAPI is off."""
    if not enabled():
        return None
    timestamp = timestamp or timezone.now()
    statement_id = build.statement_id(
        homepage=homepage(), key=key or f"{verb}:{user.pk}:{object['id']}:{timestamp.isoformat()}"
    )
    existing = Statement.objects.filter(pk=statement_id).first()
    if existing is not None:
        return existing
    if department is None and getattr(user, "department_id", None):
        department = user.department
    agent = actor_for(user)
    payload = build.statement(
        id=statement_id,
        actor=agent,
        verb=build.verb(verb),
        object=object,
        timestamp=timestamp,
        result=result,
        context=build.context(
            site=site(), parent=parent, grouping=grouping, department=department_of(department)
        ),
    )
    statement = Statement.objects.create(
        id=statement_id,
        verb=payload["verb"]["display"][build.LANGUAGE],
        actor=build.actor_key(agent),
        object_id=object["id"][:500],
        payload=payload,
    )
    transaction.on_commit(lambda: enqueue(send_statement, statement_id=str(statement_id)))
    return statement


@transaction.atomic
def resend_failed(*, actor) -> int:
    """The cell's "resend failed": every failed statement is pending again and a resend
    is queued. Returns how many."""
    if not is_cell_admin(actor):
        raise XapiError(_("Only the cell resends learning records."))
    count = Statement.objects.filter(status=StatementStatus.FAILED).update(
        status=StatementStatus.PENDING
    )
    record_audit(actor=actor, action="xapi.resend_failed", data={"count": count})
    if count:
        transaction.on_commit(lambda: enqueue(resend_statements, older_than_minutes=0))
    return count
