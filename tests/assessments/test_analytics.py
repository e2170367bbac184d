"""Assessment analytics: the pure functions with hand-computed figures, the selector over
real attempts (first attempts by default, bounded queries) and the staff page per role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import analytics, selectors
from assessments.analytics import AttemptData, QuestionData
from assessments.models import Question, QuestionBank
from lms.core.roles import Role
from tests.assessments.helpers import assessment_with, attempt_row, options, take, text
from tests.factories import build_course, make_user

SINGLE = QuestionData(id=1, type="single", key="b", options=options("a", "b", "c"))
MULTIPLE = QuestionData(id=2, type="multiple", key=["a", "c"], options=options("a", "b", "c"))
TRUE_FALSE = QuestionData(id=3, type="true_false", key=True)


# ------------------------------------------------------------------ pure: scores
def test_score_distribution_uses_ten_percent_bands_with_100_in_the_last():
    bands = analytics.score_distribution([0, 9.99, 10, 55, 95, 100, 100])
    assert [b.count for b in bands] == [2, 1, 0, 0, 0, 1, 0, 0, 0, 3]
    assert (bands[0].lower, bands[0].upper, bands[9].lower, bands[9].upper) == (0, 10, 90, 100)
    assert bands[9].share == pytest.approx(3 / 7) and bands[9].label == "90–100%"
    assert sum(b.count for b in analytics.score_distribution([])) == 0


def test_summary_mean_median_and_pass_rate():
    summary = analytics.summarise([40, 60, 80, 100], pass_mark=60)
    assert (summary.attempts, summary.mean, summary.median) == (4, 70, 70)
    assert (summary.passed, summary.pass_rate) == (3, 0.75)
    odd = analytics.summarise([10, 90, 20], pass_mark=50)
    assert odd.median == 20 and odd.pass_rate == pytest.approx(1 / 3)
    empty = analytics.summarise([], pass_mark=50)
    assert (empty.attempts, empty.mean, empty.median, empty.pass_rate) == (0, None, None, None)


def test_score_attempt_grades_each_question_with_partial_credit():
    questions = {q.id: q for q in (SINGLE, MULTIPLE, TRUE_FALSE)}
    scores = analytics.score_attempt(
        questions, [1, 2, 3, 99], {"1": "b", "2": ["a"], "3": False, "99": "x"}
    )
    assert scores == {1: 1.0, 2: 0.5, 3: 0.0}  # 99 was deleted since: left out


# ------------------------------------------------------------------ pure: items
def test_facility_is_the_mean_share_of_the_marks():
    assert analytics.facility_index([1, 0, 0.5, 1]) == 0.625
    assert analytics.facility_index([]) is None


def test_discrimination_compares_the_top_and_bottom_27_percent():
    # Ten attempts, 100 % down to 10 %: groups of round(2.7) = 3.
    earned = [1, 1, 0, 1, 0, 1, 0, 0, 0, 1]
    attempts = [
        AttemptData(percent=100 - 10 * i, scores={7: share}) for i, share in enumerate(earned)
    ]
    upper, lower = analytics.groups(attempts)
    assert [a.percent for a in upper] == [100, 90, 80]
    assert [a.percent for a in lower] == [30, 20, 10]
    # upper earned 1, 1, 0 -> 2/3; lower earned 0, 0, 1 -> 1/3
    assert analytics.discrimination_index(7, upper, lower) == pytest.approx(1 / 3)


def test_discrimination_needs_two_attempts_and_someone_shown_the_question_in_each_group():
    assert analytics.groups([AttemptData(percent=50, scores={1: 1})]) == ([], [])
    pair = [AttemptData(percent=90, scores={1: 1}), AttemptData(percent=10, scores={2: 0})]
    upper, lower = analytics.groups(pair)
    assert analytics.discrimination_index(1, upper, lower) is None
    shown = [AttemptData(percent=90, scores={1: 1}), AttemptData(percent=10, scores={1: 0.5})]
    assert analytics.discrimination_index(1, *analytics.groups(shown)) == 0.5


def test_ties_at_a_group_boundary_keep_the_given_order():
    attempts = [AttemptData(percent=p, scores={}) for p in (50, 80, 50, 20)]
    upper, lower = analytics.groups(attempts)  # round(1.08) = 1 each
    assert upper == [attempts[1]] and lower == [attempts[3]]
    tied = [AttemptData(percent=50, scores={1: s}) for s in (1, 0, 0)]
    upper, lower = analytics.groups(tied)
    assert upper == [tied[0]] and lower == [tied[2]]


def test_option_frequencies_for_single_choice():
    counts = analytics.option_frequencies(SINGLE, ["a", "b", "b", None, "zzz", ["b"]])
    assert [(o.id, o.count, o.is_key) for o in counts] == [
        ("a", 1, False),
        ("b", 2, True),
        ("c", 0, False),
    ]
    assert counts[0].text == "Option A"


def test_option_frequencies_for_multiple_choice_count_each_ticked_option_once():
    counts = analytics.option_frequencies(MULTIPLE, [["a", "c"], ["a"], ["a", "a"], "a", None])
    assert [(o.id, o.count, o.is_key) for o in counts] == [
        ("a", 3, True),
        ("b", 0, False),
        ("c", 1, True),
    ]


def test_option_frequencies_for_true_false():
    counts = analytics.option_frequencies(TRUE_FALSE, [True, False, True, "true", None])
    assert [(o.id, o.count, o.is_key) for o in counts] == [("true", 2, True), ("false", 1, False)]


@pytest.mark.parametrize(
    "facility, discrimination, flags",
    [
        (0.1, 0.5, ["too_hard"]),
        (0.2, 0.2, []),
        (0.95, 0.3, []),
        (0.96, 0.3, ["too_easy"]),
        (0.5, 0.19, ["low_discrimination"]),
        (0.5, -0.4, ["low_discrimination"]),
        (0.05, 0.0, ["too_hard", "low_discrimination"]),
        (None, None, []),
        (0.5, None, []),
    ],
)
def test_flags(facility, discrimination, flags):
    assert analytics.flags_for(facility, discrimination) == flags


def test_item_analysis_counts_only_attempts_shown_the_question():
    drawn = QuestionData(id=9, type="numeric", key={"value": 3, "tolerance": 0})
    attempts = [
        AttemptData(percent=80, scores={9: 1.0}, answers={"9": "3"}),
        AttemptData(percent=60, scores={}, answers={}),
        AttemptData(percent=40, scores={9: 0.0}, answers={"9": ""}),
    ]
    (item,) = analytics.item_analysis([drawn], attempts)
    assert (item.attempts, item.facility, item.unanswered, item.options) == (2, 0.5, 1, [])
    assert item.discrimination == 1.0  # upper (80 %) earned 1, lower (40 %) earned 0


# ------------------------------------------------------------------ the selector
@pytest.fixture
def quiz(db):
    """Single (key b), multiple (key a+c, partial credit), true/false (key true); pass 50."""
    return assessment_with(
        build_course(modules=1, lessons_per_module=1),
        [
            ("single", options("a", "b", "c"), "b"),
            ("multiple", options("a", "b", "c"), ["a", "c"]),
            ("true_false", [], True),
        ],
        pass_mark=50,
    )


@pytest.fixture
def four_takers(quiz, department):
    """Hand-computed: u1 100 %, u2 50 %, u3 33.33 %, u4 50 % on their first attempts; u1's
    second attempt scores 0 %."""
    people = [make_user(Role.TRAINEE, department=department) for _n in range(4)]
    take(quiz, people[0], {0: "b", 1: ["a", "c"], 2: True})  # 1 + 1 + 1
    take(quiz, people[1], {0: "b", 1: ["a"], 2: False})  # 1 + 0.5 + 0
    take(quiz, people[2], {0: "a", 1: ["a", "b"], 2: True})  # 0 + 0 + 1
    take(quiz, people[3], {1: ["c"], 2: True})  # 0 + 0.5 + 1
    take(quiz, people[0], {0: "c", 1: ["b"], 2: False})  # second attempt: 0
    return people


def test_the_selector_reports_first_attempts_by_default(quiz, four_takers):
    report = selectors.assessment_analytics(quiz)
    assert report.summary.attempts == 4
    assert report.summary.mean == pytest.approx((100 + 50 + 33.33 + 50) / 4)
    assert report.summary.median == 50
    assert (report.summary.passed, report.summary.pass_rate) == (3, 0.75)
    assert [b.count for b in report.distribution] == [0, 0, 0, 1, 0, 2, 0, 0, 0, 1]

    single, multiple, true_false = report.items
    assert [i.facility for i in report.items] == [0.5, 0.5, 0.75]
    # Groups of one: upper = u1 (100 %), lower = u3 (33.33 %).
    assert (single.discrimination, multiple.discrimination, true_false.discrimination) == (
        1.0,
        1.0,
        0.0,
    )
    assert true_false.flags == ["low_discrimination"] and single.flags == []
    assert [(o.id, o.count, o.is_key) for o in single.options] == [
        ("a", 1, False),
        ("b", 2, True),
        ("c", 0, False),
    ]
    assert single.unanswered == 1
    assert [(o.id, o.count) for o in multiple.options] == [("a", 3), ("b", 1), ("c", 2)]
    assert [(o.id, o.count) for o in true_false.options] == [("true", 3), ("false", 1)]


def test_the_selector_can_use_every_attempt_and_ignores_open_ones(quiz, four_takers, department):
    late = make_user(Role.TRAINEE, department=department)
    from assessments import services

    services.start_attempt(assessment=quiz, user=late)  # still in progress
    report = selectors.assessment_analytics(quiz, first_only=False)
    assert report.summary.attempts == 5
    assert report.summary.passed == 3 and report.distribution[0].count == 1
    assert report.items[0].facility == pytest.approx(2 / 5)
    assert selectors.assessment_analytics(quiz).summary.attempts == 4


def test_a_timed_out_first_attempt_counts_as_the_first(quiz, department):
    person = make_user(Role.TRAINEE, department=department)
    attempt_row(quiz, person, 20, number=1, status="timed_out")
    attempt_row(quiz, person, 90, number=2)
    report = selectors.assessment_analytics(quiz)
    assert report.summary.attempts == 1 and report.summary.mean == 20


def test_randomly_drawn_questions_get_a_row_after_the_fixed_ones(quiz, department):
    bank = QuestionBank.objects.create(name="Extra")
    extra = Question.objects.create(
        bank=bank, type="numeric", stem="<p>Days?</p>", key={"value": 30, "tolerance": 0}
    )
    quiz.random_bank = bank
    quiz.random_count = 1
    quiz.save()
    person = make_user(Role.TRAINEE, department=department)
    take(quiz, person, {0: "b", 1: ["a", "c"], 2: True, 3: "30"})
    report = selectors.assessment_analytics(quiz)
    assert [i.question.id for i in report.items][-1] == extra.pk
    assert report.items[-1].facility == 1.0 and report.items[-1].attempts == 1


def test_an_assessment_without_attempts(quiz):
    report = selectors.assessment_analytics(quiz)
    assert report.summary.attempts == 0 and len(report.items) == 3
    assert all(i.facility is None and i.discrimination is None for i in report.items)


def test_the_selector_runs_three_queries_whatever_the_size(quiz, department):
    for _n in range(2):
        take(quiz, make_user(Role.TRAINEE, department=department), {0: "b"})
    with CaptureQueriesContext(connection) as small:
        selectors.assessment_analytics(quiz)
    for _n in range(12):
        take(quiz, make_user(Role.TRAINEE, department=department), {0: "a", 2: True})
    with CaptureQueriesContext(connection) as big:
        selectors.assessment_analytics(quiz)
    assert len(small.captured_queries) == len(big.captured_queries) == 3


# ------------------------------------------------------------------ the staff page
def analytics_url(quiz):
    return reverse("assessments:analytics", args=[quiz.pk])


@pytest.mark.parametrize(
    "who, status",
    [
        ("trainee", 403),
        ("hod", 403),
        ("trainer", 200),
        ("course_director", 200),
        ("cell_admin", 200),
    ],
)
def test_the_page_is_for_trainers_directors_and_the_cell(client, request, quiz, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(analytics_url(quiz)).status_code == status


def test_anonymous_visitors_sign_in_first_and_unknown_ids_are_404(client, quiz, trainer):
    response = client.get(analytics_url(quiz))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(trainer)
    assert client.get(reverse("assessments:analytics", args=[99999])).status_code == 404


def test_the_page_shows_the_figures_table_chart_and_flags(client, quiz, four_takers, trainer):
    client.force_login(trainer)
    response = client.get(analytics_url(quiz))
    page, visible = response.content.decode(), text(response)
    assert 'id="pass-rate">75% (3)' in page
    assert 'id="median">50.0%' in page and 'id="mean">58.3%' in page
    assert '<table id="distribution">' in page and "<caption>Attempts per score band" in page
    assert '<th scope="row">50–60%</th><td>2</td><td>50%</td>' in page
    assert '<svg width="440"' in page and 'role="img"' in page and page.count('class="bar"') == 10
    assert "Discriminates poorly" in visible and page.count('class="flagged"') == 1
    assert "Option B: 2 ✓ key" in visible
    assert "upper-lower 27% method" in visible
    assert "<script" not in page.split('<main id="main"')[1]


def test_the_page_switches_to_every_attempt(client, quiz, four_takers, cell_admin):
    client.force_login(cell_admin)
    page = client.get(analytics_url(quiz) + "?attempts=all").content.decode()
    assert 'id="attempt-count">5<' in page and "Use first attempts only" in page


def test_the_page_queries_do_not_grow(
    client, quiz, trainer, department, django_assert_max_num_queries
):
    take(quiz, make_user(Role.TRAINEE, department=department), {0: "b"})
    client.force_login(trainer)
    client.get(analytics_url(quiz))
    with CaptureQueriesContext(connection) as small:
        client.get(analytics_url(quiz))
    for _n in range(10):
        take(quiz, make_user(Role.TRAINEE, department=department), {0: "a", 1: ["a"]})
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(analytics_url(quiz))


def test_the_admin_listing_links_the_analytics(client, quiz, trainer):
    client.force_login(trainer)
    listing = client.get(reverse("assessments_admin:index")).content.decode()
    assert analytics_url(quiz) in listing
