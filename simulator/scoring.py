"""Scoring a practice session: pure functions over the event log and the scenario's hidden
key. This module is the facade other code imports from; the pieces are:

- ``rubric``      the tables: weights, labels, pass mark, hard-fail cap, ``SCORING_RULES``,
                  ``HARD_FAIL_REFUSALS``, ``STAGE``, ``REPLY_TEXT`` / ``REPLY_CHECKS``.
- ``replies``     ``text_checks``: what is checked in a reply the trainee wrote.
- ``scorecard``   the inputs (``Event``, ``RuleInfo``, ``Case``) and the result
                  (``Result``, ``Dimension``, ``Deduction``, ``HardFail``, ``Decision``).
- ``scorer``      ``score(events, case) -> Result`` (no database); ``timeliness``: the
                  timeliness dimension.
- ``loaders``     the database readers, not re-exported here: ``events_for``,
                  ``case_for`` and ``score_session`` read a finished session.

The rubric (drawn from DARPG's CPGRAMS guidelines 2024 and the Sevottam grievance-redress
steps) made measurable. Six dimensions, each scored as a
fraction of its weight:

- **Timeliness (25)**: acknowledged within the rulebook's time; no service / disposal time
  missed (falls linearly to nothing at twice the limit); an interim reply *before* a limit
  that was missed; the citizen who never applied helped in time; the appeal decided in
  time; every escalation or auto appeal the trainee caused deducts.
- **Categorisation (15)**: the final category: the key's leaf = full, the right parent only
  = half, "Others" when a specific category fits = low, anything else = none.
- **Routing (20)**: the first forward / transfer / reassignment goes to the key's office;
  transfers beyond the one needed deduct; a grievance within scope is never closed as out
  of scope, one outside it is closed for the key's reason; forbidden closures deduct.
- **Procedure (15)**: the key's mandatory steps are done; every refused action deducts
  (more when it is the trap the case sets, ``key_forbidden_rules``).
- **Reply quality (20)**: what software can check in each reply written: the registration
  number, the action taken, a date, a designation; interim replies give a reason and an
  expected date (and the application ID once there is one); closures give reasons and the
  appeal route; an ATR claiming resolution names its evidence; directions set a deadline.
- **Outcome (5)**: the case ended where the key says, not wrongly closed, not remanded.

A dimension that does not apply to a scenario (nothing to categorise in an appeal the
trainee hears) is left out and the others are scaled to 100. Events stamped at or before
the session's start (deadlines already missed when the scenario begins) are not the
trainee's doing and are ignored.

**Hard fails** cap the total at ``HARD_FAIL_CAP``: a "does not pertain" closure (the
rulebook's forbidden closure wording), an RTS grievance returned because the citizen never
applied, a transfer beyond the limit, an ATR sent up against contradicting feedback
(remanded), and closing a grievance within scope as out of scope.

Every deduction carries the rule code, the rule's text and its source: the rulebook's rule
(from the session's frozen snapshot), the state machine's own codes (``EngineRule``), or
the rubric's codes (``score.*``, in ``rubric.SCORING_RULES``)."""

from .replies import has_date, text_checks
from .rubric import (
    CHECK_LABELS,
    CLOSING,
    DIMENSION_LABELS,
    ENGINE_SOURCE,
    HARD_FAIL_CAP,
    HARD_FAIL_REFUSALS,
    PASS_MARK,
    REPLY_CHECKS,
    REPLY_TEXT,
    ROUTING,
    RUBRIC,
    SCORING_RULES,
    SCORING_VERSION,
    STAGE,
    TIMERS,
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
    rule_text,
)
from .scorer import score

__all__ = [
    "CHECK_LABELS",
    "CLOSING",
    "DIMENSION_LABELS",
    "ENGINE_SOURCE",
    "HARD_FAIL_CAP",
    "HARD_FAIL_REFUSALS",
    "PASS_MARK",
    "REPLY_CHECKS",
    "REPLY_TEXT",
    "ROUTING",
    "RUBRIC",
    "SCORING_RULES",
    "SCORING_VERSION",
    "STAGE",
    "TIMERS",
    "WEIGHTS",
    "Case",
    "Decision",
    "Deduction",
    "Dimension",
    "Event",
    "HardFail",
    "Result",
    "RuleInfo",
    "has_date",
    "rule_text",
    "score",
    "text_checks",
]
