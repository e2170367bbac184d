"""Rulebooks (configuration, edited in the Wagtail admin), scenarios, and the simulation
itself (practice sessions, grievances, their event log and scheduled script events).

Rulebook facts are data: time limits are fields, rules are ``Rule`` rows of a coded
``RuleKind`` with JSON params, escalation and appeal ladders are ``EscalationLadder`` rows
with levels. Each row carries a ``source`` note saying where the fact comes from
(the public document's title and section) or that it is a training default (not verified).

The models live by concept in this package, and every name is imported here (Django finds
the app's models through this module; other code imports them from ``simulator.models``):

- ``rulebooks``   ``HolidayCalendar``/``Holiday``, ``Rulebook``, ``Rule`` (with
                  ``RULE_PARAMS`` and ``validate_rule_params``), ``EscalationLadder``/
                  ``EscalationLevel``.
- ``catalogue``   what a rulebook names: ``Service``, ``Category``, ``Office``.
- ``scenarios``   ``Scenario`` (with its hidden answer key) and ``out_of_scope_reasons``.
- ``simulation``  ``PracticeSession``, ``Grievance``, ``GrievanceEvent``,
                  ``ScheduledEvent``; ``ScoreDeduction`` and ``ScenarioAssignment``."""

from .catalogue import Category, Office, Service
from .rulebooks import (
    CODE_RE,
    REG_NO_HELP,
    RULE_PARAMS,
    SOURCE_HELP,
    EscalationLadder,
    EscalationLevel,
    Holiday,
    HolidayCalendar,
    Rule,
    Rulebook,
    validate_rule_params,
)
from .scenarios import INITIAL_STATES, SCRIPT_HELP, Scenario, out_of_scope_reasons
from .simulation import (
    Grievance,
    GrievanceEvent,
    PracticeSession,
    ScenarioAssignment,
    ScheduledEvent,
    ScoreDeduction,
)

__all__ = [
    "CODE_RE",
    "INITIAL_STATES",
    "REG_NO_HELP",
    "RULE_PARAMS",
    "SCRIPT_HELP",
    "SOURCE_HELP",
    "Category",
    "EscalationLadder",
    "EscalationLevel",
    "Grievance",
    "GrievanceEvent",
    "Holiday",
    "HolidayCalendar",
    "Office",
    "PracticeSession",
    "Rule",
    "Rulebook",
    "Scenario",
    "ScenarioAssignment",
    "ScheduledEvent",
    "ScoreDeduction",
    "Service",
    "out_of_scope_reasons",
    "validate_rule_params",
]
