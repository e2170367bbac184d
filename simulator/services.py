"""Every simulator write: the app's public write API. Views, the beat task, other apps
and tests call these names here; the engine behind them is split by concept:

- ``sessions``      practice sessions and the simulated clock: ``may_practise``,
                    ``start_session``, ``advance_clock``, ``set_speed``, ``finish_session``,
                    ``record_score``; a trainer's ``rescore_session`` (on request, the old
                    score kept in the audit) and ``override_reply_score`` (with a comment).
- ``actions``       ``perform``, the one choke point for what happens to a grievance (the
                    checks, the inputs, conflict of interest, the follow-ups); ``effects``: what each action
                    changes (``APPLY``).
- ``sweep``         ``sweep``: running clocks, missed deadlines, due scripted events, in
                    batches; ``timers``: what a missed deadline does (escalations, automatic
                    appeals).
- ``scripted``      scripted events firing, and ``inject_event``.
- ``registration``  registering a grievance (deadlines, registration number).
- ``journal``       the event-row builder, row locking, the session guard, and
                    ``SimulatorError``, ``ActionResult``, ``SweepReport``.

Refusals are results, not exceptions: ``perform`` logs a refused action (``outcome=refused``
and the rule code) and returns ``ActionResult(ok=False)``; the refusal commits.
``SimulatorError`` is raised only for misuse that is not the trainee's grievance handling
(not your session, a finished session, an unknown action or role); it is not logged. See
the package docstring (``simulator/__init__.py``) for each call's contract."""

from .actions import perform
from .journal import ActionResult, SimulatorError, SweepReport
from .scripted import SCRIPT_BATCH, inject_event
from .sessions import (
    MAX_ADVANCE,
    MAX_CLOCK_STEPS,
    advance_clock,
    finish_session,
    may_practise,
    override_reply_score,
    record_score,
    rescore_session,
    set_speed,
    start_session,
)
from .sweep import MAX_SWEEP_BATCHES, SWEEP_BATCH, sweep

__all__ = [
    "MAX_ADVANCE",
    "MAX_CLOCK_STEPS",
    "MAX_SWEEP_BATCHES",
    "SCRIPT_BATCH",
    "SWEEP_BATCH",
    "ActionResult",
    "SimulatorError",
    "SweepReport",
    "advance_clock",
    "finish_session",
    "inject_event",
    "may_practise",
    "perform",
    "override_reply_score",
    "record_score",
    "rescore_session",
    "set_speed",
    "start_session",
    "sweep",
]
