"""Scoring's database readers: a session's log as scoring ``Event``s (``events_for``), its
key and facts as a ``Case`` (``case_for``, with the rules of its frozen rulebook, the
labels of its categories, offices and out-of-scope reasons, and its officers'
designations), and ``score_session`` (both, scored). Used when a session is finished or
rescored (``sessions.record_score``)."""

from __future__ import annotations

from . import details
from .book import book_for
from .enums import RuleKind
from .models import Category, Grievance, GrievanceEvent, Office, Scenario
from .replies import phrasings_for
from .rules import is_senior_or_vigilance
from .scorecard import Case, Event, Result, RuleInfo
from .scorer import score


def events_for(session) -> list[Event]:
    """The session's log as scoring events (1 query)."""
    rows = GrievanceEvent.objects.filter(session=session).order_by("sim_at", "pk")
    return [
        Event(
            action=row.action,
            outcome=row.outcome,
            role=row.role,
            sim_at=row.sim_at,
            grievance=row.grievance_id,
            by_trainee=row.actor_id is not None,
            from_state=row.from_state,
            to_state=row.to_state,
            rule_code=row.rule_code,
            message=row.message,
            payload=row.payload or {},
        )
        for row in rows
    ]


def case_for(session) -> Case:
    """The key and the facts of ``session`` (a few queries; for finishing and debriefs)."""
    scenario = Scenario.objects.select_related(
        "key_category__parent", "key_office", "initial_office"
    ).get(pk=session.scenario_id)
    grievances = list(
        Grievance.objects.filter(session=session)
        .order_by("pk")
        .values("pk", "reg_no", "is_primary", "key_duplicate_of_id", "allegation_office_id")
    )
    primary = next((g["pk"] for g in grievances if g["is_primary"]), None)
    book = book_for(session)
    labels: dict[str, str] = {}
    for code, name in Category.objects.filter(rulebook_id=session.rulebook_id).values_list(
        "code", "name"
    ):
        labels[code] = name
    offices = list(
        Office.objects.filter(rulebook_id=session.rulebook_id).values_list("code", "name")
    )
    labels.update(dict(offices))
    labels.update(book.out_of_scope_reasons())
    designations = tuple(
        title
        for title in Office.objects.filter(rulebook_id=session.rulebook_id).values_list(
            "officer_title", flat=True
        )
        if title
    ) + tuple(level.authority for ladder in book.ladders.values() for level in ladder.levels)
    key_category = scenario.key_category
    primary_row = next((g for g in grievances if g["is_primary"]), {})
    accused, conflict_ok = conflict_offices(
        session.rulebook_id,
        primary_row.get("allegation_office_id") or scenario.key_accused_office_id,
    )
    phrasings: dict = {}
    for rule in book.rules:
        if rule.kind == RuleKind.REPLY_ELEMENTS:
            for element, by_language in (rule.params.get("elements") or {}).items():
                for language, phrases in (by_language or {}).items():
                    phrasings.setdefault(element, {}).setdefault(language, []).extend(phrases)
    return Case(
        primary=primary,
        reg_nos={g["pk"]: g["reg_no"] for g in grievances},
        started_at=session.sim_started_at,
        ended_at=session.sim_now,
        initial_state=scenario.initial_state,
        in_scope=scenario.key_in_scope,
        out_of_scope_reason=scenario.key_out_of_scope_reason,
        key_category=key_category.code if key_category else None,
        key_category_parent=(
            key_category.parent.code if key_category and key_category.parent_id else None
        ),
        key_office=scenario.key_office.code if scenario.key_office_id else None,
        key_office_org=scenario.key_office.organisation if scenario.key_office_id else "",
        key_co_offices=tuple(sorted(scenario.key_co_offices.values_list("code", flat=True))),
        office_names=office_names(session.rulebook_id),
        accused=accused,
        conflict_ok=conflict_ok,
        phrasings=phrasings_for(phrasings),
        initial_office=scenario.initial_office.code,
        initial_office_org=scenario.initial_office.organisation,
        is_rts=scenario.key_is_rts,
        citizen_applied=scenario.key_citizen_applied,
        mandatory_steps=tuple(scenario.key_mandatory_steps or ()),
        forbidden_rules=tuple(scenario.key_forbidden_rules or ()),
        rules={
            rule.code: RuleInfo(rule.code, rule.kind, rule.title, rule.message, rule.source)
            for rule in book.rules
        },
        duplicates={
            g["pk"]: g["key_duplicate_of_id"] for g in grievances if g["key_duplicate_of_id"]
        },
        designations=designations,
        labels=labels,
        rulebook=book.snapshot.get("name", ""),
        ack_limit=details.limit(book.ack_limit),
    )


def office_names(rulebook_id) -> dict[str, tuple[str, ...]]:
    """code -> what a report may call the office: its code, its English and Hindi names,
    and each name's first part (before the comma that names its organisation)."""
    names = {}
    for code, name, name_hi in Office.objects.filter(rulebook_id=rulebook_id).values_list(
        "code", "name", "name_hi"
    ):
        found = [code]
        for text in (name, name_hi):
            if text:
                found += [text, text.split(",")[0].strip()]
        names[code] = tuple(dict.fromkeys(n for n in found if n))
    return names


def conflict_offices(rulebook_id, accused_id) -> tuple[frozenset[str], frozenset[str]]:
    """(the accused office and the offices under it, the offices a complaint against it may
    go to: senior to it, or Vigilance), as office codes; empty without an allegation."""
    if not accused_id:
        return frozenset(), frozenset()
    offices = {o.pk: o for o in Office.objects.filter(rulebook_id=rulebook_id)}
    for office in offices.values():  # the hierarchy walks in memory
        office.parent = offices.get(office.parent_id)
    accused = offices.get(accused_id)
    if accused is None:
        return frozenset(), frozenset()
    under = {accused.pk}
    changed = True
    while changed:
        changed = False
        for office in offices.values():
            if office.parent_id in under and office.pk not in under:
                under.add(office.pk)
                changed = True
    return (
        frozenset(offices[pk].code for pk in under),
        frozenset(
            o.code
            for o in offices.values()
            if o.pk not in under and is_senior_or_vigilance(o, accused)
        ),
    )


def score_session(session) -> Result:
    return score(events_for(session), case_for(session))
