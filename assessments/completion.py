"""Post-test results as they count for completion and certificates.

A course's post-test is its assessment of kind "post-test". An officer's result on it is
the grade by the assessment's grading method over their submitted attempts, and passed
when that grade reaches the pass mark. With several post-tests on one course, every one
must be passed and the grade is their mean."""

from collections import defaultdict
from dataclasses import dataclass

from . import grading
from .enums import AssessmentKind, AttemptStatus
from .models import Assessment, Attempt


@dataclass(frozen=True)
class PostTestOutcome:
    grade: float | None  # percent, None until every post-test has a submitted attempt
    passed: bool

    @property
    def label(self) -> str:
        """The grade as printed on a certificate, e.g. "86%"."""
        return "" if self.grade is None else f"{round(self.grade)}%"


NOT_TAKEN = PostTestOutcome(grade=None, passed=False)


def post_tests(course_id) -> list[Assessment]:
    return list(
        Assessment.objects.filter(course_id=course_id, kind=AssessmentKind.POST_TEST).order_by("pk")
    )


def post_test_outcomes(*, course_id, user_ids, tests=None) -> dict:
    """{user_id: PostTestOutcome} for each of ``user_ids`` (two queries whatever their
    number). Users without a submitted attempt on every post-test get ``NOT_TAKEN``; an
    empty dict when the course has no post-test."""
    tests = post_tests(course_id) if tests is None else tests
    user_ids = list(user_ids)
    if not tests or not user_ids:
        return {}
    percents = defaultdict(list)  # (user, assessment) -> percents in attempt order
    rows = (
        Attempt.objects.filter(assessment__in=tests, user_id__in=user_ids)
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .order_by("number")
        .values_list("user_id", "assessment_id", "percent")
    )
    for user_id, assessment_id, percent in rows:
        percents[user_id, assessment_id].append(float(percent or 0))
    outcomes = {}
    for user_id in user_ids:
        grades, passed = [], True
        for test in tests:
            final = grading.final_grade(percents[user_id, test.pk], test.grading_method)
            if final is None:
                break
            grades.append(final)
            passed = passed and final >= test.pass_mark
        if len(grades) < len(tests):
            outcomes[user_id] = NOT_TAKEN
        else:
            outcomes[user_id] = PostTestOutcome(grade=sum(grades) / len(grades), passed=passed)
    return outcomes


def post_test_outcome(*, course_id, user_id) -> PostTestOutcome | None:
    """One officer's outcome, or None when the course has no post-test."""
    return post_test_outcomes(course_id=course_id, user_ids=[user_id]).get(user_id)
