"""Play a scenario's model answer from its hidden key: the ideal run.

``play_ideal(session)`` drives a fresh session through the desk exactly as a trainee
would (``services.perform`` and ``services.advance_clock``), choosing each next step from
the key alone: acknowledge; categorise to the key's category; forward (or transfer, when
the key's office is in another organisation) to the key's office; close as out of scope
for the key's reason; link the duplicates; take up; help a citizen who never applied;
write the interim reply; submit the ATR; as senior wait for the feedback and return an
ATR it contradicts, else approve; dispose; hear appeals; reassign away from an office
complained against; in a case forwarded to several offices, file each co-office's input
before the lead's one report, which names them; and let simulated time run to the next scripted event when nothing
else is called for. It stops once every mandatory step of the key is done. Replies are
written to pass every reply-quality check.

It is how the tests prove each seeded scenario can be played to full marks, and lets an
author check a new scenario's key is playable (``SimulatorError`` says where it stuck)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from .book import book_for
from .enums import (
    PRE_DISPOSAL,
    Action,
    GrievanceState,
    Outcome,
    RuleKind,
    ScriptKind,
    SessionStatus,
    SimRole,
)
from .models import Grievance, GrievanceEvent, Office, PracticeSession, ScheduledEvent
from .rules import is_senior_or_vigilance
from .scoring import STAGE
from .services import SimulatorError, advance_clock, perform

A = Action
S = GrievanceState
R = SimRole
MAX_MOVES = 60


@dataclass
class Move:
    action: str = ""
    role: str = ""
    grievance: Grievance | None = None
    payload: dict = field(default_factory=dict)
    advance_minutes: int = 0


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}"


class _Player:
    def __init__(self, session: PracticeSession):
        self.session = session
        self.scenario = session.scenario
        self.roles = set(self.scenario.trainee_roles())
        self.mandatory = list(dict.fromkeys(self.scenario.key_mandatory_steps or []))
        ranked = [STAGE[s] for s in self.mandatory if STAGE.get(s, 99) <= 6]
        self.goal = max(ranked, default=0)
        self.offices = {o.code: o for o in Office.objects.filter(rulebook=session.rulebook_id)}
        self.key_office = self.scenario.key_office
        self.co_offices = sorted(self.scenario.key_co_offices.values_list("code", flat=True))

    # -- reading the desk
    def refresh(self):
        self.session.refresh_from_db(fields=["sim_now", "status"])
        self.grievances = list(
            Grievance.objects.filter(session=self.session)
            .select_related("office", "service", "key_duplicate_of")
            .order_by("pk")
        )
        self.primary = next(g for g in self.grievances if g.is_primary)
        self.done = set(
            GrievanceEvent.objects.filter(
                session=self.session, actor__isnull=False, outcome=Outcome.OK
            ).values_list("action", flat=True)
        )

    def next_script(self):
        return (
            ScheduledEvent.objects.filter(
                grievance__session=self.session, fired_at__isnull=True, fire_at__isnull=False
            )
            .order_by("fire_at")
            .first()
        )

    def wait(self, anchored_to: Grievance | None = None) -> Move | None:
        """Let the clock run just past the next scripted event (of ``anchored_to``)."""
        item = self.next_script()
        if item is None or (anchored_to is not None and item.grievance_id != anchored_to.pk):
            return None
        minutes = max(int((item.fire_at - self.session.sim_now).total_seconds() // 60) + 1, 1)
        return Move(advance_minutes=minutes)

    def plays(self, role) -> bool:
        return role in self.roles

    def todo(self, action) -> bool:
        return action in self.mandatory and action not in self.done

    # -- texts that pass every reply check, built from their elements (the mutation audit
    # leaves one element out: ``texts(g, cut=...)``)
    def designation(self, office=None) -> str:
        office = office or self.key_office or self.primary.office
        title = (office.officer_title if office else "") or "Nodal officer"
        return f"{title}, {office.name}" if office else title

    def route(self, g: Grievance) -> str:
        """The next step with its authority and time limit, from the rulebook."""
        book = book_for(self.session)
        reopen = book.rule(RuleKind.REOPEN_WINDOW)
        window = reopen.params.get("window") if reopen else None
        if window:
            amount, unit = window
            return (
                "If not satisfied, you may ask the grievance cell to reopen it within "
                f"{amount} {'hours' if unit == 'hours' else 'days'}."
            )
        return (
            "If not satisfied, you may appeal within 30 days; the appeal lies with the next "
            "authority above this office."
        )

    def texts(self, g: Grievance, cut: str = "") -> dict:
        """Every text the key writes; ``cut`` names an element to leave out (``number``,
        ``date``, ``designation``, ``route``, ``action``, ``reason``, ``original``,
        ``deadline``)."""
        today = _day(self.session.sim_now)
        on = "" if cut == "date" else f" on {today}"
        reg = "your grievance" if cut == "number" else f"Reg. No. {g.reg_no}"
        sign = "" if cut == "designation" else f" — {self.designation(g.office)}"
        nodal = "" if cut == "designation" else " — Nodal officer"
        appellate = "" if cut == "designation" else f" — {self._appellate()}"
        route = "" if cut == "route" else " " + self.route(g)
        done = (
            "it has been attended to"
            if cut == "action"
            else "the work was completed and verified on site"
        )
        matter = self.scenario.key_out_of_scope_reason.replace("_", " ")
        original = g.duplicate_of or g.key_duplicate_of
        lead = "" if cut == "original" or original is None else f" (the same as {original.reg_no})"
        oos_reason = "" if cut == "reason" else f" because the matter is {matter}"
        oos_route = (
            ""
            if cut == "route"
            else " You may pursue the remedy the law provides, or appeal within 30 days to the "
            "next authority above this office."
        )
        interim_reason = (
            "" if cut == "reason" else " because sanction and field work are still awaited"
        )
        order_reason = "" if cut == "reason" else " because the service was delayed beyond its time"
        order_route = (
            "" if cut == "route" else " A second appeal lies to the next authority within 30 days."
        )
        return {
            "ack": g.reg_no,
            "transfer": f"Reg. No. {g.reg_no} concerns "
            f"{self.key_office.organisation if self.key_office else 'another organisation'}, "
            "which must act on it; transferred with reasons.",
            "out_of_scope": f"{reg}: closed as out of scope{oos_reason}.{oos_route}{nodal}",
            "interim": f"{reg}: interim reply. Final disposal will take more time{interim_reason}"
            f"{self._application(g)}; expected by the date given.{sign}",
            "atr": f"Action taken: {done}{on}{self._consolidated(g, cut)}; a dated photo is "
            f"attached.{sign}",
            "dispose": f"{reg}: your grievance has been redressed; {done}{on}.{sign}{route}",
            "directions": "Complete the service and report"
            + ("." if cut == "deadline" else f" within 3 days of {today}."),
            "remand": "Enquire into the delivery and the signature on the slip, and report"
            + ("." if cut == "deadline" else f" within 7 days of {today}."),
            "order": f"{reg}: heard both sides{on}; the appeal is allowed{order_reason}, and "
            f"delivery is directed within 3 days.{order_route}{appellate}",
            "duplicate": f"{reg}: your complaint is the same as one already registered{lead}; "
            f"it has been linked to it and will be answered with it.{nodal}",
            "advice": f"{reg}: the window to reopen it has passed; please lodge a fresh "
            f"grievance and quote this number.{nodal}",
        }

    def _consolidated(self, g: Grievance, cut: str = "") -> str:
        """The lead's report names the co-offices whose inputs it consolidates (by code when
        the text is cut of designations: an office's name is its officer's)."""
        codes = [c for c in g.co_offices or [] if c in (g.co_inputs or [])]
        if not codes or cut == "inputs":
            return ""
        names = [
            c if cut == "designation" or c not in self.offices else self.offices[c].name
            for c in codes
        ]
        return f", consolidating the input of {', '.join(names)}"

    def input_move(self, g: Grievance) -> Move | None:
        """A co-office files its input to the lead office (before the lead's report)."""
        pending = [c for c in g.co_offices or [] if c not in (g.co_inputs or [])]
        if not pending or not self.plays(R.DESIGNATED_OFFICER):
            return None
        code = pending[0]
        name = self.offices[code].name if code in self.offices else code
        return Move(
            A.SUBMIT_INPUT,
            R.DESIGNATED_OFFICER,
            g,
            {"office": code, "text": f"Input of {name}: our part of the work is done."},
        )

    def _application(self, g: Grievance) -> str:
        return (
            f" (the citizen has now applied: application {g.application_ref})"
            if g.application_ref
            else ""
        )

    def _appellate(self) -> str:
        ladder = book_for(self.session).appeal_ladder
        level = ladder.level(max(self.primary.appeal_level, 1)) if ladder else None
        return level.authority if level else "Appellate authority"

    # -- the policy
    def next_move(self) -> Move | None:
        for g in self.grievances:
            if (
                not g.is_primary
                and g.key_duplicate_of_id
                and g.state in (S.REGISTERED, S.CATEGORISED)
                and self.plays(R.NODAL_OFFICER)
            ):
                return Move(
                    A.LINK_DUPLICATE,
                    R.NODAL_OFFICER,
                    g,
                    {"original": g.key_duplicate_of.reg_no, "reply": self.texts(g)["duplicate"]},
                )
        if all(step in self.done for step in self.mandatory):
            # Every duplicate complaint the script brings is linked too.
            pending = ScheduledEvent.objects.filter(
                grievance__session=self.session,
                kind=ScriptKind.DUPLICATE_COMPLAINT,
                fired_at__isnull=True,
                fire_at__isnull=False,
            ).exists()
            return self.wait() if pending else None
        move = self.primary_move(self.primary)
        return move or self.wait()

    def primary_move(self, g: Grievance) -> Move | None:  # noqa: C901 - one branch per state
        key, texts = self.scenario, self.texts(g)
        N, DO, SR, AA = R.NODAL_OFFICER, R.DESIGNATED_OFFICER, R.SENIOR, R.APPELLATE_AUTHORITY
        state = g.state
        if state in PRE_DISPOSAL and g.acknowledged_at is None and self.plays(N):
            return Move(A.ACKNOWLEDGE, N, g)
        if not key.key_in_scope:
            if state == S.REGISTERED and self.todo(A.CATEGORISE) and key.key_category_id:
                return Move(A.CATEGORISE, N, g, {"category": key.key_category.code})
            if state in (S.REGISTERED, S.CATEGORISED) and self.plays(N):
                return Move(
                    A.CLOSE_OUT_OF_SCOPE,
                    N,
                    g,
                    {"reason": key.key_out_of_scope_reason, "reply": texts["out_of_scope"]},
                )
            return None
        allegation = bool(g.allegation_office_id and g.allegation_office_id == g.office_id)
        if allegation and state in (S.ASSIGNED, S.IN_PROGRESS) and self.plays(N):
            return Move(A.REASSIGN, N, g, {"office": self._vigilance(g).code})
        if state == S.REGISTERED and self.plays(N):
            return Move(A.CATEGORISE, N, g, {"category": key.key_category.code})
        if state == S.CATEGORISED and self.plays(N) and self.key_office:
            if g.office and g.office.organisation != self.key_office.organisation:
                return Move(
                    A.TRANSFER, N, g, {"office": self.key_office.code, "reason": texts["transfer"]}
                )
            return Move(A.FORWARD, N, g, {"office": self.key_office.code, "also": self.co_offices})
        if state in (S.ASSIGNED, S.REASSIGN_REQUESTED):
            if self.key_office and g.office_id != self.key_office.pk:
                if state == S.ASSIGNED and self.plays(DO) and self.todo(A.REQUEST_REASSIGN):
                    return Move(
                        A.REQUEST_REASSIGN,
                        DO,
                        g,
                        {"reason": f"The location falls under {self.key_office.name}."},
                    )
                if self.plays(N):
                    return Move(A.REASSIGN, N, g, {"office": self.key_office.code})
            if self.todo(A.ISSUE_DIRECTIONS) and self.plays(SR):
                return Move(A.ISSUE_DIRECTIONS, SR, g, {"text": texts["directions"]})
            if self.goal >= STAGE[A.TAKE_UP] and self.plays(DO):
                return Move(A.TAKE_UP, DO, g)
            return None
        if state == S.REMANDED and self.plays(DO):
            return Move(A.TAKE_UP, DO, g)
        if state == S.IN_PROGRESS and self.plays(DO):
            never_applied = g.is_rts and not g.citizen_applied and not g.application_ref
            if (never_applied or self.todo(A.CALL_CITIZEN)) and A.CALL_CITIZEN not in self.done:
                return Move(
                    A.CALL_CITIZEN,
                    DO,
                    g,
                    {"note": "Called the citizen and explained the next step."},
                )
            if never_applied:
                year = timezone.localtime(self.session.sim_now).year
                return Move(
                    A.FACILITATE_APPLICATION,
                    DO,
                    g,
                    {"application_ref": f"SARAL/{year}/{g.pk:06d}"},
                )
            if self.todo(A.INTERIM_REPLY):
                expected = timezone.localtime(self.session.sim_now) + datetime.timedelta(days=30)
                return Move(
                    A.INTERIM_REPLY,
                    DO,
                    g,
                    {"text": texts["interim"], "expected_by": expected.date().isoformat()},
                )
            if self.goal >= STAGE[A.SUBMIT_ATR]:
                waiting_for = self.input_move(g)
                if waiting_for is not None:
                    return waiting_for
                return Move(
                    A.SUBMIT_ATR,
                    DO,
                    g,
                    {"text": texts["atr"], "resolved": True, "evidence": "dated-photo.jpg"},
                )
            return None
        if state == S.ATR_SUBMITTED and self.plays(SR):
            waiting = self.wait(anchored_to=g)
            if (
                waiting is not None
                and ScheduledEvent.objects.filter(
                    grievance=g, anchor=A.SUBMIT_ATR, fired_at__isnull=True
                ).exists()
            ):
                return waiting  # read the citizen's feedback before sending the ATR up
            if g.feedback_contradicts:
                return Move(
                    A.RETURN_ATR,
                    SR,
                    g,
                    {"note": "The citizen's feedback contradicts the ATR: re-verify on site."},
                )
            if self.goal >= STAGE[A.APPROVE_ATR]:
                return Move(A.APPROVE_ATR, SR, g)
            return None
        if state == S.ATR_APPROVED and self.plays(N):
            return Move(A.DISPOSE, N, g, {"reply": texts["dispose"]})
        if state == S.IN_APPEAL and self.plays(AA):
            if self.todo(A.ISSUE_DIRECTIONS):
                return Move(A.ISSUE_DIRECTIONS, AA, g, {"text": texts["directions"]})
            if A.REMAND in self.mandatory:
                return Move(A.REMAND, AA, g, {"directions": texts["remand"]})
            return Move(A.DECIDE_APPEAL, AA, g, {"order": texts["order"]})
        return None

    def _vigilance(self, g: Grievance) -> Office:
        """Where a complaint against the handling office goes: an office senior to it in
        the rulebook's hierarchy, or Vigilance (of its own organisation first)."""
        fit = [o for o in self.offices.values() if is_senior_or_vigilance(o, g.office)]
        fit.sort(
            key=lambda o: (o.organisation != g.office.organisation, not o.is_vigilance, o.code)
        )
        return fit[0] if fit else g.office


def play_ideal(session: PracticeSession) -> list[str]:
    """Play the key's model answer on ``session`` (active, nothing done yet). Returns what
    was done, step by step; raises ``SimulatorError`` when the key cannot be played."""
    if session.status != SessionStatus.ACTIVE:
        raise SimulatorError("The session has ended.")
    player = _Player(session)
    trainee = session.trainee
    log: list[str] = []
    for _ in range(MAX_MOVES):
        player.refresh()
        move = player.next_move()
        if move is None:
            missing = [s for s in player.mandatory if s not in player.done]
            if missing:
                raise SimulatorError(
                    f"The ideal run is stuck in state '{player.primary.state}' with "
                    f"{', '.join(missing)} still to do."
                )
            return log
        if move.advance_minutes:
            advance_clock(session=session, actor=trainee, minutes=move.advance_minutes)
            log.append(f"advance {move.advance_minutes} min")
            continue
        result = perform(
            grievance=move.grievance,
            action=move.action,
            actor=trainee,
            role=move.role,
            payload=move.payload,
        )
        if not result.ok:
            raise SimulatorError(
                f"The ideal run's {move.action} was refused ({result.rule_code}): {result.message}"
            )
        log.append(f"{move.role}: {move.action}")
    raise SimulatorError("The ideal run did not finish.")
