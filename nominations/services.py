"""Every nomination write. ``_transition`` is the one choke point for state changes: it
checks the transition map and the actor, saves, writes the audit row and queues the emails.
Writes that touch seats lock the programme row first (select_for_update), so concurrent
approvals, promotions and substitutions cannot oversubscribe a programme."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses.enums import EnrolmentSource, ProgrammeStatus
from courses.models import Programme
from courses.services import enrol
from lms.core.errors import DomainError
from lms.core.roles import Role, has_role
from lms.core.services import notify, record_audit
from lms.core.signals import send_after_commit

from . import eligibility
from .enums import (
    ACTORS,
    REASON_REQUIRED,
    SEAT_STATES,
    TRANSITIONS,
    Actor,
    NominationState,
)
from .models import Nomination
from .selectors import department_hods, seat_counts
from .signals import nomination_changed

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
    kinds = actor_kind(user=actor, department_id=officer.department_id)
    if officer.department_id is not None and not kinds & {Actor.HOD, Actor.CELL}:
        raise NominationError(_("You can nominate only officers of your own department."))
    rule = eligibility.rule_broken(programme=programme, officer=officer)
    if rule:
        raise NominationError(eligibility.message(rule, officer))


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
def ask_to_withdraw(*, nomination: Nomination, actor, reason: str) -> Nomination:
    """A confirmed officer cannot withdraw themselves (their HOD released them for the
    programme); they ask, with a reason, and the HOD who nominated them (or the
    department's HODs) hears of it and withdraws or substitutes them. Once per nomination,
    before the programme starts."""
    nomination = Nomination.objects.select_related("programme", "officer", "nominated_by").get(
        pk=nomination.pk
    )
    if actor is None or nomination.officer_id != actor.pk:
        raise NominationError(_("Only the nominated officer can ask to withdraw."))
    if nomination.state != S.CONFIRMED:
        raise NominationError(_("Only a confirmed nomination can be withdrawn on request."))
    if nomination.programme.starts_on <= timezone.localdate():
        raise NominationError(_("The programme has started: speak to the programme's coordinator."))
    if nomination.withdrawal_asked_at:
        raise NominationError(_("You have already asked to withdraw."))
    reason = reason.strip()
    if not reason:
        raise NominationError(_("Give a reason."))
    nomination.withdrawal_asked_at = timezone.now()
    nomination.withdrawal_reason = reason
    nomination.save(update_fields=["withdrawal_asked_at", "withdrawal_reason"])
    record_audit(
        actor=actor,
        action="nomination.withdrawal_asked",
        obj=nomination,
        from_state=nomination.state,
        to_state=nomination.state,
        note=reason,
    )
    hods = (
        [nomination.nominated_by]
        if nomination.nominated_by_id and has_role(nomination.nominated_by, Role.HOD)
        else list(department_hods(department_id=nomination.department_id))
    )
    for hod in hods:
        notify(
            recipient=hod,
            template="withdrawal_asked",
            context={
                "nomination": nomination,
                "programme": nomination.programme,
                "officer": nomination.officer,
                "reason": reason,
            },
        )
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
    rule = eligibility.rule_broken(
        programme=programme, officer=replacement, department_id=nomination.department_id
    )
    if rule:
        raise NominationError(eligibility.message(rule, replacement))
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


# ---------------------------------------------------------------- the programme's verdict
SETTLED_STATES = frozenset({S.ATTENDED, S.NO_SHOW, S.WITHDRAWN})


def settle(*, nomination: Nomination, to_state: str, actor, note: str) -> Nomination:
    """The programme's verdict on one nomination, through the choke point: withdrawn when
    the programme is cancelled; attended, no-show or withdrawn when it is finalised. For
    ``programmes.services``, which holds the programme row locked."""
    if to_state not in SETTLED_STATES:
        raise NominationError(
            _("A programme settles a nomination as attended, no-show or withdrawn only.")
        )
    return _transition(nomination=nomination, to_state=to_state, actor=actor, note=note)


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
