"""The demo's simulator practice: a scenario set assigned to each Citizen's Charter batch
and its officers' practice sessions, started, played and finished through
``simulator.services`` (scored as a trainee's would be): some to the scenario's model
answer (``simulator.ideal.play_ideal``, the same moves a trainee makes at the desk), some
after letting eight simulated days pass first, some left untouched, so that the
leaderboards rank a spread of scores. A scenario assignment is authored in the admin (no
service writes it), so it is created as a row.

Idempotent: a set already assigned (same programme and title) is left as it is, and its
sessions are played only when the set is made, so what trainees do later never brings
more."""

from courses.models import Programme
from lms.accounts.models import User
from simulator import services as simulator
from simulator.ideal import play_ideal
from simulator.models import PracticeSession, Scenario, ScenarioAssignment
from simulator.selectors import programme_officer_ids

from .activity import COMPLETED_TITLE, ENDED_TITLE

# The scenario sets assigned to each programme (by scenario code; the first active
# scenarios stand in for a code the simulator no longer has).
SCENARIO_SETS = (
    (
        COMPLETED_TITLE,
        "Day 2: CM Window cases",
        (
            "cmw-income-certificate-not-applied",
            "cmw-street-light-atr-contradicted",
            "cmw-branch-on-street-light",
        ),
    ),
    (
        ENDED_TITLE,
        "CPGRAMS cases",
        ("cpgrams-pension-wrong-department", "cpgrams-fob-repair-interim-reply"),
    ),
)
IDEAL, LATE, UNTOUCHED = "ideal", "late", "untouched"
# How each officer (by place in the batch) plays each scenario of the set, in order.
PLAYS = (
    (IDEAL, LATE, IDEAL),
    (IDEAL, IDEAL, LATE),
    (LATE, UNTOUCHED, IDEAL),
    (UNTOUCHED, IDEAL, LATE),
    (IDEAL, LATE, UNTOUCHED),
    (LATE, LATE, IDEAL),
)


def _scenarios(codes) -> list[Scenario]:
    found = {s.code: s for s in Scenario.objects.filter(code__in=codes, is_active=True)}
    chosen = [found[code] for code in codes if code in found]
    if len(chosen) < len(codes):  # a code the simulator no longer has: the first active ones
        chosen += list(
            Scenario.objects.filter(is_active=True)
            .exclude(pk__in=[s.pk for s in chosen])
            .order_by("pk")[: len(codes) - len(chosen)]
        )
    return chosen


def _practise(officer, scenario, play: str) -> PracticeSession:
    """A practice session through ``simulator.services``, finished and scored: the model
    answer on time, the model answer after letting eight days pass, or nothing done."""
    session = simulator.start_session(trainee=officer, scenario=scenario)
    try:
        if play == LATE:
            simulator.advance_clock(session=session, actor=officer, days=8)
        if play != UNTOUCHED:
            play_ideal(session)
    except simulator.SimulatorError:
        pass  # the run stuck where it stuck: it is scored as it stands
    simulator.finish_session(session=session, actor=officer)
    return session


def seed_simulator_assignments(report) -> None:
    """A scenario set for each Citizen's Charter batch, and its officers' finished
    sessions: each plays each scenario once, to the model answer, late or not at all, so
    the leaderboard ranks a spread of scores. The demo trainee leaves the last scenario of
    her set to try; the last Health officer has not practised yet."""
    trainer = User.objects.filter(username="trainer").first()
    for title, set_title, codes in SCENARIO_SETS:
        programme = Programme.objects.filter(title=title).first()
        if programme is None:
            continue
        assignment = ScenarioAssignment.objects.filter(programme=programme, title=set_title).first()
        if assignment is not None:  # its sessions were played when it was made
            continue
        scenarios = _scenarios(codes)
        if not scenarios:
            continue
        assignment = ScenarioAssignment.objects.create(
            programme=programme, title=set_title, min_score=60, created_by=trainer
        )
        assignment.scenarios.set(scenarios)
        report.count("scenario assignments")
        scenarios = list(assignment.scenarios.order_by("pk"))
        officers = list(User.objects.filter(pk__in=programme_officer_ids(programme)))
        officers.sort(key=lambda user: (user.username != "trainee", user.username))
        played = set(
            PracticeSession.objects.filter(
                trainee__in=officers, scenario__in=scenarios
            ).values_list("trainee_id", "scenario_id")
        )
        for i, officer in enumerate(officers):
            if title == ENDED_TITLE and i == len(officers) - 1:
                continue
            for j, scenario in enumerate(scenarios):
                if officer.username == "trainee" and j == len(scenarios) - 1:
                    continue
                if (officer.pk, scenario.pk) in played:
                    continue
                _practise(officer, scenario, PLAYS[i % len(PLAYS)][j % 3])
                report.count("practice sessions")
