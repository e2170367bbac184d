"""Mutation audit of a scenario's scoring: wrong plays derived from its key must lose.

``mutations(scenario)`` derives wrong plays from the key: stop before each required step,
send the grievance to every other office of the rulebook (the accused office and a
non-senior one included), close a grievance within scope as out of scope, close with each
other out-of-scope reason, write replies that lack each required element (the grievance
number, the date, who acted, the next step or appeal route) or use the forbidden "does not
pertain" wording, leave duplicates unlinked, and act after each deadline. ``audit`` plays
the key and every mutation on fresh sessions (through ``services.perform`` like a trainee,
by the ideal player with one thing changed) and reports the key's score, the closest wrong
score, the margin, and the highest score of a mutation that breaks a hard rule.

The target (the simulator issue): every mutation scores at least ``MARGIN`` below the key,
and every hard-rule break at most ``HARD_FAIL_CAP``. ``manage.py simulator_audit`` prints the
table for every scenario."""

import contextlib
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .enums import Action, SessionStatus
from .ideal import Move, _Player
from .journal import SimulatorError
from .models import Office, PracticeSession, Scenario
from .models.scenarios import out_of_scope_reasons
from .services import advance_clock, finish_session, perform, start_session

A = Action
MARGIN = 15
MAX_MOVES = 60
MAX_OFFICES = 6  # other offices tried per scenario (the accused and vigilance always)


@dataclass(frozen=True)
class Mutation:
    name: str
    hard: bool = False  # breaks a hard rule: must score at most HARD_FAIL_CAP
    stop_before: str = ""  # an action never taken (play stops there)
    office: str = ""  # the office code routed to instead of the key's
    reason: str = ""  # the out-of-scope reason given instead of the key's
    out_of_scope: bool = False  # close a grievance within scope as out of scope
    reply: str = ""  # which element the replies leave out ("number", "date", ...)
    skip_duplicates: bool = False
    late: str = ""  # "start" (nothing done for a long time) or "reply" (before disposing)
    reassign_to: str = ""  # where a grievance against its office is reassigned instead


@dataclass
class Row:
    scenario: str
    key: Decimal
    scores: dict[str, Decimal] = field(default_factory=dict)
    hard: set[str] = field(default_factory=set)
    same_as_key: list[str] = field(default_factory=list)

    @property
    def closest(self) -> tuple[str, Decimal]:
        name = max(self.scores, key=lambda n: self.scores[n], default="")
        return name, self.scores.get(name, Decimal(0))

    @property
    def margin(self) -> Decimal:
        return self.key - self.closest[1]

    @property
    def hard_max(self) -> tuple[str, Decimal]:
        hard = {n: s for n, s in self.scores.items() if n in self.hard}
        name = max(hard, key=lambda n: hard[n], default="")
        return name, hard.get(name, Decimal(0))


def mutations(scenario: Scenario) -> list[Mutation]:
    result = [Mutation(f"stop-before:{step}", stop_before=step) for step in _steps(scenario)]
    if scenario.key_in_scope:
        result.append(Mutation("close-in-scope-as-out-of-scope", hard=True, out_of_scope=True))
        others = Office.objects.filter(rulebook=scenario.rulebook_id).exclude(
            pk=scenario.key_office_id
        )
        for office in sorted(others, key=lambda o: (not o.is_vigilance, o.code))[:MAX_OFFICES]:
            result.append(Mutation(f"office:{office.code}", office=office.code))
        if _alleges_against_key_office(scenario):
            accused = scenario.key_office
            result.append(Mutation("reassign:back-to-accused", hard=True, reassign_to=accused.code))
            for office in others.filter(organisation=accused.organisation, is_vigilance=False):
                result.append(
                    Mutation(f"reassign:{office.code}", hard=True, reassign_to=office.code)
                )
    else:
        for reason in out_of_scope_reasons(scenario.rulebook):
            if reason != scenario.key_out_of_scope_reason:
                result.append(Mutation(f"reason:{reason}", reason=reason))
    for element in ("number", "date", "designation", "route"):
        result.append(Mutation(f"reply-without:{element}", reply=element))
    result.append(Mutation("reply:does-not-pertain", hard=True, reply="not-pertaining"))
    result.append(Mutation("duplicates-not-linked", skip_duplicates=True))
    result.append(Mutation("late:start", late="start"))
    result.append(Mutation("late:reply", late="reply"))
    return result


def _alleges_against_key_office(scenario: Scenario) -> bool:
    """A scripted corruption allegation names the office the grievance was sent to."""
    return any(item.get("kind") == "corruption_allegation" for item in scenario.script or [])


def _steps(scenario: Scenario) -> list[str]:
    return list(dict.fromkeys(scenario.key_mandatory_steps or []))


class _Mutant(_Player):
    """The ideal player with one thing changed."""

    def __init__(self, session: PracticeSession, mutation: Mutation):
        super().__init__(session)
        self.mutation = mutation
        if mutation.office:
            self.key_office = self.offices.get(mutation.office, self.key_office)
        self.delayed = False

    def _vigilance(self, g):
        if self.mutation.reassign_to:
            return self.offices.get(self.mutation.reassign_to, g.office)
        return super()._vigilance(g)

    def texts(self, g):
        texts = super().texts(g)
        cut = self.mutation.reply
        if not cut:
            return texts
        for name, text in texts.items():
            if cut == "number":
                text = text.replace(g.reg_no, "your grievance").replace("Reg. No. ", "")
            elif cut == "date":
                text = text.replace(
                    timezone.localtime(self.session.sim_now).strftime("%d/%m/%Y"), ""
                )
            elif cut == "designation":
                text = text.split(" — ")[0].replace(self.designation(g.office), "the office")
            elif cut == "route":
                for phrase in (
                    "If not satisfied you may appeal (or ask to reopen it).",
                    ", or you may appeal to the appellate authority",
                    "A second appeal lies to the next authority.",
                ):
                    text = text.replace(phrase, "")
            elif cut == "not-pertaining":
                text = "This grievance does not pertain to this office."
            texts[name] = text
        return texts

    def next_move(self) -> Move | None:
        m = self.mutation
        if m.late == "start" and not self.delayed:
            self.delayed = True
            return Move(advance_minutes=60 * 24 * 30)
        move = super().next_move()
        if move is None or move.advance_minutes:
            return move
        if m.stop_before and move.action == m.stop_before:
            return None
        if m.skip_duplicates and move.action == A.LINK_DUPLICATE:
            return self.primary_move(self.primary) or self.wait()
        if m.late == "reply" and not self.delayed and move.action in (A.DISPOSE, A.SUBMIT_ATR):
            self.delayed = True
            return Move(advance_minutes=60 * 24 * 60)
        if m.out_of_scope and move.action in (A.CATEGORISE, A.FORWARD, A.TRANSFER, A.TAKE_UP):
            reasons = list(out_of_scope_reasons(self.scenario.rulebook))
            return Move(
                A.CLOSE_OUT_OF_SCOPE,
                move.role,
                self.primary,
                {
                    "reason": reasons[0] if reasons else "other",
                    "reply": self.texts(self.primary)["out_of_scope"],
                },
            )
        if m.reason and move.action == A.CLOSE_OUT_OF_SCOPE:
            move.payload = {**move.payload, "reason": m.reason}
        return move


def play(session: PracticeSession, player: _Player) -> list[str]:
    """Drive ``session`` with ``player`` until it has nothing more to do; a refused action
    or a stuck desk ends the play (what was done is scored)."""
    log = []
    for _ in range(MAX_MOVES):
        player.refresh()
        move = player.next_move()
        if move is None:
            break
        if move.advance_minutes:
            advance_clock(session=session, actor=session.trainee, minutes=move.advance_minutes)
            log.append(f"advance {move.advance_minutes} min")
            continue
        result = perform(
            grievance=move.grievance,
            action=move.action,
            actor=session.trainee,
            role=move.role,
            payload=move.payload,
        )
        log.append(f"{move.role}: {move.action} {'ok' if result.ok else 'refused'}")
        if not result.ok:
            break
    return log


def _score(scenario: Scenario, trainee, mutation: Mutation | None, now) -> tuple[Decimal, list]:
    """One play on a fresh session, inside a transaction that is rolled back: its score and
    what was done (the events' actions, payloads and outcomes)."""
    with transaction.atomic():
        session = start_session(trainee=trainee, scenario=scenario, now=now)
        player = _Mutant(session, mutation) if mutation else _Player(session)
        with contextlib.suppress(SimulatorError):  # a stuck play is scored as it stands
            play(session, player)
        session.refresh_from_db()
        if session.status == SessionStatus.ACTIVE:
            finish_session(session=session, actor=trainee, now=now)
        session.refresh_from_db()
        score = Decimal(session.score or 0)
        done = list(
            session.events.filter(actor__isnull=False)
            .order_by("sim_at", "pk")
            .values_list("action", "payload", "outcome", "sim_at")
        )
        transaction.set_rollback(True)
    return score, done


def audit(scenario: Scenario, trainee, now=None) -> Row:
    now = now or timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
    key, key_play = _score(scenario, trainee, None, now)
    row = Row(scenario=scenario.code, key=key)
    for mutation in mutations(scenario):
        score, play_done = _score(scenario, trainee, mutation, now)
        if play_done == key_play:
            row.same_as_key.append(mutation.name)  # the mutation does not apply here
            continue
        row.scores[mutation.name] = score
        if mutation.hard:
            row.hard.add(mutation.name)
    return row
