"""Pre/post learning gain per programme: who counts, which attempts, each grading method
(cross-checked with services.result_for), Hake's normalised gain, the batch selector's
query count, and the figures on the results page."""

import pytest
from django.urls import reverse

from assessments import selectors, services
from assessments.enums import GradingMethod
from assessments.models import Assessment
from lms.core.roles import Role
from nominations.enums import NominationState
from tests.assessments.helpers import attempt_row, participant, programme, text
from tests.factories import ModuleFactory, build_course, make_user

pytestmark = pytest.mark.django_db
S = NominationState


def pre_and_post(course, *, method=GradingMethod.HIGHEST):
    pre = Assessment.objects.create(title="Pre", course=course, kind="pre_test", pass_mark=50)
    post = Assessment.objects.create(
        title="Post", course=course, kind="post_test", pass_mark=50, grading_method=method
    )
    return pre, post


def record(test, officer, *percents, first_status="submitted"):
    for number, percent in enumerate(percents, start=1):
        attempt_row(
            test,
            officer,
            percent,
            number=number,
            status=first_status if number == 1 else "submitted",
        )


@pytest.fixture
def setup(department):
    """Matched officers (pre first attempt, post attempts): o1 (40; 80 then 60), o2 (20; 70),
    o6 (30 timed out; 60). Not counted: o3 (no post), o4 (no-show), o5 (no pre), o7 (pre
    only in progress)."""
    course = build_course(modules=1, lessons_per_module=1)
    batch = programme(course=course)
    pre, post = pre_and_post(course)
    people = {}
    for name, state in [
        ("o1", S.ATTENDED),
        ("o2", S.CONFIRMED),
        ("o3", S.ATTENDED),
        ("o4", S.NO_SHOW),
        ("o5", S.ATTENDED),
        ("o6", S.ATTENDED),
        ("o7", S.ATTENDED),
    ]:
        people[name] = participant(batch, state=state, department=department)
    record(pre, people["o1"], 40, 90)
    record(post, people["o1"], 80, 60)
    record(pre, people["o2"], 20)
    record(post, people["o2"], 70)
    record(pre, people["o3"], 50)
    record(pre, people["o4"], 10)
    record(post, people["o4"], 100)
    record(post, people["o5"], 90)
    record(pre, people["o6"], 30, first_status="timed_out")
    record(post, people["o6"], 60)
    attempt_row(pre, people["o7"], 0, status="in_progress")
    record(post, people["o7"], 75)
    return batch, pre, post, people


@pytest.mark.parametrize(
    "method, post_mean, gain",
    [
        # post grades: o1 80 / 60 / 70 by method, o2 70, o6 60; pre mean (40 + 20 + 30) / 3
        (GradingMethod.HIGHEST, 70.0, 40 / 70),
        (GradingMethod.LAST, 63.33, (63.33 - 30) / 70),
        (GradingMethod.AVERAGE, 66.67, (66.67 - 30) / 70),
    ],
)
def test_learning_gain_by_grading_method(setup, method, post_mean, gain):
    batch, pre, post, people = setup
    post.grading_method = method
    post.save()
    result = selectors.learning_gain(batch)
    assert (result.n, result.pre_mean) == (3, 30.0)
    assert result.post_mean == pytest.approx(post_mean, abs=0.01)
    assert result.gain == pytest.approx(gain, abs=0.001)
    assert (result.pre_test_id, result.post_test_id) == (pre.pk, post.pk) and result.has_tests
    # The post-test grade is the one the trainee sees (services.result_for).
    grades = [
        services.result_for(assessment=post, user=people[name])["grade"]
        for name in ("o1", "o2", "o6")
    ]
    assert result.post_mean == pytest.approx(sum(grades) / 3, abs=0.01)


def test_gain_is_none_without_tests_without_pairs_or_with_a_perfect_pre_test(department):
    no_tests = programme()
    assert selectors.learning_gain(no_tests).has_tests is False
    assert selectors.learning_gain(no_tests).gain is None

    course = build_course(modules=1, lessons_per_module=1)
    pre, post = pre_and_post(course)
    batch = programme(course=course)
    officer = participant(batch, department=department)
    record(pre, officer, 100)
    empty = selectors.learning_gain(batch)
    assert (empty.n, empty.pre_mean, empty.post_mean, empty.gain) == (0, None, None, None)
    record(post, officer, 100)
    perfect = selectors.learning_gain(batch)
    assert (perfect.n, perfect.pre_mean, perfect.gain) == (1, 100.0, None)


def test_a_loss_gives_a_negative_gain(department):
    course = build_course(modules=1, lessons_per_module=1)
    pre, post = pre_and_post(course)
    batch = programme(course=course)
    officer = participant(batch, department=department)
    record(pre, officer, 60)
    record(post, officer, 40)
    assert selectors.learning_gain(batch).gain == pytest.approx(-0.5)


def test_the_course_level_test_is_preferred_then_the_oldest(department):
    course = build_course(modules=1, lessons_per_module=1)
    module = ModuleFactory(parent=course)
    module_pre = Assessment.objects.create(
        title="Module pre", course=course, module=module, kind="pre_test"
    )
    pre, post = pre_and_post(course)
    newer_pre = Assessment.objects.create(title="Pre 2", course=course, kind="pre_test")
    batch = programme(course=course)
    officer = participant(batch, department=department)
    record(module_pre, officer, 90)
    record(newer_pre, officer, 90)
    record(pre, officer, 20)
    record(post, officer, 60)
    result = selectors.learning_gain(batch)
    assert result.pre_test_id == pre.pk and result.pre_mean == 20.0


def test_by_programme_in_two_queries_whatever_the_size(department, django_assert_num_queries):
    course = build_course(modules=1, lessons_per_module=1)
    pre, post = pre_and_post(course)
    batches = [programme(course=course, title=f"Batch {n}") for n in range(3)]
    no_tests = programme()
    for index, batch in enumerate(batches):
        for n in range(4):
            officer = participant(batch, department=department)
            record(pre, officer, 10 * n)
            record(post, officer, 10 * n + 10 * index)
    ids = [b.pk for b in batches] + [no_tests.pk]
    with django_assert_num_queries(2):
        gains = selectors.learning_gain_by_programme(ids)
    assert set(gains) == set(ids)
    assert [gains[b.pk].n for b in batches] == [4, 4, 4]
    assert gains[batches[0].pk].gain == 0.0  # post = pre
    # batch 2: pre mean 15, post mean 35 -> 20 / 85
    assert gains[batches[2].pk].gain == pytest.approx(20 / 85)
    assert gains[no_tests.pk].n == 0 and not gains[no_tests.pk].has_tests
    assert selectors.learning_gain_by_programme([]) == {}


def test_the_results_page_shows_the_gain_and_links_the_tests_for_staff(client, setup, trainer):
    batch, pre, post, _people = setup
    client.force_login(trainer)
    response = client.get(reverse("assessments:programme_feedback_results", args=[batch.pk]))
    page = response.content.decode()
    assert 'id="gain-n">3<' in page and 'id="gain-pre">30.0%' in page
    assert 'id="gain-post">70.0%' in page and 'id="gain-g">0.57<' in page
    assert reverse("assessments:analytics", args=[pre.pk]) in page
    assert reverse("assessments:analytics", args=[post.pk]) in page
    csv_body = b"".join(
        client.get(
            reverse("assessments:programme_feedback_results", args=[batch.pk]) + "?format=csv"
        ).streaming_content
    ).decode("utf-8-sig")
    assert "Normalised gain,0.571" in csv_body and "Officers with both tests,3" in csv_body
    index = client.get(reverse("assessments:feedback_index"))
    assert "0.57 (n = 3)" in text(index)


def test_a_coordinator_sees_the_gain_but_no_analytics_links(client, department):
    coordinator = make_user(Role.TRAINEE, department=department)
    course = build_course(modules=1, lessons_per_module=1)
    pre, _post = pre_and_post(course)
    batch = programme(course=course, coordinator=coordinator)
    client.force_login(coordinator)
    page = client.get(
        reverse("assessments:programme_feedback_results", args=[batch.pk])
    ).content.decode()
    assert 'id="learning-gain"' in page and "No participant has taken both" in page
    assert reverse("assessments:analytics", args=[pre.pk]) not in page


def test_the_page_says_when_the_course_lacks_the_tests(client, trainer):
    batch = programme()
    client.force_login(trainer)
    page = client.get(reverse("assessments:programme_feedback_results", args=[batch.pk]))
    assert "needs both a pre-test and a post-test" in text(page)
