"""What the demo's officers have done, so that every capability shows data on first sight:

- a second Citizen's Charter programme (Health department) whose sessions are over but
  whose attendance is not finalised: two of its three days marked, the last one left for
  the cell to mark before finalising;
- question banks (imported through the question import) and a pre-test, a post-test and
  a module quiz with every question type;
- attempts by the officers of both Citizen's Charter programmes, started, answered and
  submitted through ``assessments.services`` (so graded as a trainee's would be): the
  learning gain, the item analysis and the review pages have data;
- reaction surveys: the completed programme's, and the course survey of three officers
  who finished the online Sevottam and IS 15700 course;
- certificates of the completed programme and of the online course, through
  ``certificates.services``.

(The simulator practice is ``demo.practice``.) Everything is made through the apps'
services; only what the admin authors and no service writes (an assessment and its list of
questions, a programme and its sessions) is created as model rows. Idempotent like the rest of the demo: what exists
(matched by name, title or who did it) is left as it is."""

import contextlib
import datetime
import zlib

from django.conf import settings
from django.utils import timezone

from assessments import services as assessments
from assessments.enums import QuestionType
from assessments.models import (
    Assessment,
    AssessmentQuestion,
    Attempt,
    Question,
    QuestionBank,
    plain_text,
)
from certificates import services as certificates
from certificates.models import Certificate
from courses import services as courses
from courses.enums import ProgrammeStatus
from courses.models import CoursePage, ModulePage, Programme, Topic
from courses.selectors import live_lessons
from lms.accounts.models import User
from lms.core.enums import Level
from nominations import services as nominations
from nominations.enums import NominationState
from nominations.models import Nomination
from programmes import services as programme_services

from . import content
from .builders import new_programme, run_in_the_past

COMPLETED_TITLE = "Citizen's Charter: formulation workshop"  # made by seed.seed_programmes
ENDED_TITLE = "Citizen's Charter: Health department batch"
CHARTER = "citizens-charter"
ONLINE_COURSE = "sevottam-and-is-15700"
ONLINE_COMPLETERS = ("ulb.officer1", "ulb.officer2", "ulb.officer3")

# Each officer's chance (percent) of answering a question right, by their place in the
# batch: the pre-test before the training, the post-test and the module quiz after it.
PRE_SKILL = (20, 35, 10, 45, 25, 15)
POST_SKILL = (75, 85, 60, 95, 70, 55)
QUIZ_SKILL = (65, 80, 50, 90, 70, 60)

PROGRAMME_FEEDBACK = (
    (
        {"content": 5, "trainer": 5, "relevance": 4, "venue": 4, "overall": 5},
        "The exercise of checking our own draft charter against the six components.",
        "More time for the task force role play; the second day felt rushed.",
    ),
    (
        {"content": 4, "trainer": 4, "relevance": 5, "venue": 3, "overall": 4},
        "Examples from the Bihar municipal charter made the standards concrete.",
        "The hall was cold in the mornings; share the slides before the sessions.",
    ),
    (
        {"content": 4, "trainer": 5, "relevance": 4, "venue": 4, "overall": 4},
        "तहसील स्तर के उदाहरण बहुत उपयोगी रहे।",
        "",
    ),
)
COURSE_FEEDBACK = (
    (
        {"content": 4, "relevance": 5, "overall": 4},
        "Short lessons I could finish between counters.",
        "A printable summary of the seven steps.",
    ),
    (
        {"content": 5, "relevance": 4, "overall": 5},
        "The IS 15700 certification steps were clear.",
        "",
    ),
    (
        {"content": 3, "relevance": 4, "overall": 3},
        "",
        "More Haryana examples, fewer central ones.",
    ),
)


# ---------------------------------------------------------------- helpers
def _user(username):
    return User.objects.filter(username=username).first()


def _course(slug):
    return CoursePage.objects.filter(
        slug=slug, locale__language_code=settings.LANGUAGE_CODE
    ).first()


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _chance(*parts) -> int:
    """A fixed number 0..99 from ``parts``: seeding twice gives the same answers."""
    return zlib.crc32(":".join(map(str, parts)).encode()) % 100


def _officers(programme, states) -> list[User]:
    """The programme's officers in ``states``, the demo trainee first, then by username."""
    officers = [
        nomination.officer
        for nomination in Nomination.objects.filter(programme=programme, state__in=states)
        .select_related("officer")
        .order_by("officer__username")
    ]
    officers.sort(key=lambda user: user.username != "trainee")
    return officers


# ---------------------------------------------------------------- the ended programme
def seed_ended_programme(report) -> Programme | None:
    """A three-day batch of the Citizen's Charter course for six Health officers that
    ended two days ago: opened, nominated by the HOD, approved, confirmed, then moved into
    the past (nominations need an open window) and run; attendance is marked for the first
    two days (one officer absent on the second) and the last day is left unmarked."""
    existing = Programme.objects.filter(title=ENDED_TITLE).first()
    course = _course(CHARTER)
    cell, hod = _user("celladmin"), _user("hod.health")
    if existing or course is None or cell is None or hod is None:
        return existing
    today, now = timezone.localdate(), timezone.now()
    days = 3
    starts = today + datetime.timedelta(days=10)
    programme = new_programme(
        report,
        course=course,
        title=ENDED_TITLE,
        starts=starts,
        days=days,
        opens=now - datetime.timedelta(days=1),
        closes=now + datetime.timedelta(days=5),
        cell=cell,
        capacity=20,
        venue="HIPA Regional Centre, Panchkula",
    )
    programme_services.change_programme_status(
        programme=programme, to_status=ProgrammeStatus.OPEN, actor=cell
    )
    officers = list(
        User.objects.filter(department=hod.department, level__in=[Level.MIDDLE, Level.CUTTING_EDGE])
        .exclude(pk=hod.pk)
        .order_by("username")[:6]
    )
    for officer in officers:
        item = nominations.nominate(programme=programme, officer=officer, actor=hod)
        nominations.decide(nomination=item, decision=NominationState.APPROVED, actor=cell)
        nominations.respond(nomination=item, accept=True, actor=officer)
    report.count("nominations", len(officers))

    shift = starts - (today - datetime.timedelta(days=days + 1))  # ended two days ago
    run_in_the_past(programme, shift, cell=cell)
    roll = list(programme.nominations.filter(state=NominationState.CONFIRMED).order_by("pk"))
    for day, session in enumerate(programme.sessions.order_by("date")[: days - 1]):
        for index, nomination in enumerate(roll):
            programme_services.mark_attendance(
                session=session,
                nomination=nomination,
                present=not (day == 1 and index == len(roll) - 1),
                actor=cell,
            )
            report.count("attendance marks")
    return programme


# ---------------------------------------------------------------- question banks and tests
def _import_row(number: int, item: dict) -> dict:
    cells = {
        "type": item["type"],
        "question": item["question"],
        "options": "\n".join(item.get("options", [])),
        "answer": item.get("answer", ""),
        "explanation": item.get("explanation", ""),
        "difficulty": item.get("difficulty", ""),
        "language": item.get("language", ""),
        "tags": item.get("tags", ""),
        "marks": str(item.get("marks", "")),
    }
    return {"number": number, "cells": cells}


def seed_question_banks(report) -> dict[str, Question]:
    """The banks of ``assessments.json``, their questions imported as a trainer would
    (``assessments.services.import_questions``, all rows checked by the import's rules).
    A question already in its bank (same text) is not imported again. Returns {ref:
    question}."""
    trainer = _user("trainer")
    questions = {}
    for data in content.question_banks():
        bank, created = QuestionBank.objects.get_or_create(
            name=data["name"],
            defaults={
                "topic": Topic.objects.filter(slug=data.get("topic", "")).first(),
                "description": data.get("description", ""),
            },
        )
        if created:
            report.count("question banks")
        existing = {plain_text(question.stem): question for question in bank.questions.all()}
        rows, refs = [], []
        for number, item in enumerate(data["questions"], start=2):  # row 1 is the header
            same = existing.get(" ".join(item["question"].split()))
            if same is not None:
                questions[item["ref"]] = same
            else:
                rows.append(_import_row(number, item))
                refs.append(item["ref"])
        if rows:
            imported = assessments.import_questions(bank=bank, rows=rows, actor=trainer)
            questions.update(zip(refs, imported, strict=True))
            report.count("questions", len(imported))
    return questions


def seed_assessments(report, questions: dict[str, Question]) -> dict[str, Assessment]:
    """The pre-test, post-test and module quiz of ``assessments.json`` (authored in the
    admin: no service writes them), with their fixed questions in order and any random
    draw. Returns {kind: assessment} of those made now (only a new test gets the demo's
    attempts, so that what trainees and the cell do later never brings more)."""
    made = {}
    for data in content.assessments():
        course = _course(data["course"])
        if course is None:
            continue
        module = (
            ModulePage.objects.child_of(course).filter(slug=data["module"]).first()
            if data.get("module")
            else None
        )
        assessment = Assessment.objects.filter(
            course=course, kind=data["kind"], title=data["title"]
        ).first()
        if assessment is None:
            random = data.get("random") or {}
            assessment = Assessment(
                title=data["title"],
                course=course,
                module=module,
                kind=data["kind"],
                random_bank=QuestionBank.objects.filter(name=random.get("bank", "")).first(),
                random_count=random.get("count", 0),
                random_tag=random.get("tag", ""),
                **data.get("rules", {}),
            )
            assessment.clean()
            assessment.save()
            AssessmentQuestion.objects.bulk_create(
                AssessmentQuestion(assessment=assessment, question=questions[ref], sort_order=n)
                for n, ref in enumerate(data["questions"])
                if ref in questions
            )
            report.count("assessments")
            made[assessment.kind] = assessment
    return made


def _wrong_answers() -> dict[str, str]:
    """{question text: the wrong short answer a demo trainee gives}."""
    return {
        " ".join(item["question"].split()): item["wrong"]
        for bank in content.question_banks()
        for item in bank["questions"]
        if "wrong" in item
    }


def _response(question: Question, right: bool, wrong_text: str):
    """A response to ``question`` in the shape the attempt page sends: the key's answer,
    or a plausible mistake (a wrong option, one of the right ones missing, two items
    swapped, the wrong word or number)."""
    key, kind = question.key, question.type
    if kind == QuestionType.SINGLE:
        others = [oid for oid in question.option_ids() if oid != key]
        return key if right or not others else others[0]
    if kind == QuestionType.MULTIPLE:
        return list(key) if right else list(key)[:-1] or question.option_ids()[:1]
    if kind == QuestionType.TRUE_FALSE:
        return bool(key) if right else not key
    if kind == QuestionType.MATCHING:
        answer = dict(key)
        if not right and len(answer) > 1:
            first, second = list(answer)[:2]
            answer[first], answer[second] = answer[second], answer[first]
        return answer
    if kind == QuestionType.ORDERING:
        order = list(key)
        if not right and len(order) > 1:
            order[0], order[1] = order[1], order[0]
        return order
    if kind == QuestionType.SHORT_TEXT:
        return key[0] if right else wrong_text
    if kind == QuestionType.NUMERIC:
        return str(key["value"] if right else key["value"] + 1)
    return None


def _take(assessment: Assessment, user, *, skill: int, at: datetime.datetime, wrong: dict):
    """One attempt through the services (start, save the answers, submit: graded as a
    trainee's), unless ``user`` already has one. Returns the attempt or None."""
    if Attempt.objects.filter(assessment=assessment, user=user).exists():
        return None
    attempt = assessments.start_attempt(assessment=assessment, user=user, now=at)
    shown = Question.objects.in_bulk(attempt.question_ids)
    answers = {}
    for pk in attempt.question_ids:
        question = shown[pk]
        text = plain_text(question.stem)
        right = _chance(assessment.kind, user.username, text) < skill
        answers[str(pk)] = _response(question, right, wrong.get(text, ""))
    assessments.save_answers(
        attempt=attempt, user=user, answers=answers, now=at + datetime.timedelta(minutes=8)
    )
    return assessments.submit_attempt(
        attempt=attempt, user=user, now=at + datetime.timedelta(minutes=9)
    )


def seed_attempts(report, tests: dict[str, Assessment]) -> None:
    """Both Citizen's Charter batches took the pre-test on their first morning and the
    post-test on their last afternoon; most took the module quiz on the second day. The
    demo trainee leaves the module quiz for the visitor (and has a second post-test
    attempt to use); one Health officer never took the post-test. ``tests``: the tests
    made in this run."""
    pre, post = tests.get("pre_test"), tests.get("post_test")
    quiz = tests.get("module_quiz")
    wrong = _wrong_answers()
    S = NominationState
    for title in (COMPLETED_TITLE, ENDED_TITLE):
        programme = Programme.objects.filter(title=title).first()
        if programme is None:
            continue
        taking = _officers(programme, (S.CONFIRMED, S.ATTENDED, S.NO_SHOW))
        finishing = _officers(programme, (S.CONFIRMED, S.ATTENDED))
        middle = programme.starts_on + (programme.ends_on - programme.starts_on) / 2
        plan = [
            (pre, taking, PRE_SKILL, _at(programme.starts_on, 10)),
            (post, finishing[:5], POST_SKILL, _at(programme.ends_on, 15)),
            (quiz, [o for o in finishing if o.username != "trainee"], QUIZ_SKILL, _at(middle, 16)),
        ]
        for test, officers, skills, at in plan:
            if test is None:
                continue
            for index, officer in enumerate(officers):
                skill = skills[index % len(skills)]
                if _take(test, officer, skill=skill, at=at, wrong=wrong) is not None:
                    report.count("test attempts")


# ---------------------------------------------------------------- online course, surveys
def seed_online_completions(report) -> list:
    """Three Urban Local Bodies officers enrolled in the online Sevottam and IS 15700
    course themselves and finished every lesson (``courses.services``)."""
    course = _course(ONLINE_COURSE)
    if course is None:
        return []
    lessons = list(live_lessons().descendant_of(course).order_by("path"))
    enrolments = []
    for username in ONLINE_COMPLETERS:
        officer = _user(username)
        if officer is None:
            continue
        enrolment = courses.enrol(user=officer, course=course)
        if enrolment.completed_at is None:
            for lesson in lessons:
                courses.complete_lesson(user=officer, lesson=lesson)
            enrolment.refresh_from_db()
            report.count("online courses completed")
        enrolments.append(enrolment)
    return enrolments


def seed_feedback(report, enrolments) -> None:
    """Three of the completed programme's officers (not the demo trainee, who is left
    the survey to try) and the three online completers answered the reaction surveys."""
    programme = Programme.objects.filter(title=COMPLETED_TITLE).first()
    if programme is not None:
        respondents = [
            officer
            for officer in _officers(programme, (NominationState.ATTENDED,))
            if officer.username != "trainee"
        ]
        for officer, (ratings, worked, improve) in zip(
            respondents, PROGRAMME_FEEDBACK, strict=False
        ):
            if assessments.feedback_refusal(user=officer, programme=programme) is None:
                asked = assessments.feedback_items(programme=programme)
                assessments.submit_feedback(
                    user=officer,
                    programme=programme,
                    ratings={item: value for item, value in ratings.items() if item in asked},
                    what_worked=worked,
                    what_to_improve=improve,
                )
                report.count("feedback responses")
    for enrolment, (ratings, worked, improve) in zip(enrolments, COURSE_FEEDBACK, strict=False):
        if assessments.feedback_refusal(user=enrolment.user, course=enrolment.course) is None:
            assessments.submit_feedback(
                user=enrolment.user,
                course=enrolment.course,
                ratings=ratings,
                what_worked=worked,
                what_to_improve=improve,
            )
            report.count("feedback responses")


# ---------------------------------------------------------------- certificates
def seed_certificates(report, enrolments) -> None:
    """The completed programme's certificates (``certificates.services.issue_for_programme``,
    as finalising queues it) and the online completers' (``issue_for_enrolment``); both
    return what is already issued, so a second run adds nothing."""
    before = Certificate.objects.count()
    programme = Programme.objects.filter(
        title=COMPLETED_TITLE, status=ProgrammeStatus.COMPLETED
    ).first()
    if programme is not None:
        certificates.issue_for_programme(programme=programme, actor=_user("celladmin"))
    for enrolment in enrolments:
        if enrolment.completed_at is not None:
            # A certificate the cell revoked stays revoked (CertificateRevoked).
            with contextlib.suppress(certificates.CertificateError):
                certificates.issue_for_enrolment(enrolment=enrolment)
    issued = Certificate.objects.count() - before
    if issued:
        report.count("certificates", issued)


def seed_activity(report) -> None:
    seed_ended_programme(report)
    questions = seed_question_banks(report)
    tests = seed_assessments(report, questions)
    seed_attempts(report, tests)
    enrolments = seed_online_completions(report)
    seed_feedback(report, enrolments)
    seed_certificates(report, enrolments)
