"""Every event a national platform wants, made through the apps' services (and the lesson
page itself) for one officer, each step returning the statements it recorded."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from assessments import services as assessments
from courses import services as courses
from courses.models import LessonPage, Programme
from lms.core.roles import Role
from nominations import services as nominations
from nominations.enums import NominationState
from programmes import services as programmes
from simulator import services as simulator
from tests.assessments.helpers import assessment_with, options, take
from tests.factories import build_course, make_user
from tests.factories.simulator import Desk
from tests.nominations.factories import open_programme
from tests.scorm.builders import commit, scorm_course
from xapi.models import Statement


@dataclass
class World:
    officer: object
    hod: object
    cell: object
    course: object
    lessons: list
    quiz: object
    programme: object
    scenario: object
    scorm_course: object
    scorm_lesson: object


def build_world(department, *, code="HR-1042", username="pooja") -> World:
    officer = make_user(
        Role.TRAINEE,
        department=department,
        username=username,
        employee_code=code,
        level="cutting_edge",
    )
    hod = make_user(Role.HOD, department=department, username=f"hod-{code}", level="top")
    cell = make_user(Role.CELL_ADMIN, department=None, username=f"cell-{code}")
    course = build_course(modules=1, lessons_per_module=2)
    quiz = assessment_with(
        course,
        [("single", options("a", "b"), "b"), ("true_false", [], True)],
        kind="module_quiz",
        pass_mark=50,
    )
    programme = open_programme(sessions=2, course=build_course(modules=1, lessons_per_module=1))
    scenario = Desk().scenario()
    lessons = list(LessonPage.objects.descendant_of(course).live().order_by("path"))
    packaged, scorm_lesson, _text = scorm_course(actor=cell, title=f"Packaged {code}")
    return World(
        officer, hod, cell, course, lessons, quiz, programme, scenario, packaged, scorm_lesson
    )


def _made(step, events) -> list[Statement]:
    before = set(Statement.objects.values_list("pk", flat=True))
    with events():
        step()
    return list(Statement.objects.exclude(pk__in=before).order_by("created_at", "verb"))


def _end_programme(world: World) -> None:
    """Move the programme's days into the past and mark everyone present."""
    programme = world.programme
    ends_on = timezone.localdate() - datetime.timedelta(days=1)
    starts_on = ends_on - datetime.timedelta(days=1)
    for offset, session in enumerate(programme.sessions.order_by("date")):
        session.date = starts_on + datetime.timedelta(days=offset)
        session.save(update_fields=["date"])
    now = timezone.now()
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=starts_on,
        ends_on=ends_on,
        nomination_opens_at=now - datetime.timedelta(days=40),
        nomination_closes_at=now - datetime.timedelta(days=30),
        status="running",
    )
    programme.refresh_from_db()
    nomination = programme.nominations.get(officer=world.officer)
    for session in programme.sessions.all():
        programmes.mark_attendance(
            session=session, nomination=nomination, present=True, actor=world.cell
        )


def play_every_event(world: World, events, client) -> dict[str, list[Statement]]:
    """Each event in turn -> the statements it recorded. ``client``: the lesson is opened
    through its page, as the officer would."""
    officer, made = world.officer, {}
    made["enrolled"] = _made(lambda: courses.enrol(user=officer, course=world.course), events)

    def launch():
        client.force_login(officer)
        response = client.get(world.lessons[0].get_url())
        assert response.status_code == 200

    made["launched"] = _made(launch, events)
    made["lesson completed"] = _made(
        lambda: courses.complete_lesson(user=officer, lesson=world.lessons[0]), events
    )
    # The last lesson completes the course, which earns the online course's certificate.
    made["course completed"] = _made(
        lambda: courses.complete_lesson(user=officer, lesson=world.lessons[1]), events
    )
    made["attempt started"] = _made(
        lambda: assessments.start_attempt(assessment=world.quiz, user=officer), events
    )
    attempt = world.quiz.attempts.get(user=officer)
    made["test passed"] = _made(
        lambda: take_open(attempt, officer, {0: "b", 1: False}), events
    )  # 1 of 2: 50 %, the pass mark
    made["test failed"] = _made(lambda: take(world.quiz, officer, {0: "a", 1: False}), events)

    def register():
        nomination = nominations.nominate(
            programme=world.programme, officer=officer, actor=world.hod
        )
        nominations.decide(
            nomination=nomination, decision=NominationState.APPROVED, actor=world.cell
        )

    made["registered for a programme"] = _made(register, events)
    _end_programme(world)
    made["programme finalised"] = _made(
        lambda: programmes.finalise_programme(programme=world.programme, actor=world.cell),
        events,
    )

    def practise():
        session = simulator.start_session(trainee=officer, scenario=world.scenario)
        simulator.finish_session(session=session, actor=officer)

    made["scenario completed"] = _made(practise, events)

    def scorm_failed():
        courses.enrol(user=officer, course=world.scorm_course)
        score = {"raw": "40", "min": "0", "max": "50"}
        core = {"lesson_status": "failed", "score": score, "session_time": "0000:05:00"}
        commit(client, world.scorm_lesson, core, seq=1)

    made["SCORM lesson failed"] = _made(scorm_failed, events)
    # Sent twice (a retry): the same result, no second statement; then a better score.
    core = {"lesson_status": "passed", "score": {"raw": "45", "min": "0", "max": "50"}}
    made["SCORM lesson passed"] = _made(
        lambda: [commit(client, world.scorm_lesson, core, seq=2) for _ in range(2)],
        events,
    )
    return made


def take_open(attempt, user, answers_by_position):
    answers = {
        str(pk): answers_by_position[pos]
        for pos, pk in enumerate(attempt.question_ids)
        if pos in answers_by_position
    }
    assessments.save_answers(attempt=attempt, user=user, answers=answers)
    return assessments.submit_attempt(attempt=attempt, user=user)


#: event -> the verbs of the statements it records, in order of recording.
EXPECTED = {
    "enrolled": ["registered"],
    "launched": ["launched"],
    "lesson completed": ["completed"],
    "course completed": ["completed", "completed", "earned"],  # lesson, course, certificate
    "attempt started": ["attempted"],
    "test passed": ["passed"],
    "test failed": ["attempted", "failed"],
    "registered for a programme": ["registered"],
    "programme finalised": ["attended", "earned"],
    "scenario completed": ["completed"],
    # enrolled in the packaged course; the lesson page opened; the package's result
    "SCORM lesson failed": ["registered", "launched", "failed"],
    # the package's result; the lesson completed by it (the course has one more lesson)
    "SCORM lesson passed": ["passed", "completed"],
}
