"""Play a scenario's model answer from its hidden key: the ideal run.

``play_ideal(session)`` drives a fresh session through the desk exactly as a trainee
would (``services.perform`` and ``services.advance_clock``), choosing each next step from
the key alone: acknowledge; categorise to the key's category; forward (or transfer, when
the key's office is in another organisation) to the key's office; close as out of scope
for the key's reason; link the duplicates; take up; help a citizen who never applied;
write the interim reply; submit the ATR; as senior wait for the feedback and return an
ATR it contradicts, else approve; dispose; hear appeals; reassign away from an office
complained against; and let simulated time run to the next scripted event when nothing
else is called for. It stops once every mandatory step of the key is done. Replies are
written to pass every reply-quality check.

It is how the tests prove each seeded scenario can be played to full marks, and lets an
author check a new scenario's key is playable (``SimulatorError`` says where it stuck)."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from .enums import PRE_DISPOSAL, Action, GrievanceState, Outcome, SessionStatus, SimRole
from .models import Grievance, GrievanceEvent, Office, PracticeSession, ScheduledEvent
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

    # -- texts that pass every reply check
    def designation(self, office=None) -> str:
        office = office or self.key_office or self.primary.office
        title = (office.officer_title if office else "") or "Nodal officer"
        return f"{title}, {office.name}" if office else title

    def texts(self, g: Grievance) -> dict:
        today = _day(self.session.sim_now)
        by = self.designation(g.office)
        reg = g.reg_no
        return {
            "ack": reg,
            "transfer": f"Reg. No. {reg} concerns {self.key_office.organisation if self.key_office else 'another organisation'}, "
            "which must act on it; transferred with reasons.",
            "out_of_scope": f"Reg. No. {reg}: closed as out of scope because the matter is "
            f"{self.scenario.key_out_of_scope_reason.replace('_', ' ')}; the remedy lies with the "
            f"court, or you may appeal to the appellate authority. — Nodal officer ({today})",
            "interim": f"Reg. No. {reg}: interim reply. Final disposal needs more time because "
            f"sanction and field work are pending{self._application(g)}; expected by the date "
            f"given. — {by}",
            "atr": f"Action taken: the work was completed and verified on site on {today}; a "
            f"dated photo is attached. — {by}",
            "dispose": f"Reg. No. {reg}: your grievance has been redressed; the action taken was "
            f"completed on {today} as reported by the {by}. If not satisfied you may appeal "
            "(or ask to reopen it).",
            "directions": f"Complete the service and report within 3 days of {today}.",
            "remand": f"Enquire into the delivery and the signature on the slip, and report "
            f"within 7 days of {today}.",
            "order": f"Reg. No. {reg}: heard the designated officer on {today}; the appeal is "
            "allowed because the service was delayed beyond its time, and delivery is directed "
            "within 3 days. A second appeal lies to the next authority. — First Grievance "
            "Redressal Authority",
        }

    def _application(self, g: Grievance) -> str:
        return (
            f" (the citizen has now applied: application {g.application_ref})"
            if (g.application_ref)
            else ""
        )

    # -- the policy
    def next_move(self) -> Move | None:
        if all(step in self.done for step in self.mandatory):
            return None
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
                    {"original": g.key_duplicate_of.reg_no},
                )
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
            return Move(A.FORWARD, N, g, {"office": self.key_office.code})
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
        """Where a complaint against the handling office goes: the organisation's
        vigilance / senior office."""
        same = [
            o
            for o in self.offices.values()
            if o.organisation == g.office.organisation and o.pk != g.office_id
        ]
        return next((o for o in same if o.is_vigilance), same[0] if same else g.office)


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
