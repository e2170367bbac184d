"""A programme that requires a passed post-test: completion, the finalise preview, the
certificate grade, and the post-test outcome rules themselves."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.completion import NOT_TAKEN, post_test_outcome, post_test_outcomes
from assessments.enums import AssessmentKind, AttemptStatus, GradingMethod
from assessments.models import Assessment, Attempt
from certificates import services as certificate_services
from certificates.models import Certificate
from courses.models import Enrolment
from nominations.enums import NominationState as S
from nominations.models import Nomination
from programmes import selectors as programme_selectors
from programmes import services as programme_services
from tests.programmes.helpers import attend_all

pytestmark = pytest.mark.django_db


def post_test(course, *, pass_mark=60, method=GradingMethod.HIGHEST, kind=AssessmentKind.POST_TEST):
    return Assessment.objects.create(
        title="Post-test", course=course, kind=kind, pass_mark=pass_mark, grading_method=method
    )


def attempt(assessment, user, *percents, open_last=False):
    now = timezone.now()
    for number, percent in enumerate(percents, start=1):
        in_progress = open_last and number == len(percents)
        Attempt.objects.create(
            assessment=assessment,
            user=user,
            number=number,
            started_at=now - datetime.timedelta(hours=1),
            submitted_at=None if in_progress else now,
            status=AttemptStatus.IN_PROGRESS if in_progress else AttemptStatus.SUBMITTED,
            percent=None if in_progress else Decimal(percent),
        )


def state_of(nomination):
    return Nomination.objects.get(pk=nomination.pk).state


# ------------------------------------------------------------------ outcome rules
def test_no_post_test_means_no_outcome(ended_programme_factory):
    programme, (nomination, *_) = ended_programme_factory(confirmed=1, approved=0)
    assert post_test_outcomes(course_id=programme.course_id, user_ids=[nomination.officer_id]) == {}
    assert post_test_outcome(course_id=programme.course_id, user_id=nomination.officer_id) is None


@pytest.mark.parametrize(
    "method, percents, grade, passed",
    [
        (GradingMethod.HIGHEST, ("40", "75"), 75.0, True),
        (GradingMethod.LAST, ("75", "40"), 40.0, False),
        (GradingMethod.AVERAGE, ("50", "70"), 60.0, True),  # exactly the pass mark passes
        (GradingMethod.AVERAGE, ("50", "69"), 59.5, False),
    ],
)
def test_grade_follows_the_grading_method(ended_programme_factory, method, percents, grade, passed):
    programme, (nomination,) = ended_programme_factory(confirmed=1, approved=0)
    test = post_test(programme.course, method=method)
    attempt(test, nomination.officer, *percents)
    outcome = post_test_outcome(course_id=programme.course_id, user_id=nomination.officer_id)
    assert (outcome.grade, outcome.passed) == (grade, passed)
    assert outcome.label == f"{round(grade)}%"


def test_open_attempts_do_not_count_and_other_kinds_are_ignored(ended_programme_factory):
    programme, (first, second) = ended_programme_factory(confirmed=2, approved=0)
    test = post_test(programme.course)
    pre = post_test(programme.course, kind=AssessmentKind.PRE_TEST)
    attempt(pre, first.officer, "100")
    attempt(test, second.officer, "30", "90", open_last=True)
    outcomes = post_test_outcomes(
        course_id=programme.course_id, user_ids=[first.officer_id, second.officer_id]
    )
    assert outcomes[first.officer_id] == NOT_TAKEN
    assert (outcomes[second.officer_id].grade, outcomes[second.officer_id].passed) == (30.0, False)


def test_every_post_test_must_be_passed(ended_programme_factory):
    programme, (nomination,) = ended_programme_factory(confirmed=1, approved=0)
    one, two = post_test(programme.course), post_test(programme.course, pass_mark=80)
    attempt(one, nomination.officer, "100")
    outcome = post_test_outcome(course_id=programme.course_id, user_id=nomination.officer_id)
    assert outcome == NOT_TAKEN  # the second is not taken yet
    attempt(two, nomination.officer, "70")
    outcome = post_test_outcome(course_id=programme.course_id, user_id=nomination.officer_id)
    assert (outcome.grade, outcome.passed) == (85.0, False)


def test_outcomes_take_two_queries_for_any_roll(ended_programme_factory, django_assert_num_queries):
    programme, nominations = ended_programme_factory(confirmed=6, approved=0)
    test = post_test(programme.course)
    for nomination in nominations:
        attempt(test, nomination.officer, "55", "65")
    with django_assert_num_queries(2):
        outcomes = post_test_outcomes(
            course_id=programme.course_id, user_ids=[n.officer_id for n in nominations]
        )
    assert all(outcome.passed for outcome in outcomes.values()) and len(outcomes) == 6


# ------------------------------------------------------------------ programme completion
@pytest.fixture
def assessed(ended_programme_factory, cell_admin):
    """An ended programme requiring the post-test: three officers attended every session;
    the first passed (86 %), the second failed (40 %), the third never took it."""
    programme, nominations = ended_programme_factory(
        sessions=2, confirmed=3, approved=0, requires_post_test_pass=True
    )
    test = post_test(programme.course)
    attempt(test, nominations[0].officer, "50", "86")
    attempt(test, nominations[1].officer, "40")
    attend_all(programme, nominations, cell_admin)
    return programme, nominations


def test_finalise_needs_the_post_test_passed(assessed, cell_admin):
    programme, nominations = assessed
    preview = programme_selectors.finalise_preview(programme)
    assert {row.nomination.pk: row.state for row in preview.rows} == {
        nominations[0].pk: S.ATTENDED,
        nominations[1].pk: S.NO_SHOW,
        nominations[2].pk: S.NO_SHOW,
    }
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert counts == {S.ATTENDED: 1, S.NO_SHOW: 2, S.WITHDRAWN: 0}
    assert [state_of(n) for n in nominations] == [S.ATTENDED, S.NO_SHOW, S.NO_SHOW]


def test_preview_agrees_with_finalise(assessed, cell_admin):
    programme, nominations = assessed
    preview = {
        row.nomination.pk: row.state for row in programme_selectors.finalise_preview(programme).rows
    }
    programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert preview == {n.pk: state_of(n) for n in nominations}


def test_certificate_prints_the_post_test_grade(
    assessed, cell_admin, django_capture_on_commit_callbacks
):
    programme, nominations = assessed
    with django_capture_on_commit_callbacks(execute=True):  # Celery runs eagerly
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    certificate = Certificate.objects.get(programme=programme)
    assert certificate.holder == nominations[0].officer
    assert certificate.grade == "86%"


def test_certificate_without_a_required_post_test_has_no_grade(
    ended_programme_factory, cell_admin, django_capture_on_commit_callbacks
):
    programme, (nomination,) = ended_programme_factory(sessions=1, confirmed=1, approved=0)
    attempt(post_test(programme.course), nomination.officer, "90")
    attend_all(programme, [nomination], cell_admin)
    with django_capture_on_commit_callbacks(execute=True):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert Certificate.objects.get(programme=programme).grade == ""


def test_finalise_refuses_when_the_required_post_test_is_missing(
    ended_programme_factory, cell_admin
):
    programme, nominations = ended_programme_factory(confirmed=1, approved=0)
    programme.requires_post_test_pass = True
    programme.save(update_fields=["requires_post_test_pass"])
    with pytest.raises(programme_services.ProgrammeError, match="no"):
        programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert state_of(nominations[0]) == S.CONFIRMED


def test_programme_cannot_require_a_post_test_its_course_lacks(ended_programme_factory):
    programme, _ = ended_programme_factory(confirmed=0, approved=0)
    programme.requires_post_test_pass = True
    with pytest.raises(ValidationError) as error:
        programme.clean()
    assert "requires_post_test_pass" in error.value.message_dict
    post_test(programme.course)
    programme.clean()  # now it can


def test_online_certificate_prints_a_passed_grade_only(ended_programme_factory):
    programme, (passer, failer) = ended_programme_factory(confirmed=2, approved=0)
    test = post_test(programme.course)
    attempt(test, passer.officer, "92.4")
    attempt(test, failer.officer, "20")
    Enrolment.objects.filter(course=programme.course).update(completed_at=timezone.now())
    grades = {
        enrolment.user_id: certificate_services.issue_for_enrolment(enrolment=enrolment).grade
        for enrolment in Enrolment.objects.filter(course=programme.course)
    }
    assert grades == {passer.officer_id: "92%", failer.officer_id: ""}
