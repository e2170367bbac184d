"""Every programme write: its status (``set_status`` is the one choke point for the
status map), attendance and self check-in, and finalising. Writes lock the programme row
first, like the nominations they touch; nominations change state only through
``nominations.services`` (``settle``), so their audit rows and emails follow."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.enums import ProgrammeStatus
from courses.models import Programme, ProgrammeSession
from lms.core.errors import DomainError
from lms.core.roles import Role, has_role
from lms.core.services import record_audit
from lms.core.signals import send_after_commit
from nominations import services as nominations
from nominations.enums import LIVE_STATES, AttendanceMethod, NominationState
from nominations.models import Attendance, Nomination

from .completion import ON_THE_ROLL, finalise_outcomes
from .enums import CLOSED_STATUSES, PROGRAMME_TRANSITIONS
from .signals import programme_finalised

S = NominationState
CHECK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CHECK_IN_EARLY_MINUTES = 30


class ProgrammeError(DomainError):
    """A programme action the rules refuse; the message says which rule."""


def _lock(programme_id) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


# ---------------------------------------------------------------- status
@transaction.atomic
def change_programme_status(*, programme: Programme, to_status: str, actor, note: str = ""):
    """Move a programme through draft -> open -> closed -> running (or cancelled);
    completing is finalising. Cancelling withdraws every live nomination and tells the
    officers."""
    if not has_role(actor, Role.CELL_ADMIN):
        raise ProgrammeError(_("Only the cell can change a programme's status."))
    programme = _lock(programme.pk)
    check_move(programme.status, to_status)
    if to_status == ProgrammeStatus.COMPLETED:
        raise ProgrammeError(_("Complete a programme by finalising its attendance."))
    if to_status == ProgrammeStatus.OPEN and not programme.sessions.exists():
        raise ProgrammeError(_("Add the session days before opening nominations."))
    set_status(programme=programme, to_status=to_status, actor=actor, note=note)
    if to_status == ProgrammeStatus.CANCELLED:
        for nomination in Nomination.objects.filter(
            programme=programme, state__in=LIVE_STATES - {S.ATTENDED, S.NO_SHOW}
        ).select_related("officer", "nominated_by"):
            nomination.programme = programme
            nominations.settle(
                nomination=nomination,
                to_state=S.WITHDRAWN,
                actor=None,
                note=_("The programme was cancelled."),
            )
    return programme


def check_move(from_status: str, to_status: str) -> None:
    """Refuse a move the status map does not list."""
    if to_status not in PROGRAMME_TRANSITIONS[from_status]:
        raise ProgrammeError(
            _("A programme cannot go from %(from)s to %(to)s.")
            % {"from": ProgrammeStatus(from_status).label, "to": ProgrammeStatus(to_status).label}
        )


def set_status(*, programme: Programme, to_status: str, actor, note="", data=None):
    """The programme's one choke point (call with its row locked): the status map
    (``PROGRAMME_TRANSITIONS``) checked, the status saved, an audit row written."""
    from_status = programme.status
    check_move(from_status, to_status)
    programme.status = to_status
    programme.save(update_fields=["status", "updated_at"])
    record_audit(
        actor=actor,
        action="programme.status",
        obj=programme,
        from_state=from_status,
        to_state=to_status,
        note=note,
        data=data,
    )


# ---------------------------------------------------------------- attendance
def can_mark(user, programme) -> bool:
    """The cell, or the programme's coordinator."""
    return has_role(user, Role.CELL_ADMIN) or (
        user is not None and programme.coordinator_id == user.pk
    )


@transaction.atomic
def mark_attendance(*, session, nomination: Nomination, present: bool, actor):
    nomination = Nomination.objects.get(pk=nomination.pk)  # act on the stored state
    if session.programme_id != nomination.programme_id:
        raise ProgrammeError(_("The session belongs to another programme."))
    if session.programme.status in CLOSED_STATUSES:
        raise ProgrammeError(
            _("The programme is %(status)s: its attendance is final.")
            % {"status": session.programme.get_status_display()}
        )
    if not can_mark(actor, session.programme):
        raise ProgrammeError(_("Only the cell or the programme's coordinator marks attendance."))
    if nomination.state not in ON_THE_ROLL:
        raise ProgrammeError(_("Attendance is marked for approved or confirmed officers only."))
    if session.date > timezone.localdate():
        raise ProgrammeError(_("Attendance cannot be marked before the session."))
    attendance, _created = Attendance.objects.update_or_create(
        nomination=nomination,
        session=session,
        defaults={"present": present, "marked_by": actor, "method": AttendanceMethod.MARKED},
    )
    return attendance


@transaction.atomic
def mark_unmarked_present(*, session, actor) -> int:
    """Mark present every officer on the roll who has no mark yet for ``session`` (the
    absent ones the coordinator already marked stay absent); all or nothing. Returns how
    many were marked."""
    marked = set(Attendance.objects.filter(session=session).values_list("nomination_id", flat=True))
    count = 0
    for nomination in Nomination.objects.filter(
        programme_id=session.programme_id, state__in=ON_THE_ROLL
    ).exclude(pk__in=marked):
        mark_attendance(session=session, nomination=nomination, present=True, actor=actor)
        count += 1
    return count


@transaction.atomic
def open_check_in(*, session, actor) -> str:
    """Give the session a short code officers type (or scan) to check themselves in."""
    if not can_mark(actor, session.programme):
        raise ProgrammeError(_("Only the cell or the programme's coordinator opens check-in."))
    refusal = check_in_refusal(session)
    if refusal:
        raise ProgrammeError(refusal)
    session.check_in_code = "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(6))
    session.save(update_fields=["check_in_code"])
    return session.check_in_code


def check_in_refusal(session, now=None) -> str | None:
    """Why self check-in cannot be opened for ``session`` now, or None."""
    if session.programme.status in CLOSED_STATUSES:
        return _("The programme is %(status)s: check-in is closed.") % {
            "status": session.programme.get_status_display()
        }
    tz = timezone.get_current_timezone()
    end = datetime.datetime.combine(session.date, session.ends_at, tzinfo=tz)
    if (now or timezone.now()) > end:
        return _("The session has ended: check-in is closed.")
    return None


def _session_is_on(session, now) -> bool:
    """From CHECK_IN_EARLY_MINUTES before the session starts until it ends (local time)."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(session.date, session.starts_at, tzinfo=tz)
    end = datetime.datetime.combine(session.date, session.ends_at, tzinfo=tz)
    return start - datetime.timedelta(minutes=CHECK_IN_EARLY_MINUTES) <= now <= end


@transaction.atomic
def check_in(*, officer, code: str, now=None):
    now = now or timezone.now()
    code = (code or "").strip().upper()
    if len(code) != 6:
        raise ProgrammeError(_("The check-in code has 6 letters and digits."))
    session = (
        ProgrammeSession.objects.select_related("programme")
        .filter(check_in_code=code, date=timezone.localdate(now))
        .first()
    )
    if session is None or not _session_is_on(session, now):
        raise ProgrammeError(_("This code is not valid now. Check in during the session."))
    nomination = Nomination.objects.filter(
        programme=session.programme, officer=officer, state__in=ON_THE_ROLL
    ).first()
    if nomination is None:
        raise ProgrammeError(_("You have no confirmed seat in this programme."))
    attendance, _created = Attendance.objects.update_or_create(
        nomination=nomination,
        session=session,
        defaults={"present": True, "marked_by": officer, "method": AttendanceMethod.SELF},
    )
    return attendance


# ---------------------------------------------------------------- finalising
def finalise_refusal(programme: Programme) -> str | None:
    """Why ``programme`` cannot be finalised yet, or None when it can."""
    if programme.status not in (ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED):
        return _("Only a closed or running programme can be finalised.")
    if programme.ends_on > timezone.localdate():
        return _("The programme has not ended yet.")
    if (
        programme.requires_post_test_pass
        and not programme.course.assessments.filter(kind="post_test").exists()
    ):
        return _("The programme requires a passed post-test but its course has none.")
    return None


@transaction.atomic
def finalise_programme(*, programme: Programme, actor) -> dict:
    """After the last session: each officer on the roll becomes attended, no-show or
    withdrawn as ``completion.finalise_outcomes`` says; the programme is completed (through
    the status map); ``programme_finalised`` goes out after commit. Returns the counts."""
    if not has_role(actor, Role.CELL_ADMIN):
        raise ProgrammeError(_("Only the cell finalises a programme."))
    programme = _lock(programme.pk)
    refusal = finalise_refusal(programme)
    if refusal:
        raise ProgrammeError(refusal)
    counts = {S.ATTENDED: 0, S.NO_SHOW: 0, S.WITHDRAWN: 0}
    for outcome in finalise_outcomes(programme):
        nominations.settle(
            nomination=outcome.nomination,
            to_state=outcome.state,
            actor=None if outcome.state == S.WITHDRAWN else actor,
            note=outcome.reason,
        )
        counts[outcome.state] += 1
    counts = {str(k): v for k, v in counts.items()}
    set_status(programme=programme, to_status=ProgrammeStatus.COMPLETED, actor=actor, data=counts)
    send_after_commit(
        programme_finalised,
        sender=Programme,
        programme_id=programme.pk,
        actor_id=actor.pk,
        counts=counts,
    )
    return counts
