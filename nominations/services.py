"""Every nomination write. ``_transition`` is the one choke point for state changes: it
checks the transition map and the actor, saves, writes the audit row and queues the emails.
Writes that touch seats lock the programme row first (select_for_update), so concurrent
approvals, promotions and substitutions cannot oversubscribe a programme."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.enums import PROGRAMME_TRANSITIONS, ProgrammeStatus
from courses.models import Programme
from lms.core.errors import DomainError
from lms.core.roles import Role, has_role
from lms.core.services import record_audit
from lms.core.signals import send_after_commit

from .enums import (
    ACTORS,
    LIVE_STATES,
    REASON_REQUIRED,
    SEAT_STATES,
    TRANSITIONS,
    Actor,
    NominationState,
)
from .models import Nomination
from .signals import nomination_changed, programme_finalised

S = NominationState
CLOSED_PROGRAMME_STATES = {ProgrammeStatus.CANCELLED, ProgrammeStatus.COMPLETED}


class NominationError(DomainError):
    """A nomination action the rules refuse; the message says which rule."""


# ---------------------------------------------------------------- who is acting
def actor_kind(*, user, nomination: Nomination | None = None, department_id=None) -> set[str]:
    """The kinds of actor ``user`` is for this nomination (a user can be several)."""
    if user is None:
        return {Actor.SYSTEM}
    kinds = set()
    if has_role(user, Role.CELL_ADMIN):
        kinds.add(Actor.CELL)
    dept = nomination.department_id if nomination else department_id
    if has_role(user, Role.HOD) and user.department_id and user.department_id == dept:
        kinds.add(Actor.HOD)
    if nomination is not None and nomination.officer_id == user.pk:
        kinds.add(Actor.OFFICER)
    return kinds


def _lock_programme(programme_id) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme_id)


# ---------------------------------------------------------------- seats
def seat_counts(programme: Programme) -> dict:
    """Seats held in all and per department (one query)."""
    rows = (
        Nomination.objects.filter(programme=programme, state__in=SEAT_STATES)
        .values("department_id")
        .annotate(n=Count("pk"))
    )
    per_department = {row["department_id"]: row["n"] for row in rows}
    return {"taken": sum(per_department.values()), "per_department": per_department}


def _quota_for(programme: Programme, department_id) -> int | None:
    """The department's cap, or None when the programme has no quota for it."""
    quota = programme.quotas.filter(department_id=department_id).first()
    return quota.seats if quota else None


def _seat_refusal(programme: Programme, department_id) -> str | None:
    counts = seat_counts(programme)
    if counts["taken"] >= programme.capacity:
        return ngettext(
            "The %(n)d seat is taken.", "All %(n)d seats are taken.", programme.capacity
        ) % {"n": programme.capacity}
    quota = _quota_for(programme, department_id)
    if quota is not None and counts["per_department"].get(department_id, 0) >= quota:
        return ngettext(
            "The department's quota of %(n)d seat is used up.",
            "The department's quota of %(n)d seats is used up.",
            quota,
        ) % {"n": quota}
    return None


# ---------------------------------------------------------------- eligibility
def _check_can_nominate(*, programme: Programme, officer, actor, now) -> None:
    if programme.status == ProgrammeStatus.CANCELLED:
        raise NominationError(_("The programme is cancelled."))
    if programme.status != ProgrammeStatus.OPEN or not programme.is_window_open(now):
        raise NominationError(
            _("Nominations are accepted only while the window is open (%(opens)s to %(closes)s).")
            % {
                "opens": timezone.localtime(programme.nomination_opens_at).strftime(
                    "%d/%m/%Y %H:%M"
                ),
                "closes": timezone.localtime(programme.nomination_closes_at).strftime(
                    "%d/%m/%Y %H:%M"
                ),
            }
        )
    if not officer.is_active:
        raise NominationError(_("%(officer)s's account is inactive.") % {"officer": officer})
    if officer.department_id is None:
        raise NominationError(_("%(officer)s has no department.") % {"officer": officer})
    kinds = actor_kind(user=actor, department_id=officer.department_id)
    if not kinds & {Actor.HOD, Actor.CELL}:
        raise NominationError(_("You can nominate only officers of your own department."))
    if programme.target_levels and officer.level not in programme.target_levels:
        raise NominationError(
            _("%(officer)s is not at a level this programme is for.") % {"officer": officer}
        )
    quotas = list(programme.quotas.values_list("department_id", flat=True))
    if quotas and officer.department_id not in quotas:
        raise NominationError(_("This programme has no seats for the officer's department."))
    if Nomination.objects.filter(
        programme=programme, officer=officer, state__in=LIVE_STATES
    ).exists():
        raise NominationError(
            _("%(officer)s already has a nomination for this programme.") % {"officer": officer}
        )


# ---------------------------------------------------------------- the choke point
def _transition(*, nomination: Nomination, to_state: str, actor, note: str = "", reason: str = ""):
    from_state = nomination.state
    if to_state not in TRANSITIONS[from_state]:
        raise NominationError(
            _("A nomination cannot go from %(from)s to %(to)s.")
            % {"from": S(from_state).label, "to": S(to_state).label}
        )
    if not actor_kind(user=actor, nomination=nomination) & ACTORS[to_state]:
        raise NominationError(_("Your role cannot make this change."))
    if to_state in REASON_REQUIRED and not reason.strip():
        raise NominationError(_("Give a reason."))
    nomination.state = to_state
    nomination.state_changed_at = timezone.now()
    if reason:
        nomination.reason = reason.strip()
    nomination.save(update_fields=["state", "state_changed_at", "reason"])
    _record(nomination=nomination, from_state=from_state, actor=actor, note=note or reason)
    return nomination


def _create(*, actor, note: str = "", **fields) -> Nomination:
    """The choke point's other door: a new nomination (submitted, or approved as a
    substitute), audited and announced like a transition."""
    nomination = Nomination.objects.create(nominated_by=actor, note=note, **fields)
    _record(nomination=nomination, from_state="", actor=actor, note=note)
    return nomination


def _record(*, nomination: Nomination, from_state: str, actor, note: str) -> None:
    """Audit one change and announce it after commit (``nomination_changed``: the officer
    and the nominating HOD are emailed by ``receivers.email_officer_and_hod``)."""
    record_audit(
        actor=actor,
        action="nomination.transition" if from_state else "nomination.created",
        obj=nomination,
        from_state=from_state,
        to_state=nomination.state,
        note=note,
    )
    send_after_commit(
        nomination_changed,
        sender=Nomination,
        nomination_id=nomination.pk,
        from_state=from_state,
        to_state=nomination.state,
        note=note,
    )


def _promote_waitlisted(programme: Programme) -> list[Nomination]:
    """Fill free seats from the waitlist, first come first served, skipping nominations
    whose department quota is full. Call with the programme row locked."""
    promoted = []
    if programme.status in CLOSED_PROGRAMME_STATES:
        return promoted
    for candidate in (
        Nomination.objects.filter(programme=programme, state=S.WAITLISTED)
        .select_related("officer", "programme", "nominated_by")
        .order_by("created_at", "pk")
    ):
        counts = seat_counts(programme)
        if counts["taken"] >= programme.capacity:
            break
        if _seat_refusal(programme, candidate.department_id) is None:
            promoted.append(
                _transition(
                    nomination=candidate,
                    to_state=S.APPROVED,
                    actor=None,
                    note=_("Promoted automatically from the waitlist."),
                )
            )
    return promoted


# ---------------------------------------------------------------- public services
@transaction.atomic
def nominate(*, programme: Programme, officer, actor, note: str = "") -> Nomination:
    programme = _lock_programme(programme.pk)
    _check_can_nominate(programme=programme, officer=officer, actor=actor, now=timezone.now())
    try:
        with transaction.atomic():
            nomination = _create(
                programme=programme,
                officer=officer,
                department_id=officer.department_id,
                actor=actor,
                note=note,
            )
    except IntegrityError as exc:
        raise NominationError(
            _("%(officer)s already has a nomination for this programme.") % {"officer": officer}
        ) from exc
    return nomination


@transaction.atomic
def decide(*, nomination: Nomination, decision: str, actor, reason: str = "") -> Nomination:
    """The cell's decision: approve, waitlist or reject. Approving needs a free seat within
    capacity and the department's quota."""
    if decision not in (S.APPROVED, S.WAITLISTED, S.REJECTED):
        raise NominationError(_("Unknown decision."))
    programme = _lock_programme(nomination.programme_id)
    nomination = Nomination.objects.select_related("officer", "nominated_by").get(pk=nomination.pk)
    nomination.programme = programme
    if programme.status in CLOSED_PROGRAMME_STATES:
        raise NominationError(
            _("The programme is %(status)s.") % {"status": programme.get_status_display()}
        )
    if decision == S.APPROVED:
        refusal = _seat_refusal(programme, nomination.department_id)
        if refusal:
            raise NominationError(refusal + " " + _("Waitlist the nomination instead."))
    return _transition(nomination=nomination, to_state=decision, actor=actor, reason=reason)


@transaction.atomic
def respond(*, nomination: Nomination, accept: bool, actor, note: str = "") -> Nomination:
    """The officer confirms or declines an approved nomination. Declining frees the seat.
    Only the officer responds here; the cell confirms for them with ``confirm_for_officer``."""
    if actor is None or nomination.officer_id != actor.pk:
        raise NominationError(_("Your role cannot make this change."))
    programme = _lock_programme(nomination.programme_id)
    nomination = Nomination.objects.select_related("officer", "nominated_by").get(pk=nomination.pk)
    nomination.programme = programme
    _transition(
        nomination=nomination,
        to_state=S.CONFIRMED if accept else S.DECLINED,
        actor=actor,
        note=note,
    )
    if accept:
        _open_online_lessons(nomination, programme)
    else:
        _promote_waitlisted(programme)
    return nomination


def _open_online_lessons(nomination: Nomination, programme: Programme) -> None:
    """A confirmed officer gets the programme's online lessons (pre-work, completion rule)."""
    if programme.course.live:
        from courses.enums import EnrolmentSource
        from courses.services import enrol

        enrol(user=nomination.officer, course=programme.course, source=EnrolmentSource.NOMINATION)


@transaction.atomic
def withdraw(*, nomination: Nomination, actor, note: str = "") -> Nomination:
    programme = _lock_programme(nomination.programme_id)
    nomination = Nomination.objects.select_related("officer", "nominated_by").get(pk=nomination.pk)
    nomination.programme = programme
    held_seat = nomination.state in SEAT_STATES
    _transition(nomination=nomination, to_state=S.WITHDRAWN, actor=actor, note=note)
    if held_seat:
        _promote_waitlisted(programme)
    return nomination


@transaction.atomic
def substitute(*, nomination: Nomination, replacement, actor, note: str = "") -> Nomination:
    """The HOD replaces an approved or confirmed officer before the window closes; the
    replacement takes over the seat (approved, waiting for their confirmation)."""
    programme = _lock_programme(nomination.programme_id)
    nomination = Nomination.objects.select_related("officer", "nominated_by").get(pk=nomination.pk)
    nomination.programme = programme
    if nomination.state not in (S.APPROVED, S.CONFIRMED):
        raise NominationError(_("Only an approved or confirmed nomination can be substituted."))
    if timezone.now() >= programme.nomination_closes_at:
        raise NominationError(_("Substitutions close with the nomination window."))
    if replacement.department_id != nomination.department_id:
        raise NominationError(_("The substitute must be from the same department."))
    if programme.target_levels and replacement.level not in programme.target_levels:
        raise NominationError(
            _("%(officer)s is not at a level this programme is for.") % {"officer": replacement}
        )
    if not replacement.is_active:
        raise NominationError(_("%(officer)s's account is inactive.") % {"officer": replacement})
    if Nomination.objects.filter(
        programme=programme, officer=replacement, state__in=LIVE_STATES
    ).exists():
        raise NominationError(
            _("%(officer)s already has a nomination for this programme.") % {"officer": replacement}
        )
    _transition(nomination=nomination, to_state=S.SUBSTITUTED, actor=actor, note=note)
    return _create(
        programme=programme,
        officer=replacement,
        department_id=nomination.department_id,
        state=S.APPROVED,
        substitute_for=nomination,
        actor=actor,
        note=_("Substitute for %(officer)s") % {"officer": nomination.officer}
        + (f": {note}" if note else ""),
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


# ---------------------------------------------------------------- programme status
@transaction.atomic
def change_programme_status(*, programme: Programme, to_status: str, actor, note: str = ""):
    """Move a programme through draft -> open -> closed -> running -> completed (or
    cancelled). Cancelling withdraws every live nomination and tells the officers."""
    if not has_role(actor, Role.CELL_ADMIN):
        raise NominationError(_("Only the cell can change a programme's status."))
    programme = _lock_programme(programme.pk)
    _check_programme_move(programme.status, to_status)
    if to_status == ProgrammeStatus.COMPLETED:
        raise NominationError(_("Complete a programme by finalising its attendance."))
    if to_status == ProgrammeStatus.OPEN and not programme.sessions.exists():
        raise NominationError(_("Add the session days before opening nominations."))
    _set_programme_status(programme=programme, to_status=to_status, actor=actor, note=note)
    if to_status == ProgrammeStatus.CANCELLED:
        for nomination in Nomination.objects.filter(
            programme=programme, state__in=LIVE_STATES - {S.ATTENDED, S.NO_SHOW}
        ).select_related("officer", "nominated_by"):
            nomination.programme = programme
            _transition(
                nomination=nomination,
                to_state=S.WITHDRAWN,
                actor=None,
                note=_("The programme was cancelled."),
            )
    return programme


def _check_programme_move(from_status: str, to_status: str) -> None:
    if to_status not in PROGRAMME_TRANSITIONS[from_status]:
        raise NominationError(
            _("A programme cannot go from %(from)s to %(to)s.")
            % {"from": ProgrammeStatus(from_status).label, "to": ProgrammeStatus(to_status).label}
        )


def _set_programme_status(*, programme: Programme, to_status: str, actor, note="", data=None):
    """The programme's one choke point (call with its row locked): the status map
    (``PROGRAMME_TRANSITIONS``) checked, the status saved, an audit row written."""
    from_status = programme.status
    _check_programme_move(from_status, to_status)
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
CHECK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CHECK_IN_EARLY_MINUTES = 30


def _can_mark(user, programme) -> bool:
    return has_role(user, Role.CELL_ADMIN) or (
        user is not None and programme.coordinator_id == user.pk
    )


@transaction.atomic
def mark_attendance(*, session, nomination: Nomination, present: bool, actor):
    from .enums import AttendanceMethod
    from .models import Attendance

    nomination = Nomination.objects.get(pk=nomination.pk)  # act on the stored state
    if session.programme_id != nomination.programme_id:
        raise NominationError(_("The session belongs to another programme."))
    if session.programme.status in CLOSED_PROGRAMME_STATES:
        raise NominationError(
            _("The programme is %(status)s: its attendance is final.")
            % {"status": session.programme.get_status_display()}
        )
    if not _can_mark(actor, session.programme):
        raise NominationError(_("Only the cell or the programme's coordinator marks attendance."))
    if nomination.state not in (S.APPROVED, S.CONFIRMED):
        raise NominationError(_("Attendance is marked for approved or confirmed officers only."))
    if session.date > timezone.localdate():
        raise NominationError(_("Attendance cannot be marked before the session."))
    attendance, _created = Attendance.objects.update_or_create(
        nomination=nomination,
        session=session,
        defaults={"present": present, "marked_by": actor, "method": AttendanceMethod.MARKED},
    )
    return attendance


@transaction.atomic
def open_check_in(*, session, actor) -> str:
    """Give the session a short code officers type (or scan) to check themselves in."""
    import secrets

    if not _can_mark(actor, session.programme):
        raise NominationError(_("Only the cell or the programme's coordinator opens check-in."))
    refusal = check_in_refusal(session)
    if refusal:
        raise NominationError(refusal)
    session.check_in_code = "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(6))
    session.save(update_fields=["check_in_code"])
    return session.check_in_code


def check_in_refusal(session, now=None) -> str | None:
    """Why self check-in cannot be opened for ``session`` now, or None."""
    import datetime

    if session.programme.status in CLOSED_PROGRAMME_STATES:
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
    import datetime

    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(session.date, session.starts_at, tzinfo=tz)
    end = datetime.datetime.combine(session.date, session.ends_at, tzinfo=tz)
    return start - datetime.timedelta(minutes=CHECK_IN_EARLY_MINUTES) <= now <= end


@transaction.atomic
def check_in(*, officer, code: str, now=None):
    from courses.models import ProgrammeSession

    from .enums import AttendanceMethod
    from .models import Attendance

    now = now or timezone.now()
    code = (code or "").strip().upper()
    if len(code) != 6:
        raise NominationError(_("The check-in code has 6 letters and digits."))
    session = (
        ProgrammeSession.objects.select_related("programme")
        .filter(check_in_code=code, date=timezone.localdate(now))
        .first()
    )
    if session is None or not _session_is_on(session, now):
        raise NominationError(_("This code is not valid now. Check in during the session."))
    nomination = Nomination.objects.filter(
        programme=session.programme, officer=officer, state__in=(S.APPROVED, S.CONFIRMED)
    ).first()
    if nomination is None:
        raise NominationError(_("You have no confirmed seat in this programme."))
    attendance, _created = Attendance.objects.update_or_create(
        nomination=nomination,
        session=session,
        defaults={"present": True, "marked_by": officer, "method": AttendanceMethod.SELF},
    )
    return attendance


def completion_rule_met(
    *,
    nomination: Nomination,
    total_sessions: int,
    present: int,
    online_done: bool | None = None,
    post_test_passed: bool | None = None,
    simulation_passed: bool | None = None,
) -> bool:
    """The programme's completion rule: attendance >= the minimum percentage, plus every
    online lesson and a passed post-test when the programme requires them, plus the
    minimum score on every simulator scenario assigned to it as counting toward completion.
    ``online_done``, ``post_test_passed`` and ``simulation_passed``, when the caller already
    knows them (for a whole roll at once), save queries."""
    programme = nomination.programme
    if total_sessions == 0:
        return False
    if 100 * present < programme.min_attendance_percent * total_sessions:
        return False
    if programme.requires_online_completion:
        if online_done is None:
            from courses.models import Enrolment

            online_done = Enrolment.objects.filter(
                user_id=nomination.officer_id,
                course_id=programme.course_id,
                completed_at__isnull=False,
            ).exists()
        if not online_done:
            return False
    if programme.requires_post_test_pass:
        if post_test_passed is None:
            from assessments.completion import post_test_outcome

            outcome = post_test_outcome(
                course_id=programme.course_id, user_id=nomination.officer_id
            )
            post_test_passed = bool(outcome and outcome.passed)
        if not post_test_passed:
            return False
    if simulation_passed is None:
        simulation_passed = nomination.officer_id in simulation_passes(
            programme, [nomination.officer_id]
        )
    return simulation_passed


def simulation_passes(programme: Programme, officer_ids) -> set:
    """The officers among ``officer_ids`` who met the simulator scenarios assigned to the
    programme as counting toward completion (all of them when none is; two queries)."""
    from simulator.selectors import simulation_passes as passes

    return passes(programme, officer_ids)


def post_test_passes(programme: Programme, officer_ids) -> set | None:
    """The officers among ``officer_ids`` who passed the course's post-test, or None when
    the programme does not require one (two queries for the whole roll)."""
    if not programme.requires_post_test_pass:
        return None
    from assessments.completion import post_test_outcomes

    outcomes = post_test_outcomes(course_id=programme.course_id, user_ids=officer_ids)
    return {user_id for user_id, outcome in outcomes.items() if outcome.passed}


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


@dataclass
class Outcome:
    """What finalising does to one officer on the roll, and why (shown before it is done)."""

    nomination: Nomination
    present: int  # sessions marked present
    marked: int  # sessions marked at all (present or absent)
    state: str  # attended, no_show or withdrawn
    reason: str

    @property
    def label(self) -> str:
        return S(self.state).label


def finalise_outcomes(programme: Programme) -> list[Outcome]:
    """Each approved or confirmed officer's outcome by the completion rule, from the
    attendance the cell marked (a fixed number of queries for the whole roll).

    Marked attendance is the fact: an officer who met the rule is attended whether or not
    they confirmed online; one whose attendance was marked but who did not meet it is a
    no-show; an approved officer who never confirmed and has no attendance marked at all is
    withdrawn."""
    from courses.models import Enrolment

    total = programme.sessions.count()
    nominations = list(
        Nomination.objects.filter(programme=programme, state__in=(S.APPROVED, S.CONFIRMED))
        .select_related("officer", "nominated_by")
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__present=True)),
            marked_count=Count("attendance"),
        )
        .order_by("officer__first_name", "officer__last_name", "pk")
    )
    officer_ids = [n.officer_id for n in nominations]
    online = None
    if programme.requires_online_completion:
        online = set(
            Enrolment.objects.filter(
                course_id=programme.course_id, user_id__in=officer_ids, completed_at__isnull=False
            ).values_list("user_id", flat=True)
        )
    passed = post_test_passes(programme, officer_ids)
    practised = simulation_passes(programme, officer_ids)
    outcomes = []
    for nomination in nominations:
        nomination.programme = programme
        present, marked = nomination.present_count, nomination.marked_count
        sessions = ngettext(
            "%(present)d of %(total)d session", "%(present)d of %(total)d sessions", total
        ) % {"present": present, "total": total}
        met = completion_rule_met(
            nomination=nomination,
            total_sessions=total,
            present=present,
            online_done=None if online is None else nomination.officer_id in online,
            post_test_passed=None if passed is None else nomination.officer_id in passed,
            simulation_passed=nomination.officer_id in practised,
        )
        unconfirmed = nomination.state == S.APPROVED
        if met:
            state, reason = S.ATTENDED, sessions
            if unconfirmed:
                reason += "; " + _("attended without confirming online")
        elif unconfirmed and marked == 0:
            state, reason = S.WITHDRAWN, _("Never confirmed and no attendance marked.")
        else:
            state, reason = S.NO_SHOW, sessions
        outcomes.append(Outcome(nomination, present, marked, state, reason))
    return outcomes


@transaction.atomic
def finalise_programme(*, programme: Programme, actor) -> dict:
    """After the last session: each officer on the roll becomes attended, no-show or
    withdrawn as ``finalise_outcomes`` says; the programme is completed. Returns the counts."""
    if not has_role(actor, Role.CELL_ADMIN):
        raise NominationError(_("Only the cell finalises a programme."))
    programme = _lock_programme(programme.pk)
    refusal = finalise_refusal(programme)
    if refusal:
        raise NominationError(refusal)
    counts = {S.ATTENDED: 0, S.NO_SHOW: 0, S.WITHDRAWN: 0}
    for outcome in finalise_outcomes(programme):
        _transition(
            nomination=outcome.nomination,
            to_state=outcome.state,
            actor=None if outcome.state == S.WITHDRAWN else actor,
            note=outcome.reason,
        )
        counts[outcome.state] += 1
    _set_programme_status(
        programme=programme,
        to_status=ProgrammeStatus.COMPLETED,
        actor=actor,
        data={str(k): v for k, v in counts.items()},
    )
    send_after_commit(
        programme_finalised,
        sender=Programme,
        programme_id=programme.pk,
        actor_id=actor.pk,
        counts={str(k): v for k, v in counts.items()},
    )
    return counts


@transaction.atomic
def confirm_for_officer(*, nomination: Nomination, actor, note: str) -> Nomination:
    """The cell confirms an approved nomination on the officer's behalf (they confirmed by
    phone or letter); the note says how, and the audit row who."""
    if not note.strip():
        raise NominationError(_("Say how the officer confirmed (e.g. by phone on 12/03)."))
    if not has_role(actor, Role.CELL_ADMIN):
        raise NominationError(_("Only the cell confirms on an officer's behalf."))
    programme = _lock_programme(nomination.programme_id)
    nomination = Nomination.objects.select_related("officer", "nominated_by").get(pk=nomination.pk)
    nomination.programme = programme
    if nomination.state != S.APPROVED:
        raise NominationError(_("Only an approved nomination can be confirmed."))
    _transition(
        nomination=nomination,
        to_state=S.CONFIRMED,
        actor=actor,
        note=_("Confirmed by the cell on the officer's behalf: %(note)s") % {"note": note.strip()},
    )
    _open_online_lessons(nomination, programme)
    return nomination


class NominationBatchError(NominationError):
    """``nominate_many`` refused some entries; ``errors`` is [(officer, message), ...]."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{officer}: {message}" for officer, message in errors))

    def as_json(self) -> dict:
        return {
            "detail": str(self),
            "errors": [
                {"officer": getattr(officer, "pk", None), "detail": message}
                for officer, message in self.errors
            ],
        }


@transaction.atomic
def nominate_many(*, programme: Programme, entries, actor) -> list[Nomination]:
    """Nominate several officers at once: all or nothing. ``entries`` are (officer, note)
    pairs. Every entry is tried (each in its own savepoint) so that all refusals can be
    shown together; if any is refused, every nomination is rolled back and a
    ``NominationBatchError`` lists each refused officer with the reason."""
    created, errors = [], []
    for officer, note in entries:
        try:
            created.append(nominate(programme=programme, officer=officer, actor=actor, note=note))
        except NominationError as error:
            errors.append((officer, str(error)))
    if errors:
        raise NominationBatchError(errors)
    return created
