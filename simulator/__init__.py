"""Grievance simulator: a sandbox where trainees practise grievance handling against the
real rules of CM Window + Right to Service (Haryana), CPGRAMS (central) and the Bihar
municipal citizens' charter.

README
======

Layout
------
- ``timing.py``     pure deadline arithmetic (hours / calendar days / working days, holidays,
                    escalation and Auto Appeal ladders); no Django.
- ``enums.py``      the ONE state machine: ``TRANSITIONS`` (action -> {from: to}), ``ACTORS``
                    (action -> simulated roles), states, roles, rule kinds, script kinds,
                    the engine's own refusal codes (``EngineRule``).
- ``models/``       a package, every model importable from ``simulator.models``:
                    ``rulebooks.py`` rulebooks as data (``Rulebook`` time limits + ``Rule``
                    rows of a coded ``RuleKind`` with JSON params, ``EscalationLadder``/
                    ``EscalationLevel``, ``HolidayCalendar``); ``catalogue.py`` ``Service``,
                    ``Category`` tree, simulated ``Office``; ``scenarios.py`` ``Scenario``
                    (with the hidden answer key ``key_*`` and a JSON ``script``);
                    ``simulation.py`` ``PracticeSession``, ``Grievance``, ``GrievanceEvent``
                    (the log), ``ScheduledEvent``, ``ScoreDeduction``, ``ScenarioAssignment``.
- ``book.py``       the rulebook frozen into ``PracticeSession.rulebook_snapshot`` and the
                    read-only ``Book`` the engine uses (no rulebook queries while running).
- ``rules.py``      the checkers of the refusing rule kinds (``REFUSING_KINDS``).
- ``scripts.py``    scenario script format and ``validate_script``.
- ``services.py``   every write (below): the public write API, re-exporting the engine's
                    modules: ``sessions.py`` (sessions and the simulated clock),
                    ``actions.py`` (``perform``: checks, inputs, follow-ups), ``effects.py``
                    (what each action changes), ``sweep.py`` (the batched timer sweep) and
                    ``timers.py`` (what a missed deadline does), ``scripted.py`` (scripted
                    events firing), ``registration.py`` (registering a grievance),
                    ``journal.py`` (event rows, locking, ``SimulatorError`` and the results).
                    ``selectors.py``: reads.  ``tasks.py``: the beat task.  ``seed.py`` +
                    ``seed_data.py``: ``manage.py seed_simulator`` (also run by
                    ``seed_demo``).  ``wagtail_hooks.py``: authoring screens (and scenario
                    assignments to programmes).
- ``scoring.py``    the score: pure functions over the event log and the hidden key
                    (``score(events, case) -> Result``), a facade over ``rubric.py`` (the
                    tables), ``replies.py`` (reply text checks), ``scorecard.py`` (inputs and
                    results), ``scorer.py`` + ``timeliness.py`` (the scoring itself);
                    ``loaders.py``: ``case_for``/``events_for`` read a session.
                    ``ideal.py``: ``play_ideal(session)`` plays a scenario's model answer
                    from its key (tests prove every seeded scenario scores 100).
- ``views.py``      the trainee's pages under /simulator/ (scenario list, desk, debrief);
                    ``forms.py`` the desk's forms; ``staff_views.py`` leaderboards,
                    statistics and the review page; ``urls.py``. Templates in
                    templates/simulator/, styles in static/css/simulator.css (no script).

Public service API (``simulator.services``)
-------------------------------------------
``start_session(*, trainee, scenario, speed=0, now=None) -> PracticeSession``
    Freezes the rulebook, registers the scenario's grievance as set up (``initial_state``,
    ``received_days_ago``, ``prior_transfers``...), schedules its script, runs due timers.
    The simulated clock starts today (local date) at ``scenario.received_time``.
``perform(*, grievance, action, actor, role, payload=None) -> ActionResult``
    THE choke point. ``actor`` must be the session's trainee; ``role`` a ``SimRole`` the
    scenario lets them play. Checks, in order: playable role, transition, role for the
    action, inputs, then the rulebook's rules. A refusal is NOT an exception: it is logged
    (``GrievanceEvent`` outcome ``refused`` + ``rule_code`` + human message) in the same
    transaction, which commits, and returned as ``ActionResult(ok=False)``; nothing else is
    written. ``ActionResult``: ``ok``, ``grievance``, ``event``, ``follow_ups`` (e.g. the
    forced remand), ``rule_code``, ``message``. Payload keys per action:
    ``enums.REQUIRED_INPUT``; offices and categories by code; FORWARD takes ``office`` and
    optional ``also`` (list, multi-forward); INTERIM_REPLY takes ``expected_by``
    (YYYY-MM-DD); SUBMIT_ATR takes ``resolved`` (default true), ``evidence`` and
    optional ``office`` (who files it: only the lead office holding it; a co-office is
    refused, ``EngineRule.LEAD_ATR``); SUBMIT_INPUT (a co-office's input to the lead of a
    multi-forward) takes ``office`` (one of ``grievance.co_offices``, once) and ``text``;
    LINK_DUPLICATE takes ``original`` (pk or registration number).
``advance_clock(*, session, actor, days=0, hours=0, minutes=0, now=None) -> SweepReport``
    Moves a session's clock, firing timers and script events in simulated-time order.
``set_speed(*, session, actor, speed, now=None)``  simulated minutes per real minute
    (0 = trainee-advanced); the beat sweep moves running clocks.
``finish_session(*, session, actor, abandon=False, now=None)``  freezes the session and
    scores it (``record_score``: ``score``, ``hard_fail``, ``score_breakdown`` JSON and
    ``scored_at`` on the session, one ``ScoreDeduction`` row per deduction). Abandoned
    sessions are scored too but count nowhere (leaderboards, passes, statistics).
``record_score(*, session, now=None) -> scoring.Result``  (re)score a finished session.
``sweep(*, now=None, session=None) -> SweepReport``  running clocks, missed deadlines,
    due script events. Idempotent. Every due grievance is swept in batches of
    ``SWEEP_BATCH`` rows, each its own transaction with a fixed query count (1 select with
    ``select_for_update(skip_locked=True)``, at most 1 select of frozen rulebooks not yet
    parsed (cached by ``rulebook_digest``), 1 update and 1 insert: on PostgreSQL from one
    JSON array with ``jsonb_to_recordset``; elsewhere ``bulk_update``/``bulk_create``,
    SQLite splitting inserts at 999 parameters), keyset-paged by primary key, up to
    ``MAX_SWEEP_BATCHES`` per run.
    bench/simulator.py times it on 100,000 open grievances.
``inject_event(*, grievance, kind, payload) -> GrievanceEvent``  fire a script event now
    (a trainer's console; tests).
``SimulatorError``  misuse that is not a grievance-handling mistake (not your session,
    ended session, unknown action/role, timer action): raised, never logged.

Use in training: ``ScenarioAssignment`` (programme, scenarios, ``counts_toward_completion``,
``min_score``) is authored in the Wagtail admin. ``selectors.simulation_passes(programme,
officer_ids) -> set`` gives the officers whose best finished score reached the minimum on
every scenario of the programme's counting sets (all of them when nothing counts); it is
not wired into the nominations completion rule. ``selectors.leaderboard(programme)`` and
``selectors.scenario_stats(programme=None)`` feed the staff pages.

Reads (``simulator.selectors``): ``scenarios_for_trainees()`` (answer keys deferred),
``sessions_for(user)`` (own only, with action/refusal counts), ``session_for(user, pk)``,
``active_session(user, scenario)``, ``grievances(session)``, ``event_log(session,
grievance=None)``, ``desk_actions(grievance, role)`` (the action menu), ``desk_view(g)``
(what the trainee may see; no simulation truth).

For scoring and the debrief
---------------------------
- The event log is the record: ``GrievanceEvent`` rows have ``sim_at`` (simulated time),
  ``created_at`` (real), ``action``, ``role``, ``actor`` (the trainee; None for system,
  citizen and call-centre events), ``from_state``/``to_state``, ``outcome``
  (ok/refused/skipped), ``rule_code`` (the rulebook rule or ``EngineRule`` code), ``message``
  and ``payload`` (the inputs given plus what the engine derived: ``on_time``,
  ``before_deadline``, ``others`` for an 'Others' category, ``contradicts``, levels and
  authorities, ``transfer_number`` ...). Timer events (``deadline_missed`` with
  ``payload.deadline`` acknowledgement / disposal / facilitation / escalation / appeal,
  ``escalate``, ``auto_appeal``, ``escalate_appeal``) are stamped with the moment the
  deadline ran out and carry the rule code where a rule applies (e.g. a disposal missed
  without a timely interim reply carries ``cpgrams.interim-reply``).
- The answer key: ``Scenario.key_category``, ``key_office``, ``key_is_rts``,
  ``key_citizen_applied``, ``key_in_scope``, ``key_out_of_scope_reason``,
  ``key_mandatory_steps`` (actions), ``key_forbidden_rules`` (rule codes the case tempts),
  ``key_notes`` (model answer). Simulation truth on the grievance: ``citizen_applied``,
  ``key_duplicate_of``, ``facilitation_due_at``. Never show these while practising.
- The rubric's hard fails map to: refused ``cpgrams.no-not-pertaining``,
  refused ``cmw.no-return-not-applied``, a ``remand`` with ``cmw.remand-on-contradiction``.

Rules engine
------------
Refusing kinds (``rules.CHECKS``): forbidden closure wording, max transfers, max offices in
one forward, forbidden return reason (RTS "never applied"), leaf category, listed
out-of-scope reasons, appeal only on listed ratings within a window, conflict of interest
(no action by the office complained against), reopen window. Kinds applied by the engine
on time or events: interim reply before the limit, help a citizen who never applied within
30 days (the RTS clock then runs from the application), remand an ATR sent up against
contradicting call-centre feedback (CM Window SOP: remanded whether the feedback arrives
after the senior approved, or the senior approves after it arrived; a senior who reads it
and returns the ATR avoids the remand), auto appeal on a missed RTS time (FGRA -> SGRA ->
Commission, 30 working days each), escalate on a missed charter time (Bihar matrices).
A new kind needs: a ``RuleKind`` member, its params in ``models.RULE_PARAMS``, and a checker
in ``rules.CHECKS`` (or handling in the engine: ``effects``, ``timers``, ``actions``).

Scoring
-------
Six dimensions (the scoring rubric, after DARPG's CPGRAMS guidelines 2024): timeliness 25, categorisation 15, routing 20,
procedure 15, reply quality 20, outcome 5; a dimension that does not apply to a scenario
is left out and the rest scaled to 100. Hard fails cap the total at 40: a refusal by a
``forbid_closure_phrase``, ``forbid_return_reason`` or ``max_transfers`` rule, a system
remand under ``remand_on_contradiction``, closing a grievance within scope as out of scope
(``score.hard.wrong-out-of-scope``). Every deduction names its rule code, the rule's text
and its source (the rulebook's rule from the snapshot, an ``EngineRule``, or the rubric's
``score.*`` codes in ``scoring.SCORING_RULES``). Timer events stamped at or before the
session's start are the scenario's set-up and never deducted. See ``scoring``'s docstring.

Conventions
-----------
Day limits end at 23:59:59 local time of the due day; hour limits are exact. A deadline is
missed once the simulated clock is past it. Working days skip Sundays and the rulebook
calendar's holidays. A reopened grievance gets a fresh service clock from the reopening
(DIGIT PGR restarts its SLA). Escalation does not change the grievance's state (the level and its
due time are stored); an auto appeal moves it to ``in_appeal``. Simulator actions are not
written to the product audit log (the event log is their record); starting and finishing
a session are. No emails are sent.
"""
