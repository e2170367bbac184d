"""The debrief says one thing about a play: the decisions table judges the rule the case
tempts the trainee to break as the hard fails do (never "avoided" beside a hard fail for
it), and on a Hindi page what happened is told in Hindi: each deduction's and hard fail's
detail is kept as a message and rendered in the page's language.

The Hindi tests read the compiled catalogue (``locale/hi/LC_MESSAGES/django.mo``)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from simulator import details as m
from simulator import services
from simulator.enums import Action, EngineRule, RuleKind, SimRole
from simulator.models import PracticeSession, Scenario
from simulator.rubric import ENGINE_SOURCE, SCORING_RULES, SOURCE_TITLES
from simulator.scorecard import Case, Event, RuleInfo
from simulator.scorer import score
from simulator.timing import Limit

from .conftest import fresh

pytestmark = pytest.mark.django_db

A = Action
NODAL, DO = SimRole.NODAL_OFFICER, SimRole.DESIGNATED_OFFICER
BRIBE = "cmw-mutation-bribe-allegation"
TRAP = "cmw.complaint-against-officer"
# Latin letters the Hindi catalogue itself keeps as the Hindi term ("ATR प्रस्तुत करें"),
# and the names of public systems and bodies, which Hindi documents write in Latin too.
HINDI_TERMS = {"ATR", "CPGRAMS", "DARPG", "OM"}


def wrong_play(start, act, trainee) -> PracticeSession:
    """The allegation case played wrongly: categorised to the group, not the specific
    category; the accused Tehsil tries to take it up (refused); after the allegation it is
    reassigned to the nodal desk, which is neither senior to the Tehsil nor Vigilance."""
    g = start(Scenario.objects.get(code=BRIBE))
    assert act(g, A.CATEGORISE, NODAL, category="rev-mutation").ok
    assert act(fresh(g), A.FORWARD, NODAL, office="tehsil-sohna").ok
    services.advance_clock(session=g.session, actor=trainee, days=1, minutes=60)
    assert fresh(g).allegation_office is not None
    refused = act(fresh(g), A.TAKE_UP, DO)
    assert not refused.ok and refused.event.rule_code == TRAP
    assert act(fresh(g), A.REASSIGN, NODAL, office="rev-nodal").ok
    services.finish_session(session=g.session, actor=trainee)
    return PracticeSession.objects.get(pk=g.session_id)


def debrief(client, user, session, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("simulator:debrief", args=[session.pk]))


# ---------------------------------------------------------------- one judgement
def test_a_conflict_broken_by_where_it_went_is_broken_in_the_decisions_table(
    seeded, start, act, trainee, client
):
    g = start(Scenario.objects.get(code=BRIBE))
    assert act(g, A.CATEGORISE, NODAL, category="rev-mutation").ok
    assert act(fresh(g), A.FORWARD, NODAL, office="tehsil-sohna").ok
    services.advance_clock(session=g.session, actor=trainee, days=1, minutes=60)
    # no refusal at all: the grievance is only sent where it may not go
    assert act(fresh(g), A.REASSIGN, NODAL, office="rev-nodal").ok
    services.finish_session(session=g.session, actor=trainee)
    session = PracticeSession.objects.get(pk=g.session_id)
    hard = {h["code"] for h in session.score_breakdown["hard_fails"]}
    assert "score.hard.conflict-destination" in hard
    trap = next(d for d in session.score_breakdown["decisions"] if d["topic"] == "trap")
    assert trap["yours"] == TRAP and trap["ok"] is False
    page = debrief(client, trainee, session).content.decode()
    table = page[page.index('id="decisions"') :]
    table = table[: table.index("</table>")]
    assert "broken" in table and "avoided" not in table


def test_the_right_play_of_the_same_case_avoids_the_rule(seeded, start, act, trainee):
    g = start(Scenario.objects.get(code=BRIBE))
    assert act(g, A.CATEGORISE, NODAL, category="rev-mutation").ok
    assert act(fresh(g), A.FORWARD, NODAL, office="tehsil-sohna").ok
    services.advance_clock(session=g.session, actor=trainee, days=1, minutes=60)
    assert act(fresh(g), A.REASSIGN, NODAL, office="sdm-sohna").ok
    services.finish_session(session=g.session, actor=trainee)
    session = PracticeSession.objects.get(pk=g.session_id)
    assert not session.score_breakdown["hard_fails"]
    trap = next(d for d in session.score_breakdown["decisions"] if d["topic"] == "trap")
    assert trap["ok"] is True


def test_the_scorer_judges_a_conflict_trap_by_its_hard_fails():
    """Pure: a conflict-of-interest trap with no refused action, but the grievance sent
    to an office neither senior nor Vigilance after the allegation, is broken."""
    case = Case(
        key_office="tehsil",
        initial_office="nodal",
        accused=frozenset({"tehsil"}),
        conflict_ok=frozenset({"sdm", "vigilance"}),
        mandatory_steps=(A.FORWARD, A.REASSIGN),
        forbidden_rules=("coi",),
        rules={"coi": RuleInfo("coi", RuleKind.CONFLICT_OF_INTEREST, "No", "No action.")},
    )
    day = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    hour = datetime.timedelta(hours=1)
    events = [
        Event(A.FORWARD, sim_at=day, payload={"office": "tehsil"}),
        Event(A.ALLEGATION, sim_at=day + hour, by_trainee=False, payload={"office": "tehsil"}),
        Event(A.REASSIGN, sim_at=day + 2 * hour, payload={"office": "clerk"}),
    ]
    result = score(events, case)
    assert "score.hard.conflict-destination" in {h.code for h in result.hard_fails}
    trap = next(d for d in result.decisions if d.topic == "trap")
    assert trap.ok is False and trap.code == "coi"
    right = score(
        [*events[:2], Event(A.REASSIGN, sim_at=day + 2 * hour, payload={"office": "sdm"})], case
    )
    assert next(d for d in right.decisions if d.topic == "trap").ok is True


# ---------------------------------------------------------------- in the reader's language
def test_details_are_kept_as_messages_and_rendered_in_english_too(seeded, start, act, trainee):
    session = wrong_play(start, act, trainee)
    deductions = [d for dim in session.score_breakdown["dimensions"] for d in dim["deductions"]]
    assert deductions and all(d["detail_msg"]["id"] for d in deductions)
    assert all(h["detail_msg"]["id"] for h in session.score_breakdown["hard_fails"])
    held = next(
        h
        for h in session.score_breakdown["hard_fails"]
        if h["code"] == "score.hard.conflict-destination"
    )
    assert held["detail"] == m.english(held["detail_msg"])
    assert "neither senior to the office accused nor Vigilance" in held["detail"]


def _latin_words(text: str, allowed: set[str]) -> list[str]:
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in HINDI_TERMS]


def test_a_hindi_debrief_tells_what_happened_in_hindi(seeded, start, act, trainee, client):
    session = wrong_play(start, act, trainee)
    response = debrief(client, trainee, session, "hi")
    deductions = response.context["deductions"]
    hard_fails = response.context["hard_fails"]
    codes = {x["code"] for x in deductions} | {h["code"] for h in hard_fails}
    assert {"score.hard.conflict-destination", "score.routing.final-office", TRAP} <= codes
    assert any(x["code"] == TRAP for x in hard_fails)  # refused, and a hard fail
    names = set(session.grievances.values_list("reg_no", flat=True))  # numbers stay as they are
    lines = [x["detail"] for x in deductions] + [h["detail"] for h in hard_fails]
    assert len(lines) >= 4
    for line in lines:
        assert re.search("[\u0900-\u097f]", line), line
        assert not _latin_words(line, names), line
    page = response.content.decode()
    for line in lines:
        assert str(line).replace("'", "&#x27;") in page or str(line) in page
    # The documents the rubric cites (a rulebook's own rule shows its source as entered),
    # and the category and offices in the decisions table, in Hindi.
    sources = [
        x["source"]
        for x in [*deductions, *hard_fails]
        if x["source"] and x["code"] in SCORING_RULES
    ]
    assert len(sources) >= 2
    for source in sources:
        assert re.search("[\u0900-\u097f]", source), source
        assert not _latin_words(source, names), source
    decisions = [d for d in response.context["decisions"] if d["topic"] in ("category", "office")]
    assert {d["topic"] for d in decisions} == {"category", "office"}
    for row in decisions:
        for side in ("yours", "key"):
            assert not _latin_words(str(row[side]), names), row


def test_every_source_the_rubric_cites_is_listed_for_translation():
    parts = {
        part.strip()
        for _text, source in SCORING_RULES.values()
        for part in re.split(r";\s*", source)
        if part.strip()
    }
    assert parts | {ENGINE_SOURCE} <= SOURCE_TITLES


def test_a_time_limit_is_told_with_its_unit_in_the_page_language():
    message = m.msg(
        "Not acknowledged (the limit: %(limit)s).", limit=m.limit(Limit(3, "working_days"))
    )
    assert m.english(message) == "Not acknowledged (the limit: 3 working days)."
    assert m.english(m.msg("%(limit)s", limit=m.limit(Limit(1, "calendar_days")))) == "1 day"
    assert m.english(m.msg("%(limit)s", limit=m.limit(Limit(24, "hours")))) == "24 hours"
    with translation.override("hi"):
        hindi = m.render(message)
    assert "3 कार्य दिवस" in hindi and not re.search("[A-Za-z]", hindi)


def test_a_desk_refusal_in_a_detail_is_told_in_the_page_language():
    message = m.msg(
        "%(action)s refused: %(message)s",
        action=m.action(A.TAKE_UP),
        message=m.refusal(EngineRule.STATE, "A grievance that is 'Closed' cannot be taken up."),
    )
    assert m.english(message) == "Take up refused: A grievance that is 'Closed' cannot be taken up."
