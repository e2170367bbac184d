"""The score itself: ``score(events, case) -> Result``, pure over the event log (in
simulated-time order) and the scenario's hidden key (no database; ``loaders`` reads a
session). ``_Scorer`` scores each dimension in turn (timeliness in ``timeliness``;
categorisation, routing, procedure, reply quality and outcome here), collects the hard
fails, then turns each dimension's drafts into points: the applicable dimensions' weights
scaled to 100, a dimension never below nothing, the total capped at ``HARD_FAIL_CAP`` on a
hard fail. The rubric's tables are in ``rubric``; the reply checks in ``replies``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_noop as _

from . import details as m
from .enums import Action, EngineRule, GrievanceState, Outcome, RuleKind
from .replies import text_checks
from .routing import score_routing
from .rubric import (
    HARD_FAIL_CAP,
    HARD_FAIL_REFUSALS,
    REPLY_TEXT,
    ROUTING,
    SEVERE_CAP,
    STAGE,
    WEIGHTS,
)
from .scorecard import (
    Case,
    Decision,
    Deduction,
    Dimension,
    Event,
    HardFail,
    Result,
    RuleInfo,
    _action_label,
    _Dim,
    _Draft,
    _iso,
    _label,
    _rule_of_kind,
    rule_text,
)
from .timeliness import score_timeliness

A = Action
S = GrievanceState
# The hard fails that break a conflict-of-interest rule, whichever rule code refused.
CONFLICT_FAILS = frozenset(
    {"score.hard.conflict-held", "score.hard.conflict-destination", EngineRule.CONFLICT}
)


class _Scorer:
    def __init__(self, events: Sequence[Event], case: Case):
        self.case = case
        self.events = list(events)
        self.mine = [e for e in self.events if e.by_trainee]
        self.primary = [e for e in self.events if e.grievance == case.primary]
        self.dims = {code: _Dim(code) for code in WEIGHTS}
        self.hard: list[HardFail] = []
        self.decisions: list[Decision] = []
        self.mandatory = list(dict.fromkeys(case.mandatory_steps))
        self.done = {e.action for e in self.mine if e.ok}
        linked = {e.grievance for e in self.mine if e.ok and e.action == A.LINK_DUPLICATE}
        self.unlinked = [dup for dup in case.duplicates if dup not in linked]
        if self.unlinked:  # linking is done only when every duplicate is linked
            self.done.discard(A.LINK_DUPLICATE)

    # -- helpers
    def in_session(self, event: Event) -> bool:
        start = self.case.started_at
        return start is None or event.sim_at is None or event.sim_at > start

    def mine_on_primary(self, *actions, ok=True):
        return [
            e
            for e in self.primary
            if e.by_trainee and e.action in actions and (e.ok if ok else True)
        ]

    def hard_fail(self, code: str, detail: m.Message, at=None) -> None:
        text, source = rule_text(self.case, code)
        self.hard.append(HardFail(code, text, source, m.english(detail), _iso(at), detail))

    # -- dimensions
    def timeliness(self) -> None:
        score_timeliness(self)

    def categorisation(self) -> None:
        dim, case = self.dims["categorisation"], self.case
        tried = self.mine_on_primary(A.CATEGORISE, ok=False)
        if case.key_category is None or not (A.CATEGORISE in self.mandatory or tried):
            return
        final = [e for e in tried if e.ok]
        leaf_rule = _rule_of_kind(case, RuleKind.LEAF_CATEGORY)
        key_label = _label(case, case.key_category)
        if not final:
            dim.deduct(
                1,
                leaf_rule or "score.categorisation.missing",
                m.msg(_("The grievance was never categorised.")),
            )
            self.decisions.append(
                Decision("category", "—", key_label, False, key_code=case.key_category or "")
            )
            return
        last = final[-1]
        chosen = last.payload.get("category")
        yours = last.payload.get("category_name") or _label(case, chosen)
        ok = chosen == case.key_category
        if not ok:
            if last.payload.get("others"):
                lost, code, why = (
                    0.9,
                    leaf_rule or "score.categorisation.others",
                    m.sub(_("'Others' chosen although a specific category fits.")),
                )
            elif case.key_category_parent and last.payload.get("parent") == (
                case.key_category_parent
            ):
                lost, code, why = (
                    0.5,
                    "score.categorisation.parent",
                    m.sub(_("The right group but not the specific category.")),
                )
            else:
                lost, code, why = (
                    1,
                    "score.categorisation.wrong",
                    m.sub(_("A category that does not fit.")),
                )
            dim.deduct(
                lost,
                code,
                m.msg(
                    _("%(why)s Chosen: %(chosen)s; the key: %(key)s."),
                    why=why,
                    chosen=m.label(chosen, str(yours)),
                    key=m.label(case.key_category, key_label),
                ),
                last.sim_at,
            )
        else:
            dim.applicable = True
        self.decisions.append(
            Decision(
                "category",
                str(yours),
                key_label,
                ok,
                yours_code=chosen or "",
                key_code=case.key_category or "",
            )
        )

    def routing(self) -> None:
        score_routing(self)

    def procedure(self) -> None:
        dim, case = self.dims["procedure"], self.case
        if not (self.mandatory or self.mine):
            return
        dim.applicable = True
        for event in self.mine:
            if not event.refused:
                continue
            trap = event.rule_code in case.forbidden_rules
            dim.deduct(
                0.25 if trap else 0.1,
                event.rule_code,
                m.msg(
                    _("%(action)s refused: %(message)s"),
                    action=m.action(event.action),
                    message=m.refusal(event.rule_code, event.message),
                ),
                event.sim_at,
                severe=False,
            )
        for step in self.mandatory:
            ok = step in self.done
            self.decisions.append(
                Decision("step", _action_label(step), _action_label(step), ok, code=step)
            )
            if not ok and step == A.LINK_DUPLICATE and self.unlinked:
                dim.deduct(
                    1,
                    "score.procedure.duplicate-not-linked",
                    m.msg(
                        _("Not linked to the lead case: %(numbers)s."),
                        numbers=", ".join(case.reg_nos.get(d, "") for d in self.unlinked),
                    ),
                )
            elif not ok:
                dim.deduct(
                    1,
                    "score.procedure.missing-step",
                    m.msg(_("Step not taken: %(step)s."), step=m.action(step)),
                )

    def reply(self) -> None:
        dim, case = self.dims["reply"], self.case
        written = [
            e
            for e in self.mine
            if e.ok
            and e.action in REPLY_TEXT
            and not (e.action == A.LINK_DUPLICATE and not e.payload.get("reply"))
        ]
        missing = [
            s
            for s in self.mandatory
            if s in REPLY_TEXT and s not in self.done and s != A.LINK_DUPLICATE
        ]
        unanswered = [
            e
            for e in self.mine
            if e.ok and e.action == A.LINK_DUPLICATE and not e.payload.get("reply")
        ]
        refused_reopen = [
            e
            for e in self.events
            if e.action == A.REOPEN
            and e.refused
            and not e.by_trainee
            and (
                e.rule_code == EngineRule.NO_REOPEN
                or case.rules.get(e.rule_code, RuleInfo("", "", "", "")).kind
                == RuleKind.REOPEN_WINDOW
            )
        ]
        advised = [e for e in self.mine if e.ok and e.action == A.CLOSE_WITH_ADVICE]
        if not (written or missing or unanswered or (refused_reopen and not advised)):
            return
        for step in missing:
            dim.component(
                1,
                "score.reply.missing",
                m.msg(_("Not written: %(step)s."), step=m.action(step)),
            )
        for event in unanswered:
            dim.component(
                1,
                "score.reply.duplicate-reply",
                m.msg(
                    _("%(number)s: linked without a reply to its citizen."),
                    number=case.reg_nos.get(event.grievance, ""),
                ),
                event.sim_at,
            )
        if refused_reopen and not advised:
            dim.component(
                1,
                "score.reply.advice-missing",
                m.msg(
                    _(
                        "The citizen asked to reopen after the window and was not advised to "
                        "lodge a fresh grievance citing the old number."
                    )
                ),
                refused_reopen[0].sim_at,
            )
        for event in written:
            application = self._application_before(event)
            checks = text_checks(
                event.action,
                event.payload.get(REPLY_TEXT[event.action], ""),
                reg_no=case.reg_nos.get(event.grievance, ""),
                payload=event.payload,
                application_ref=application,
                designations=case.designations,
                phrasings=case.phrasings or None,
            )
            failed = [name for name, ok in checks.items() if not ok]
            dim.component(0)
            for name in failed:
                dim.drafts.append(
                    _Draft(
                        f"score.reply.{name}",
                        m.msg(
                            _("%(action)s: does not give %(element)s."),
                            action=m.action(event.action),
                            element=m.check(name),
                        ),
                        1 / len(checks),
                        component=True,
                        at=event.sim_at,
                    )
                )

    def _application_before(self, event: Event) -> str:
        ref = ""
        for other in self.events:
            if other is event:
                break
            if (
                other.grievance == event.grievance
                and other.ok
                and other.action == A.FACILITATE_APPLICATION
            ):
                ref = str(other.payload.get("application_ref") or "")
        return ref

    def outcome(self) -> None:
        dim, case = self.dims["outcome"], self.case
        if not (self.mandatory or self.mine or not case.in_scope):
            return
        dim.applicable = True
        closed_away = [
            e for e in self.mine_on_primary(A.CLOSE_OUT_OF_SCOPE, A.LINK_DUPLICATE) if case.in_scope
        ]
        if closed_away:
            dim.deduct(
                1,
                "score.outcome.wrongly-closed",
                m.msg(
                    _("%(action)s: the grievance was closed, not redressed."),
                    action=m.action(closed_away[0].action),
                ),
                closed_away[0].sim_at,
                severe=False,
            )
        elif not case.in_scope and not self.mine_on_primary(A.CLOSE_OUT_OF_SCOPE):
            dim.deduct(
                1, "score.routing.not-closed", m.msg(_("It was not closed as out of scope."))
            )
        if self.unlinked:
            dim.deduct(
                1,
                "score.outcome.duplicate-open",
                m.msg(
                    _("Left open, its citizen unanswered: %(numbers)s."),
                    numbers=", ".join(case.reg_nos.get(d, "") for d in self.unlinked),
                ),
            )
        for event in self.events:
            if (
                event.action == A.REMAND
                and not event.by_trainee
                and event.ok
                and self.in_session(event)
            ):
                dim.deduct(
                    0.5,
                    event.rule_code or "score.outcome.remanded",
                    m.msg(
                        _("Remanded: %(message)s"),
                        message=m.refusal(event.rule_code, event.message),
                    )
                    if event.message
                    else m.msg(_("Remanded: the ATR was sent back.")),
                    event.sim_at,
                    severe=False,
                )
        ranked = [s for s in self.mandatory if s in STAGE]
        if ranked:
            terminal = max(ranked, key=lambda s: STAGE[s])
            if terminal not in self.done:
                dim.deduct(
                    0.5,
                    "score.outcome.not-reached",
                    m.msg(_("The case did not get as far as: %(step)s."), step=m.action(terminal)),
                    severe=False,
                )

    def hard_fails(self) -> None:
        case = self.case
        self._conflict_fails()
        for event in self.mine:
            rule = case.rules.get(event.rule_code)
            if event.refused and event.rule_code == EngineRule.CONFLICT:
                self.hard_fail(
                    "score.hard.conflict-held",
                    m.msg(
                        _("%(action)s was attempted and refused: %(message)s"),
                        action=m.action(event.action),
                        message=m.refusal(event.rule_code, event.message),
                    ),
                    event.sim_at,
                )
            if event.refused and rule is not None and rule.kind in HARD_FAIL_REFUSALS:
                self.hard_fail(
                    event.rule_code,
                    m.msg(
                        _("%(action)s was attempted and refused."), action=m.action(event.action)
                    ),
                    event.sim_at,
                )
            if (
                event.action == A.CLOSE_OUT_OF_SCOPE
                and case.in_scope
                and event.grievance == case.primary
                and event.outcome in (Outcome.OK, Outcome.REFUSED)
                and not (rule is not None and rule.kind in HARD_FAIL_REFUSALS)
            ):
                self.hard_fail(
                    "score.hard.wrong-out-of-scope",
                    m.msg(
                        _("Closed (or tried to close) as out of scope a grievance within scope.")
                    ),
                    event.sim_at,
                )
        for event in self.events:
            rule = case.rules.get(event.rule_code)
            if (
                event.action == A.REMAND
                and event.ok
                and not event.by_trainee
                and rule is not None
                and rule.kind == RuleKind.REMAND_ON_CONTRADICTION
                and self.in_session(event)
            ):
                self.hard_fail(
                    event.rule_code,
                    m.msg(
                        _("The ATR was sent up although the citizen's feedback contradicted it.")
                    ),
                    event.sim_at,
                )

    def traps(self) -> None:
        """The rules the case tempts the trainee to break, judged as the hard fails are: a
        rule is broken when an action was refused under it, when the system acted on it
        (a remand), or when a hard fail of its kind was found (a conflict of interest broken
        by where the grievance went, not only by a refused action). Run after
        ``hard_fails``, so the table never calls avoided what the hard fails call broken."""
        case = self.case
        hard_codes = {h.code for h in self.hard}
        conflict_broken = any(
            c in CONFLICT_FAILS
            or getattr(case.rules.get(c), "kind", "") == RuleKind.CONFLICT_OF_INTEREST
            for c in hard_codes
        )
        for code in case.forbidden_rules:
            rule = case.rules.get(code)
            kind = rule.kind if rule is not None else ""
            hit = (
                code in hard_codes
                or any(
                    e.rule_code == code
                    and (e.by_trainee or self.in_session(e))
                    and (e.refused or (not e.by_trainee and e.ok))
                    for e in self.events
                )
                or (
                    (kind == RuleKind.CONFLICT_OF_INTEREST or code == EngineRule.CONFLICT)
                    and conflict_broken
                )
            )
            self.decisions.append(
                Decision("trap", code, rule_text(case, code)[0], not hit, code=code)
            )

    def _conflict_fails(self) -> None:
        """After an allegation against the office holding the grievance: it must leave that
        office (and the offices under it), for an office senior to it or Vigilance, and
        never come back. The accused office still holding it at the end is a hard fail, and
        so is a move to an office that is neither senior nor Vigilance."""
        case = self.case
        if not case.accused:
            return
        alleged_at = next(
            (e.sim_at for e in self.primary if e.action == A.ALLEGATION and e.ok), None
        )
        holder = case.initial_office
        for event in self.primary:
            if event.ok and event.action in ROUTING:
                holder = event.payload.get("office")
                after = alleged_at is None or (event.sim_at and event.sim_at >= alleged_at)
                if event.by_trainee and after and holder not in case.conflict_ok:
                    self.hard_fail(
                        "score.hard.conflict-destination",
                        m.msg(
                            _(
                                "Sent to %(office)s, which is neither senior to the office "
                                "accused nor Vigilance."
                            ),
                            office=m.label(holder, _label(case, holder)),
                        ),
                        event.sim_at,
                    )
        if holder in case.accused and self.primary_open():
            self.hard_fail(
                "score.hard.conflict-held",
                m.msg(
                    _("%(office)s still held the grievance that accuses it."),
                    office=m.label(holder, _label(case, holder)),
                ),
            )

    def primary_open(self) -> bool:
        states = [e.to_state for e in self.primary if e.ok and e.to_state]
        return not states or states[-1] not in (S.CLOSED, S.CLOSED_OUT_OF_SCOPE)

    # -- the total
    def result(self) -> Result:
        for step in (
            self.timeliness,
            self.categorisation,
            self.routing,
            self.procedure,
            self.reply,
            self.outcome,
            self.hard_fails,
            self.traps,
        ):
            step()
        applicable = [code for code, dim in self.dims.items() if dim.applicable]
        weight_total = sum(WEIGHTS[code] for code in applicable)
        dimensions = []
        raw = 0.0
        hard_codes = {h.code for h in self.hard}
        for code, dim in self.dims.items():
            max_points = 100 * WEIGHTS[code] / weight_total if dim.applicable else 0.0
            deductions, remaining = [], 1.0
            for draft in dim.drafts:
                share = draft.lost / dim.components if draft.component else draft.lost
                share = max(min(share, remaining), 0.0)  # 0: the dimension is spent
                remaining -= share
                text, source = rule_text(self.case, draft.code)
                deductions.append(
                    Deduction(
                        dimension=code,
                        code=draft.code,
                        rule=text,
                        source=source,
                        detail=draft.text,
                        points=round(share * max_points, 2),
                        at=_iso(draft.at),
                        hard_fail=draft.code in hard_codes,
                        detail_msg=draft.message,
                    )
                )
            if any(d.severe and d.lost > 0 for d in dim.drafts) and remaining > SEVERE_CAP:
                cut = remaining - SEVERE_CAP
                remaining = SEVERE_CAP
                if deductions:  # the cap shows on the first failed requirement
                    first = next(
                        (x for x, d in zip(deductions, dim.drafts, strict=True) if d.severe),
                        deductions[0],
                    )
                    first.points = round(first.points + cut * max_points, 2)
            fraction = max(0.0, remaining) if dim.applicable else 0.0
            points = fraction * max_points
            raw += points
            dimensions.append(
                Dimension(
                    code=code,
                    weight=WEIGHTS[code],
                    applicable=dim.applicable,
                    fraction=fraction,
                    max_points=round(max_points, 2),
                    points=round(points, 2),
                    deductions=deductions,
                )
            )
        if not applicable:  # nothing was asked and nothing was done wrong
            raw = 100.0
        raw = round(min(max(raw, 0.0), 100.0), 1)
        cap = HARD_FAIL_CAP if self.hard else None
        total = min(raw, HARD_FAIL_CAP) if self.hard else raw
        return Result(
            total=total,
            raw=raw,
            cap=cap,
            hard_fails=self.hard,
            dimensions=dimensions,
            decisions=self.decisions,
        )


def score(events: Sequence[Event], case: Case) -> Result:
    """Score a session from its events (in simulated-time order) against the key."""
    return _Scorer(events, case).result()
