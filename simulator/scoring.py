"""Scoring a practice session: pure functions over the event log and the scenario's hidden
key. This module is the facade other code imports from; the pieces are:

- ``rubric``      the tables: weights, labels, pass mark, hard-fail cap, ``SCORING_RULES``,
                  ``HARD_FAIL_REFUSALS``, ``STAGE``, ``REPLY_TEXT`` / ``REPLY_CHECKS``.
- ``replies``     ``text_checks``: what is checked in a reply the trainee wrote.
- ``scorecard``   the inputs (``Event``, ``RuleInfo``, ``Case``) and the result
                  (``Result``, ``Dimension``, ``Deduction``, ``HardFail``, ``Decision``).
- ``scorer``      ``score(events, case) -> Result`` (no database); ``timeliness``: the
                  timeliness dimension.
- ``details``     each deduction's detail as a message (msgid and parameters), rendered
                  in the reader's language when shown; the English text is kept beside it.
- ``loaders``     the database readers, not re-exported here: ``events_for``,
                  ``case_for`` and ``score_session`` read a finished session.

The rubric (drawn from DARPG's CPGRAMS guidelines 2024 and the Sevottam grievance-redress
steps) made measurable, from principles that hold for every scenario and rulebook (rubric
version 2). Six dimensions, each scored as a fraction of its weight; a dimension in which
a requirement failed keeps at most ``SEVERE_CAP`` (a fifth) of its weight, so that a wrong
play never passes for a right one (``audit`` proves it by mutation):

- **Timeliness (25)**: acknowledged within the rulebook's time; no service / disposal time
  missed (an interim reply sent in time makes a late disposal cost only its share); the
  citizen who never applied helped in time; the appeal decided in time; every escalation
  or auto appeal the trainee caused deducts.
- **Categorisation (15)**: the final category: the key's leaf = full; the right parent only,
  "Others" when a specific category fits, or anything else fails it.
- **Routing (20)**: the first forward goes to the key's office; the grievance *ends* with
  it (after an allegation against it: with an office senior to it, or Vigilance); a case
  that needs several offices is forwarded to exactly the key's set with the lead (missing
  or extra offices fail it), and its lead files one action-taken report only after every
  co-office's input has arrived, naming them (``consolidation``: a report before an input,
  or a co-office's report of its own, fails it); transfers beyond the one needed deduct;
  duplicates are linked,
  not worked separately; a grievance within scope is never closed as out of scope, one
  outside it is closed for the key's reason (a wrong reason fails it).
- **Procedure (15)**: every mandatory step of the key is done (one missing fails the
  dimension; linking is done only when every duplicate is linked); every refused action
  deducts (more when it is the trap the case sets, ``key_forbidden_rules``).
- **Reply quality (20)**: each reply has its required elements (``replies``), each in
  accepted phrasings per language from the rulebook: the number (for a linked duplicate
  the citizen's own and the lead's), what was done and when, by whom, the next step or
  appeal route with its authority and time limit; interim replies give a reason and an
  expected date (and the application ID once there is one); an ATR claiming resolution
  names its evidence; directions set a deadline; each linked duplicate's citizen gets a
  reply; after the reopening window the citizen is closed with advice to lodge a fresh
  grievance citing the old number. A trainer may override this dimension with a comment
  (``sessions.override_reply_score``; audited, shown in the debrief).
- **Outcome (5)**: the case ended where the key says, not wrongly closed, not remanded, no
  duplicate left open.

A dimension that does not apply to a scenario (nothing to categorise in an appeal the
trainee hears) is left out and the others are scaled to 100; when none applies (nothing
was asked and nothing done wrong) the score is 100. Events stamped at or before the
session's start (deadlines already missed when the scenario begins) are not the trainee's
doing and are ignored.

**Hard fails** cap the total at ``HARD_FAIL_CAP``: a "does not pertain" closure (the
rulebook's forbidden closure wording), an RTS grievance returned because the citizen never
applied, a transfer beyond the limit, an ATR sent up against contradicting feedback
(remanded), closing a grievance within scope as out of scope, and conflict of interest: an
office named in an allegation (and the offices under it) holding, taking up, being
assigned or answering the grievance (refused by the engine), or the grievance sent to an
office neither senior to it nor Vigilance.

Every deduction carries the rule code, the rule's text and its source: the rulebook's rule
(from the session's frozen snapshot), the desk's own codes (``EngineRule``), or the
rubric's codes (``score.*``, in ``rubric.SCORING_RULES``). The debrief shows the text and
the public source, never the code. Stored scores are kept: ``sessions.rescore_session``
rescores on request, with the previous score in the audit trail."""

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
    SEVERE_CAP,
    SOURCE_TITLES,
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
    "SEVERE_CAP",
    "SOURCE_TITLES",
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
