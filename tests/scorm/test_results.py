"""A SCORM lesson's result: its score as a percentage, shown in My learning and on the
officer's page for their HOD, and announced once per result (for the learning record
store)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.services import enrol
from lms.core.roles import Role
from scorm.models import ScormAttempt, score_percent
from scorm.signals import attempt_result
from tests.factories import make_user
from tests.i18n.conftest import english_catalogue, hindi_catalogue, translate  # noqa: F401
from tests.scorm.builders import commit, scorm_course

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("learning:dashboard")

scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


# ------------------------------------------------------------------ the percentage
@settings(max_examples=200, deadline=None)
@given(raw=scores, low=scores, high=scores)
def test_score_percent_is_the_place_of_raw_in_its_range(raw, low, high):
    percent = score_percent(raw, low, high)
    assert Decimal(0) <= percent <= Decimal(100)
    if high > low and low <= raw <= high:
        assert abs(percent - (raw - low) * 100 / (high - low)) <= Decimal("0.005")
        assert score_percent(low, low, high) == 0 and score_percent(high, low, high) == 100
    if high <= low:  # no range: read as 0-100
        assert percent == raw.quantize(Decimal("0.01"))


@settings(max_examples=100, deadline=None)
@given(
    a=scores,
    b=scores,
    low=st.sampled_from([None, Decimal(0), Decimal(10)]),
    high=st.sampled_from([None, Decimal(50), Decimal(100)]),
)
def test_a_higher_raw_score_is_never_a_lower_percentage(a, b, low, high):
    lo, hi = sorted((a, b))
    assert score_percent(lo, low, high) <= score_percent(hi, low, high)


def test_no_raw_score_is_no_percentage():
    assert score_percent(None, Decimal(0), Decimal(100)) is None
    assert score_percent(Decimal(30), None, None) == Decimal("30.00")


# ------------------------------------------------------------------ the runtime
@pytest.fixture
def world(trainer, trainee):
    course, lesson, _text = scorm_course(actor=trainer)
    enrol(user=trainee, course=course)
    return course, lesson


def test_each_new_result_is_announced_once(
    client, world, trainee, django_capture_on_commit_callbacks
):
    _course, lesson = world
    heard = []

    def listen(sender, **kwargs):
        heard.append((kwargs["status"], kwargs["score_raw"]))

    attempt_result.connect(listen)
    try:
        client.force_login(trainee)
        plays = [
            ({"lesson_status": "incomplete"}, None),  # not a result
            ({"lesson_status": "failed", "score": {"raw": "40"}}, ("failed", Decimal("40"))),
            ({"lesson_status": "failed", "score": {"raw": "40"}}, None),  # sent again
            ({"lesson_location": "page-3"}, None),  # the same result, other data
            ({"lesson_status": "failed", "score": {"raw": "55"}}, ("failed", Decimal("55"))),
            ({"lesson_status": "passed", "score": {"raw": "85"}}, ("passed", Decimal("85"))),
            ({"lesson_status": "incomplete"}, None),  # a pass does not go back
        ]
        for seq, (core, expected) in enumerate(plays, start=1):
            before = len(heard)
            with django_capture_on_commit_callbacks(execute=True):
                commit(client, lesson, core, seq=seq)
            assert heard[before:] == ([expected] if expected else []), core
    finally:
        attempt_result.disconnect(listen)
    attempt = ScormAttempt.objects.get(user=trainee)
    assert (attempt.lesson_status, attempt.score_percent) == ("passed", Decimal("85.00"))


# ------------------------------------------------------------------ My learning
def test_my_learning_shows_the_learners_own_score(client, world, trainee, trainer):
    course, lesson = world
    client.force_login(trainee)
    page = client.get(DASHBOARD).content.decode()
    assert "lesson-result" not in page  # not attempted yet: nothing to show
    commit(client, lesson, {"lesson_status": "failed", "score": {"raw": "36", "max": "40"}}, seq=1)
    page = client.get(DASHBOARD).content.decode()
    assert "Charter quiz: Failed · score 36 of 40 (90%)" in page

    other = make_user(Role.TRAINEE, department=trainee.department)
    enrol(user=other, course=course)
    client.force_login(other)
    page = client.get(DASHBOARD).content.decode()
    assert "score 36" not in page and "lesson-result" not in page


def test_the_hod_sees_the_score_of_their_officer_only(client, world, trainee, hod):
    _course, lesson = world
    client.force_login(trainee)
    commit(client, lesson, {"lesson_status": "passed", "score": {"raw": "72.5"}}, seq=1)
    client.force_login(hod)
    officer_page = reverse("department:officer", args=[trainee.pk])
    page = client.get(officer_page).content.decode()
    assert "Charter quiz: Passed · score 72.50 (72.50%)" in page
    stranger = make_user(Role.HOD, username="hod-elsewhere")
    client.force_login(stranger)
    assert client.get(officer_page).status_code == 404


def test_the_lesson_title_is_in_the_language_shown(client, world, trainee, hindi_catalogue):  # noqa: F811
    course, lesson = world
    hindi_course = translate(course, subtree=True)
    hindi_lesson = hindi_course.get_descendants().type(type(lesson)).get().specific
    hindi_lesson.title = "चार्टर प्रश्नोत्तरी"
    hindi_lesson.save_revision().publish()
    client.force_login(trainee)
    commit(client, lesson, {"lesson_status": "completed"}, seq=1)
    client.cookies["django_language"] = "hi"
    page = client.get(DASHBOARD).content.decode()
    assert "चार्टर प्रश्नोत्तरी" in page


def test_my_learning_queries_do_not_grow_with_scorm_results(client, trainer):
    def learner(courses):
        user = make_user(Role.TRAINEE)
        client.force_login(user)
        for course, lesson in courses:
            enrol(user=user, course=course)
            commit(client, lesson, {"lesson_status": "failed", "score": {"raw": "10"}}, seq=1)
        return user

    made = []
    for index in range(3):
        course, lesson, _text = scorm_course(actor=trainer, title=f"Packaged {index}")
        made.append((course, lesson))
    counts = []
    for courses in (made[:1], made):
        client.force_login(learner(courses))
        client.get(DASHBOARD)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(DASHBOARD).content.decode()
        assert page.count('class="lesson-result"') == len(courses)
        counts.append(len(queries))
    assert counts[0] == counts[1]
