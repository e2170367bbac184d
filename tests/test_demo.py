"""seed_demo builds the curriculum from the source documents and a demo in which every
capability has data (tests, attempts, surveys, an unfinalised programme, simulator scores,
past years, certificates), idempotently.

The demo is seeded once for the module (it takes a while): each test runs in its own
savepoint inside that transaction, which is rolled back when the module ends."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import CoursePage, LessonPage, ModulePage, Programme, Topic
from demo import activity
from demo.seed import DEMO_PASSWORD, seed_demo
from lms.accounts.models import User
from lms.core.roles import Role, has_role
from lms.departments.models import Department
from nominations.enums import NominationState
from nominations.models import Nomination


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return _seeded_once


def test_curriculum_covers_the_required_courses(seeded):
    slugs = set(CoursePage.objects.values_list("slug", flat=True))
    assert {
        "citizens-charter",
        "grievance-redress",
        "right-to-service",
        "service-standards",
    } <= slugs
    charter = CoursePage.objects.get(slug="citizens-charter")
    text = " ".join(str(lesson.body) for lesson in LessonPage.objects.descendant_of(charter))
    for fact in [
        "Vision and mission",
        "Expectations from the citizen",
        "Member Secretary",
        "Continuous improvement",
        "Minister in charge",
    ]:
        assert fact.lower() in text.lower(), fact
    assert Topic.objects.count() == 6
    assert Department.objects.count() >= 12
    assert ModulePage.objects.count() >= 10


def test_bihar_tables_are_real_tables_with_the_source_figures(seeded):
    course = CoursePage.objects.get(slug="service-standards")
    tables = [
        block.value
        for lesson in LessonPage.objects.descendant_of(course).specific()
        for block in lesson.body
        if block.block_type == "table"
    ]
    rows = [tuple(row) for table in tables for row in table["data"]]
    assert ("Lifting of garbage", "Within 24 hours") in rows
    assert ("New connections", "30 days from submission of application") in rows
    assert any(row[0] == "Corporations" and "DMA (15 days)" in row for row in rows)
    assert any(row[0] == "परिषद / पंचायत" for row in rows), "the Hindi lesson keeps its table"


def test_every_knowledge_check_points_at_an_existing_option(seeded):
    for lesson in LessonPage.objects.specific():
        for block in lesson.body:
            if block.block_type == "knowledge_check":
                assert 1 <= block.value["correct_option"] <= len(block.value["options"])


def test_demo_users_hold_their_roles(seeded):
    expected = {
        "celladmin": Role.CELL_ADMIN,
        "trainer": Role.TRAINER,
        "director": Role.COURSE_DIRECTOR,
        "hod.revenue": Role.HOD,
        "hod.health": Role.HOD,
        "trainee": Role.TRAINEE,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert has_role(user, role), username
        assert user.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="hod.revenue").department.code == "REV"
    assert [login[0] for login in seeded.logins][:6] == list(expected)


def test_demo_programmes_exercise_the_workflow(seeded):
    assert Programme.objects.count() == 4
    states = set(Nomination.objects.values_list("state", flat=True))
    assert {
        NominationState.ATTENDED,
        NominationState.NO_SHOW,
        NominationState.APPROVED,
        NominationState.CONFIRMED,
        NominationState.WAITLISTED,
        NominationState.SUBMITTED,
    } <= states


def test_a_programme_is_over_but_its_attendance_is_not_finalised(seeded):
    from nominations.models import Attendance
    from programmes.services import finalise_refusal

    ended = Programme.objects.get(title=activity.ENDED_TITLE)
    assert ended.status == ProgrammeStatus.RUNNING
    assert ended.ends_on < timezone.localdate()
    roll = ended.nominations.all()
    assert roll.count() == 6
    assert set(roll.values_list("state", flat=True)) == {NominationState.CONFIRMED}
    sessions = list(ended.sessions.order_by("date"))
    assert len(sessions) == 3
    marked = [Attendance.objects.filter(session=session).count() for session in sessions]
    assert marked == [6, 6, 0], "two days marked, the last left for the cell"
    assert Attendance.objects.filter(session=sessions[1], present=False).count() == 1
    assert finalise_refusal(ended) is None, "the cell can finalise it"
    assert seeded.created["attendance marks"] == 12


def test_tests_with_every_question_type_and_graded_attempts(seeded):
    from assessments import grading
    from assessments.enums import AssessmentKind, AttemptStatus, QuestionType
    from assessments.models import Assessment, Attempt, Question, QuestionBank

    assert QuestionBank.objects.count() == 2
    assert Question.objects.count() == 18
    tests = {a.kind: a for a in Assessment.objects.all()}
    assert set(tests) == {
        AssessmentKind.PRE_TEST,
        AssessmentKind.POST_TEST,
        AssessmentKind.MODULE_QUIZ,
    }
    for test in tests.values():
        assert set(test.questions.values_list("type", flat=True)) == set(QuestionType.values)
    quiz = tests[AssessmentKind.MODULE_QUIZ]
    assert quiz.module.slug == "task-force" and quiz.random_count == 2
    counts = {kind: test.attempts.count() for kind, test in tests.items()}
    assert counts == {
        AssessmentKind.PRE_TEST: 11,
        AssessmentKind.POST_TEST: 9,
        AssessmentKind.MODULE_QUIZ: 9,
    }
    assert seeded.created["test attempts"] == 29
    attempts = list(Attempt.objects.select_related("assessment"))
    assert {a.status for a in attempts} == {AttemptStatus.SUBMITTED}
    questions = Question.objects.in_bulk()
    for attempt in attempts:  # graded by the service: the score is the graders' sum
        assert len(attempt.question_ids) == (9 if attempt.assessment == quiz else 7)
        earned = sum(
            float(questions[pk].marks)
            * grading.fraction(questions[pk].type, questions[pk].key, attempt.answers.get(str(pk)))
            for pk in attempt.question_ids
        )
        assert float(attempt.score) == pytest.approx(earned, abs=0.01)
    assert len({a.percent for a in attempts}) > 5, "a spread of results"
    assert any(a.passed for a in attempts) and not all(a.passed for a in attempts)


def test_the_trainee_reviews_her_post_test_and_has_tests_left_to_try(seeded):
    from assessments import services
    from assessments.models import Attempt

    trainee = User.objects.get(username="trainee")
    mine = {a.assessment.kind: a for a in Attempt.objects.filter(user=trainee)}
    assert set(mine) == {"pre_test", "post_test"}, "the module quiz is left to try"
    post = mine["post_test"]
    assert services.can_review(attempt=post)
    assert not services.can_review(attempt=mine["pre_test"]), "the pre-test asks the same"
    client = Client()
    client.force_login(trainee)
    assert client.get(reverse("assessments:review", args=[post.pk])).status_code == 200
    assert client.get(reverse("assessments:detail", args=[post.assessment_id])).status_code == 200
    assert services.attempts_allowed(post.assessment, None) == 2, "a second attempt is left"


def test_item_analysis_learning_gain_and_feedback_have_data(seeded):
    from assessments import selectors
    from assessments.models import Assessment, FeedbackResponse

    completed = Programme.objects.get(title=activity.COMPLETED_TITLE)
    ended = Programme.objects.get(title=activity.ENDED_TITLE)
    gains = selectors.learning_gain_by_programme([completed.pk, ended.pk])
    assert (gains[completed.pk].n, gains[ended.pk].n) == (4, 5)
    for gain in gains.values():
        assert gain.post_mean > gain.pre_mean and gain.gain > 0
    for test in Assessment.objects.all():
        report = selectors.assessment_analytics(test)
        assert report.summary.attempts == test.attempts.count()
        assert all(item.facility is not None for item in report.items)
        assert any(item.discrimination is not None for item in report.items)
        assert any(item.options for item in report.items), "option counts of choice questions"

    assert FeedbackResponse.objects.filter(programme=completed).count() == 3
    assert FeedbackResponse.objects.filter(programme__isnull=True).count() == 3
    summary = selectors.feedback_summary(programme=completed)
    assert summary.responses == 3 and summary.what_worked, "enough responses to show comments"
    assert completed.pk in selectors.average_feedback_by_programme([completed.pk])
    course = CoursePage.objects.get(slug=activity.ONLINE_COURSE)
    assert selectors.feedback_summary(course=course).responses == 3
    trainee = User.objects.get(username="trainee")
    assert not selectors.has_given_feedback(user=trainee, programme=completed), "left to try"


def test_simulator_assignments_are_played_and_ranked(seeded):
    from simulator import selectors
    from simulator.enums import SessionStatus
    from simulator.models import PracticeSession, ScenarioAssignment

    assignments = ScenarioAssignment.objects.all()
    assert {a.programme.title for a in assignments} == {
        activity.COMPLETED_TITLE,
        activity.ENDED_TITLE,
    }
    assert sorted(a.scenarios.count() for a in assignments) == [2, 3]
    sessions = PracticeSession.objects.all()
    assert sessions.count() == seeded.created["practice sessions"] == 21
    assert set(sessions.values_list("status", flat=True)) == {SessionStatus.FINISHED}
    assert not sessions.filter(score__isnull=True).exists()
    assert len(set(sessions.values_list("score", flat=True))) > 2, "a spread of scores"
    for assignment in assignments:
        board = selectors.leaderboard(assignment.programme)
        scored = [row for row in board.rows if any(best is not None for _s, best, _m in row.bests)]
        assert len(scored) >= 4
        assert board.rows[0].total > board.rows[-1].total
    trainee = User.objects.get(username="trainee")
    assert len(selectors.best_scores(trainee)) == 2, "one scenario of her set is left to try"


def test_certificates_are_issued_for_the_completed_programme_and_the_online_course(seeded):
    from certificates.enums import CertificateStatus
    from certificates.models import Certificate

    completed = Programme.objects.get(title=activity.COMPLETED_TITLE)
    attended = set(
        completed.nominations.filter(state=NominationState.ATTENDED).values_list(
            "officer_id", flat=True
        )
    )
    assert len(attended) == 4
    issued = Certificate.objects.filter(programme=completed)
    assert set(issued.values_list("holder_id", flat=True)) == attended
    online = Certificate.objects.filter(programme__isnull=True)
    assert sorted(online.values_list("holder__username", flat=True)) == list(
        activity.ONLINE_COMPLETERS
    )
    assert Certificate.objects.count() == seeded.created["certificates"] == 7
    assert set(Certificate.objects.values_list("status", flat=True)) == {CertificateStatus.VALID}
    assert all(certificate.pdf for certificate in Certificate.objects.all())
    assert Certificate.objects.filter(holder__username="trainee").exists()


def test_every_demo_account_in_the_readme_signs_in(seeded):
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Demo log-ins") :].split("\n\n")[1]
    usernames = re.findall(r"`([a-z][a-z.]+)`", table)
    assert {"celladmin", "trainer", "director", "hod.revenue", "hod.health", "trainee"} <= set(
        usernames
    )
    assert set(usernames) <= {login[0] for login in seeded.logins}
    for username in usernames:
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
        assert client.session.get("_auth_user_id") == str(User.objects.get(username=username).pk), (
            username
        )


def _demo_counts() -> dict:
    from django.apps import apps

    apps_seeded = {
        "accounts",
        "departments",
        "courses",
        "nominations",
        "assessments",
        "simulator",
        "certificates",
        "reports",
    }
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in apps_seeded
    }


def test_seed_demo_is_idempotent(seeded):
    counts = _demo_counts()
    assert counts["courses.Programme"] == 4
    again = seed_demo()
    assert again.created == {}
    assert _demo_counts() == counts


def test_what_visitors_do_in_the_demo_does_not_make_a_reseed_add_more(seeded):
    """The cell marks the last day and finalises the Health batch, the trainee takes the
    module quiz and plays her last scenario: seeding again (every ``make run``) adds
    nothing, though the batch's roll and the trainee's record have changed."""
    from assessments import services as assessments
    from assessments.models import Assessment
    from programmes import services as programmes
    from simulator import services as simulator
    from simulator.models import ScenarioAssignment

    cell = User.objects.get(username="celladmin")
    ended = Programme.objects.get(title=activity.ENDED_TITLE)
    last_day = ended.sessions.order_by("date").last()
    roll = list(ended.nominations.order_by("officer__username"))
    for index, nomination in enumerate(roll):
        programmes.mark_attendance(
            session=last_day, nomination=nomination, present=index < 4, actor=cell
        )
    counts = programmes.finalise_programme(programme=ended, actor=cell)
    assert counts[NominationState.NO_SHOW] >= 1
    trainee = User.objects.get(username="trainee")
    quiz = Assessment.objects.get(kind="module_quiz")
    attempt = assessments.start_attempt(assessment=quiz, user=trainee)
    assessments.submit_attempt(attempt=attempt, user=trainee)
    assignment = ScenarioAssignment.objects.get(programme__title=activity.COMPLETED_TITLE)
    played = set(trainee.practice_sessions.values_list("scenario_id", flat=True))
    left = assignment.scenarios.exclude(pk__in=played).get()
    session = simulator.start_session(trainee=trainee, scenario=left)
    simulator.finish_session(session=session, actor=trainee)

    counts = _demo_counts()
    assert seed_demo().created == {}
    assert _demo_counts() == counts


def test_the_command_prints_what_it_made_and_the_log_ins(seeded, settings):
    from io import StringIO

    settings.DEBUG = True
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "Demo data ready (nothing new)." in text
    for username in ("celladmin", "trainer", "director", "hod.revenue", "hod.health", "trainee"):
        assert f"  {username} " in text


@pytest.mark.django_db
def test_command_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_demo_reports_hold_the_brochures_past_years_and_keep_the_cells_edits(seeded):
    from reports import selectors
    from reports.models import HistoricalFigure

    assert seeded.created["imported past years"] == 11
    imported = [row for row in selectors.yearly_table()["rows"] if row["imported"]]
    assert [row["year"] for row in imported][:2] == ["2013-14", "2014-15"]
    assert sum(r["programmes"] for r in imported) == 263
    assert sum(r["participants"] for r in imported) == 10098
    HistoricalFigure.objects.filter(financial_year="2013-14").update(programmes=6)
    HistoricalFigure.objects.filter(financial_year="2014-15").delete()
    again = seed_demo()
    assert again.created == {"imported past years": 1}  # only the deleted year comes back
    assert HistoricalFigure.objects.get(financial_year="2013-14").programmes == 6
    assert HistoricalFigure.objects.get(financial_year="2014-15").participants == 1706
