"""Mutation audit of a scenario's scoring: wrong plays derived from its key must lose.

``mutations(scenario)`` derives wrong plays from the key: stop before each required step;
send the grievance to other offices of the rulebook (the accused and Vigilance first; with
an allegation in the complaint text, any office neither senior to the accused nor
Vigilance is a hard-rule break); forward to a subset or a superset of the key's offices;
in a case forwarded to several offices, file the lead's report before a co-office's input,
let a co-office file a report of its own, or leave the inputs unnamed in the report;
after a scripted allegation, reassign to an office that is not senior (hard) or away and
back to the accused (hard); close a grievance within scope as out of scope (hard); close
with each other out-of-scope reason; write replies that lack each required element (the
number, the date, who acted, the route with its authority and time limit, what was done,
the reason, the lead case's number), where the action's reply must have it; use the
"does not pertain" wording (hard where the rulebook forbids it); leave duplicates
unlinked, link only the first, or work them separately; and let each deadline the trainee
must meet (acknowledgement, disposal, escalation level, appeal) pass before acting.

``audit`` plays the key and every mutation on fresh sessions (through ``services.perform``
like a trainee, by the ideal player with one thing changed; each play rolled back) and
reports the key's score, the closest wrong score, the margin and the highest score of a
mutation that breaks a hard rule; a mutation that plays exactly like the key does not apply
(``same_as_key``). The target, enforced by the tests: every mutation at least ``MARGIN``
below the key, every hard-rule break at most ``HARD_FAIL_CAP``. ``manage.py
simulator_audit`` prints the table for every scenario; trainers run it for one scenario
from its page (``staff_views.scenario_audit``)."""

import contextlib
import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from lms.core.roles import Role

from .book import book_for
from .enums import PRE_DISPOSAL, Action, GrievanceState, RuleKind, SessionStatus, SimRole
from .ideal import Move, _Player
from .journal import SimulatorError
from .models import Office, PracticeSession, Scenario
from .models.scenarios import out_of_scope_reasons
from .rubric import REPLY_CHECKS, REPLY_TEXT
from .rules import is_senior_or_vigilance
from .services import advance_clock, finish_session, perform, start_session

A = Action
S = GrievanceState
R = SimRole
MARGIN = 15
MAX_MOVES = 60
MAX_OFFICES = 6  # other offices tried per scenario (the accused and Vigilance first)


@dataclass(frozen=True)
class Mutation:
    name: str
    hard: bool = False  # breaks a hard rule: must score at most HARD_FAIL_CAP
    stop_before: str = ""  # an action never taken (play stops there)
    office: str = ""  # the office code routed to instead of the key's
    offices: tuple[str, ...] | None = None  # the co-offices forwarded with the lead instead
    reason: str = ""  # the out-of-scope reason given instead of the key's
    out_of_scope: bool = False  # close a grievance within scope as out of scope
    reply: str = ""  # which element the replies leave out ("number", "date", ...)
    duplicates: str = ""  # "skip" (none linked), "first" (only the first), "work" (forwarded)
    late: str = ""  # the deadline let pass before acting: "ack", "disposal", "appeal"
    reassign_to: str = ""  # where a grievance against its office is reassigned instead
    back_to_accused: bool = False  # reassigned away, then back to the office accused
    # several offices: "skip:<co-office>" (the lead's report filed without its input),
    # "separate:<co-office>" (it files a report of its own), "silent" (the report does not
    # name the inputs it consolidates)
    consolidation: str = ""


# Which element a reply-less mutation cuts -> the reply check it must fail.
ELEMENTS = {
    "number": "reg-no",
    "date": "date",
    "designation": "designation",
    "route": "appeal-route",
    "action": "action",
    "reason": "reason",
    "original": "original-no",
    "deadline": "deadline",
}
# The action's text in ``_Player.texts``.
TEXT_OF = {
    A.DISPOSE: "dispose",
    A.CLOSE_OUT_OF_SCOPE: "out_of_scope",
    A.INTERIM_REPLY: "interim",
    A.SUBMIT_ATR: "atr",
    A.DECIDE_APPEAL: "order",
    A.REMAND: "remand",
    A.ISSUE_DIRECTIONS: "directions",
    A.LINK_DUPLICATE: "duplicate",
    A.CLOSE_WITH_ADVICE: "advice",
}
DEADLINES = {
    "ack": "ack_due_at",
    "disposal": "disposal_due_at",
    "escalation": "escalation_due_at",  # the level the case is with must act in its time
    "appeal": "appeal_due_at",
}


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
    offices = {o.code: o for o in Office.objects.filter(rulebook=scenario.rulebook_id)}
    accused = scenario.key_accused_office
    if scenario.key_in_scope:
        result.append(Mutation("close-in-scope-as-out-of-scope", hard=True, out_of_scope=True))
        others = [o for o in offices.values() if o.pk != scenario.key_office_id]
        others.sort(key=lambda o: (o != accused, not o.is_vigilance, o.code))
        for office in others[:MAX_OFFICES]:
            # With an allegation in the complaint text, sending it anywhere but to an office
            # senior to the accused, or Vigilance, breaks the conflict-of-interest rule.
            hard = accused is not None and not is_senior_or_vigilance(office, accused)
            result.append(Mutation(f"office:{office.code}", hard=hard, office=office.code))
        co = sorted(scenario.key_co_offices.values_list("code", flat=True))
        for code in co:
            result.append(
                Mutation(
                    f"forward-subset:without-{code}", offices=tuple(c for c in co if c != code)
                )
            )
        key_office = scenario.key_office
        spare = [
            o.code
            for o in others
            if key_office is not None
            and o.organisation == key_office.organisation
            and o.code not in co
            and o != accused
        ]
        if spare and A.FORWARD in (scenario.key_mandatory_steps or []):
            result.append(Mutation(f"forward-superset:with-{spare[0]}", offices=(*co, spare[0])))
        if co and A.SUBMIT_INPUT in (scenario.key_mandatory_steps or []):
            for code in co:
                result.append(
                    Mutation(
                        f"consolidation:atr-before-input-of-{code}", consolidation=f"skip:{code}"
                    )
                )
                result.append(
                    Mutation(
                        f"consolidation:separate-atr-by-{code}", consolidation=f"separate:{code}"
                    )
                )
            result.append(Mutation("consolidation:atr-silent-on-inputs", consolidation="silent"))
        if _alleges_against_key_office(scenario):
            alleged = scenario.key_office
            result.append(Mutation("reassign:back-to-accused", hard=True, back_to_accused=True))
            for office in others:
                if office.organisation == alleged.organisation and not is_senior_or_vigilance(
                    office, alleged
                ):
                    result.append(
                        Mutation(f"reassign:{office.code}", hard=True, reassign_to=office.code)
                    )
    else:
        for reason in out_of_scope_reasons(scenario.rulebook):
            if reason != scenario.key_out_of_scope_reason:
                result.append(Mutation(f"reason:{reason}", reason=reason))
    for element in ELEMENTS:
        result.append(Mutation(f"reply-without:{element}", reply=element))
    forbids = scenario.rulebook.rules.filter(
        kind=RuleKind.FORBID_CLOSURE_PHRASE, active=True
    ).exists()
    result.append(Mutation("reply:does-not-pertain", hard=forbids, reply="not-pertaining"))
    duplicates = [i for i in scenario.script or [] if i.get("kind") == "duplicate_complaint"]
    if duplicates:
        result.append(Mutation("duplicates-not-linked", duplicates="skip"))
        result.append(Mutation("duplicates-worked-separately", duplicates="work"))
        if len(duplicates) > 1:
            result.append(Mutation("duplicates-only-first-linked", duplicates="first"))
    for deadline in DEADLINES:
        result.append(Mutation(f"late:{deadline}", late=deadline))
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
        if mutation.offices is not None:
            self.co_offices = list(mutation.offices)
        self.delayed = False
        self.returned = False
        self.linked = 0

    def input_move(self, g):
        move = super().input_move(g)
        kind, _sep, code = self.mutation.consolidation.partition(":")
        if move is None or move.payload.get("office") != code:
            return move
        if kind == "skip":
            return None  # the lead files its report without this input
        if kind == "separate":
            return Move(
                A.SUBMIT_ATR,
                R.DESIGNATED_OFFICER,
                g,
                {**self._report(g), "office": code},
            )
        return move

    def _report(self, g) -> dict:
        return {"text": self.texts(g)["atr"], "resolved": True, "evidence": "dated-photo.jpg"}

    def _vigilance(self, g):
        if self.mutation.reassign_to:
            return self.offices.get(self.mutation.reassign_to, g.office)
        return super()._vigilance(g)

    def _cut_text(self, move: Move) -> None:
        """Write the move's reply without the mutation's element, where the action's reply
        must have it (elsewhere the text is the key's: the mutation does not apply)."""
        cut, action = self.mutation.reply, move.action
        if not cut or action not in TEXT_OF:
            return
        text_key = REPLY_TEXT[action]
        if cut == "not-pertaining":
            rule = book_for(self.session).rule(RuleKind.FORBID_CLOSURE_PHRASE)
            actions = (rule.params.get("actions") if rule else None) or (
                A.CLOSE_OUT_OF_SCOPE,
                A.SUBMIT_ATR,
                A.DISPOSE,
            )
            if action in actions:
                move.payload = {
                    **move.payload,
                    text_key: "This grievance does not pertain to this office.",
                }
            return
        if ELEMENTS[cut] in REPLY_CHECKS.get(action, ()):
            move.payload = {
                **move.payload,
                text_key: self.texts(move.grievance, cut=cut)[TEXT_OF[action]],
            }

    def _runs(self, deadline: str) -> bool:
        """The deadline is the trainee's to meet: the key acknowledges; the grievance is
        before disposal; the appeal is being heard."""
        state = self.primary.state
        if deadline == "ack":
            return A.ACKNOWLEDGE in self.mandatory and self.primary.acknowledged_at is None
        if deadline in ("disposal", "escalation"):
            return state in PRE_DISPOSAL
        return state == S.IN_APPEAL

    def next_move(self) -> Move | None:
        m = self.mutation
        if m.back_to_accused and A.REASSIGN in self.done and not self.returned:
            self.returned = True
            alleged = self.primary.allegation_office
            if alleged is not None:
                return Move(A.REASSIGN, R.NODAL_OFFICER, self.primary, {"office": alleged.code})
        if m.duplicates:
            for g in self.grievances:
                if g.is_primary or not g.key_duplicate_of_id:
                    continue
                if g.state in (S.REGISTERED, S.CATEGORISED) and m.duplicates == "work":
                    if g.state == S.REGISTERED:
                        return Move(
                            A.CATEGORISE,
                            R.NODAL_OFFICER,
                            g,
                            {"category": self.scenario.key_category.code},
                        )
                    if self.key_office is not None:
                        return Move(A.FORWARD, R.NODAL_OFFICER, g, {"office": self.key_office.code})
        move = super().next_move()
        if move is None or move.advance_minutes:
            return move
        if m.late and not self.delayed and move.grievance is not None and self._runs(m.late):
            due = getattr(self.primary, DEADLINES[m.late])
            if due is not None and due >= self.session.sim_now:
                self.delayed = True
                minutes = int((due - self.session.sim_now).total_seconds() // 60) + 5
                return Move(advance_minutes=max(minutes, 1))
        if m.stop_before and move.action == m.stop_before:
            return None
        if move.action == A.LINK_DUPLICATE and m.duplicates:
            if m.duplicates in ("skip", "work") or (m.duplicates == "first" and self.linked >= 1):
                return self.primary_move(self.primary) or self.wait()
            self.linked += 1
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
        if m.consolidation == "silent" and move.action == A.SUBMIT_ATR:
            move.payload = {**move.payload, "text": self.texts(move.grievance, cut="inputs")["atr"]}
        self._cut_text(move)
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
        done = _comparable(
            session,
            session.events.filter(actor__isnull=False)
            .order_by("sim_at", "pk")
            .values_list("action", "payload", "outcome", "sim_at"),
        )
        transaction.set_rollback(True)
    return score, done


def _comparable(session: PracticeSession, events) -> list:
    """What was done, with each grievance named by its place in the session rather than its
    registration number or row id, and the other numbers in texts (application ids and
    the like, drawn from counters) as ``#``: a rolled-back play does not give numbers back
    on every database (PostgreSQL's sequences and counters move on), so two plays of the
    same moves must still compare equal. Times stay as they are (a late play differs)."""
    names = {}
    for index, (pk, reg_no) in enumerate(
        session.grievances.order_by("pk").values_list("pk", "reg_no")
    ):
        names[pk] = names[reg_no] = f"<grievance {chr(65 + index)}>"

    def plain(value):
        if isinstance(value, dict):
            return {key: plain(item) for key, item in sorted(value.items())}
        if isinstance(value, list):
            return [plain(item) for item in value]
        if isinstance(value, str):
            for reg_no, name in names.items():
                if isinstance(reg_no, str) and reg_no:
                    value = value.replace(reg_no, name)
            return re.sub(r"\d+", "#", value)
        if isinstance(value, int) and not isinstance(value, bool) and value in names:
            return names[value]
        return value

    return [(action, plain(payload), outcome, at) for action, payload, outcome, at in events]


def auditor():
    """The account the audit plays as: a trainee who cannot sign in."""
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(username="simulator-audit")
    user.set_unusable_password()
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    user.groups.add(Group.objects.get_or_create(name=Role.TRAINEE.value)[0])
    return user_model.objects.get(pk=user.pk)  # roles are cached on an instance


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
