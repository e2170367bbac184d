"""The attempt page: resuming shows every saved answer (matching and ordering selects
included) and saving one page keeps the others; background autosave (JSON, CSRF, never a
redirect); the timer markup; the server's deadline with its grace and the auto-submit; the
confirmation's links to unanswered questions; no keys or explanations before the review;
the review by policy; bounded queries."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services, tasks
from assessments.enums import AttemptStatus, ReviewPolicy
from assessments.models import Assessment, AssessmentQuestion, Attempt, Question, QuestionBank
from assessments.views import SAVE_GRACE
from courses.services import enrol
from lms.core.roles import Role
from tests.factories import build_course, make_user

pytestmark = pytest.mark.django_db

# One question of every type; keys and explanations carry markers that must never reach
# the attempt page. Four per page: page 1 = single, multiple, true/false, matching;
# page 2 = ordering, short text, numeric.
SPECS = [
    (
        "single",
        [{"id": "a", "text": "Citizen"}, {"id": "b", "text": "Appellate authority"}],
        "b",
    ),
    (
        "multiple",
        [
            {"id": "a", "text": "Receipt"},
            {"id": "b", "text": "Acknowledgement"},
            {"id": "c", "text": "Bribe"},
        ],
        ["a", "b"],
    ),
    ("true_false", [], True),
    (
        "matching",
        [
            {"id": "1", "text": "RTS Act", "side": "left"},
            {"id": "2", "text": "CPGRAMS", "side": "left"},
            {"id": "a", "text": "2007", "side": "right"},
            {"id": "b", "text": "2014", "side": "right"},
        ],
        {"1": "b", "2": "a"},
    ),
    (
        "ordering",
        [
            {"id": "a", "text": "Acknowledge"},
            {"id": "b", "text": "Receipt"},
            {"id": "c", "text": "Redress"},
        ],
        ["b", "a", "c"],
    ),
    ("short_text", [], ["KEYWORD-DESIGNATED-OFFICER", "KEYWORD-DO"]),
    ("numeric", [], {"value": 98765.4321, "tolerance": 0.5}),
]


class FormReader(HTMLParser):
    """What a browser would post from the attempt form as it is rendered."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button"}:
            if attrs.get("type") in {"radio", "checkbox"}:
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select":
            self._select = name
            self.data.setdefault(name, [""])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = [attrs.get("value", "")]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def form_data(html: str) -> dict:
    form = html[html.index('<form method="post" id="attempt-form"') :]
    reader = FormReader()
    reader.feed(form[: form.index("</form>")])
    return reader.data


@pytest.fixture
def quiz():
    bank = QuestionBank.objects.create(name="Grievances")
    item = Assessment.objects.create(
        title="Sevottam pre-test",
        course=build_course(modules=1, lessons_per_module=1),
        kind="pre_test",
        time_limit_minutes=20,
        attempts_allowed=3,
        questions_per_page=4,
        shuffle_questions=False,
        pass_mark=50,
    )
    for order, (kind, options, key) in enumerate(SPECS):
        question = Question.objects.create(
            bank=bank,
            type=kind,
            stem=f"<p>Question about {kind}</p>",
            options=options,
            key=key,
            explanation=f"EXPLANATION-{kind.upper()}",
        )
        AssessmentQuestion.objects.create(assessment=item, question=question, sort_order=order)
    return item


@pytest.fixture
def learner(quiz, department):
    user = make_user(Role.TRAINEE, department=department)
    enrol(user=user, course=quiz.course)
    return user


@pytest.fixture
def attempt(quiz, learner):
    return services.start_attempt(assessment=quiz, user=learner)


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def by_type():
    return {q.type: q for q in Question.objects.all()}


def url(attempt, page=None):
    base = reverse("assessments:attempt", args=[attempt.pk])
    return f"{base}?page={page}" if page else base


def answers_page_1(q):
    return {
        f"q{q['single'].pk}": "b",
        f"q{q['multiple'].pk}-present": "1",
        f"q{q['multiple'].pk}": ["a", "c"],
        f"q{q['true_false'].pk}": "false",
        f"q{q['matching'].pk}-1": "b",
        f"q{q['matching'].pk}-2": "a",
    }


def answers_page_2(q):
    return {
        f"q{q['ordering'].pk}-0": "b",
        f"q{q['ordering'].pk}-1": "c",
        f"q{q['ordering'].pk}-2": "a",
        f"q{q['short_text'].pk}": "keyword-do",
        f"q{q['numeric'].pk}": "98,765.5",
    }


# -- resume and saving ----------------------------------------------------------------


def test_resume_shows_every_saved_answer(signed_in, attempt):
    q = by_type()
    signed_in.post(url(attempt, 1), {**answers_page_1(q), "go": "2"})
    signed_in.post(url(attempt, 2), {**answers_page_2(q), "go": "1"})

    page_1 = form_data(signed_in.get(url(attempt, 1)).content.decode())
    page_1[f"q{q['multiple'].pk}"].sort()  # shown in this attempt's shuffled order
    assert page_1 == {
        "csrfmiddlewaretoken": page_1["csrfmiddlewaretoken"],
        f"q{q['single'].pk}": ["b"],
        f"q{q['multiple'].pk}-present": ["1"],
        f"q{q['multiple'].pk}": ["a", "c"],
        f"q{q['true_false'].pk}": ["false"],
        f"q{q['matching'].pk}-1": ["b"],
        f"q{q['matching'].pk}-2": ["a"],
    }
    page_2 = form_data(signed_in.get(url(attempt, 2)).content.decode())
    assert page_2[f"q{q['ordering'].pk}-0"] == ["b"]
    assert page_2[f"q{q['ordering'].pk}-1"] == ["c"]
    assert page_2[f"q{q['ordering'].pk}-2"] == ["a"]
    assert page_2[f"q{q['short_text'].pk}"] == ["keyword-do"]
    assert page_2[f"q{q['numeric'].pk}"] == ["98,765.5"]


def test_saving_a_resumed_page_as_shown_keeps_every_answer(signed_in, attempt):
    """The bug: matching and ordering selects came back blank, so the next save of the
    page wiped those answers."""
    q = by_type()
    signed_in.post(url(attempt, 1), {**answers_page_1(q), "go": "2"})
    signed_in.post(url(attempt, 2), {**answers_page_2(q), "go": "2"})
    attempt.refresh_from_db()
    saved = dict(attempt.answers)
    assert saved[str(q["matching"].pk)] == {"1": "b", "2": "a"}
    assert saved[str(q["ordering"].pk)] == ["b", "c", "a"]

    for page in (1, 2):
        shown = form_data(signed_in.get(url(attempt, page)).content.decode())
        signed_in.post(url(attempt, page), {**shown, "go": str(page)})
    attempt.refresh_from_db()
    multiple = str(q["multiple"].pk)
    assert sorted(attempt.answers.pop(multiple)) == sorted(saved.pop(multiple))
    assert attempt.answers == saved


def test_saving_one_page_does_not_touch_the_other(signed_in, attempt):
    q = by_type()
    signed_in.post(url(attempt, 2), {**answers_page_2(q), "go": "1"})
    signed_in.post(url(attempt, 1), {**answers_page_1(q), "go": "2"})
    # an emptied text box and a cleared multiple choice on page 1 are saved as such ...
    signed_in.post(
        url(attempt, 1),
        {f"q{q['multiple'].pk}-present": "1", f"q{q['single'].pk}": "a", "go": "1"},
    )
    attempt.refresh_from_db()
    assert attempt.answers[str(q["multiple"].pk)] == []
    assert attempt.answers[str(q["single"].pk)] == "a"
    # ... and page 2 is as it was
    assert attempt.answers[str(q["ordering"].pk)] == ["b", "c", "a"]
    assert attempt.answers[str(q["short_text"].pk)] == "keyword-do"
    assert attempt.answers[str(q["numeric"].pk)] == "98,765.5"


def test_fields_of_another_page_are_ignored(signed_in, attempt):
    q = by_type()
    signed_in.post(url(attempt, 1), {f"q{q['short_text'].pk}": "smuggled", "go": "1"})
    attempt.refresh_from_db()
    assert str(q["short_text"].pk) not in attempt.answers


@pytest.mark.parametrize(("go", "target"), [("2", "?page=2"), ("99", "?page=2"), ("x", "?page=1")])
def test_the_buttons_go_where_they_say(signed_in, attempt, go, target):
    response = signed_in.post(url(attempt, 1), {"go": go})
    assert response.status_code == 302 and response["Location"].endswith(target)


def test_save_and_finish_goes_to_the_confirmation(signed_in, attempt):
    response = signed_in.post(url(attempt, 2), {"go": "submit"})
    assert response["Location"] == reverse("assessments:submit", args=[attempt.pk])


def test_other_methods_are_refused(signed_in, attempt):
    assert signed_in.put(url(attempt, 1)).status_code == 405
    assert signed_in.delete(reverse("assessments:submit", args=[attempt.pk])).status_code == 405


# -- autosave ---------------------------------------------------------------------------


def test_autosave_answers_json_and_never_redirects(signed_in, attempt):
    q = by_type()
    response = signed_in.post(url(attempt, 1), {**answers_page_1(q), "autosave": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    now = timezone.localtime().strftime("%H:%M")
    assert body["saved"] is True and re.fullmatch(r"Saved at \d\d:\d\d", body["message"])
    assert body["message"][-5:] <= now
    attempt.refresh_from_db()
    assert attempt.answers[str(q["matching"].pk)] == {"1": "b", "2": "a"}


def test_autosave_works_with_csrf_checks_and_not_without_the_token(learner, attempt):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    page = browser.get(url(attempt, 1)).content.decode()
    token = form_data(page)["csrfmiddlewaretoken"][0]
    q = by_type()
    data = {f"q{q['single'].pk}": "a", "autosave": "1"}
    assert browser.post(url(attempt, 1), data).status_code == 403
    saved = browser.post(url(attempt, 1), {**data, "csrfmiddlewaretoken": token})
    assert saved.status_code == 200 and saved.json()["saved"] is True


def test_autosave_of_a_submitted_attempt_is_refused_in_json(signed_in, attempt):
    services.submit_attempt(attempt=attempt)
    response = signed_in.post(url(attempt, 1), {"autosave": "1"})
    assert response.status_code == 409
    assert response.json() == {
        "saved": False,
        "message": "This attempt is already submitted.",
        "review_url": reverse("assessments:review", args=[attempt.pk]),
    }


def test_autosave_is_only_for_the_owner(client, attempt, department):
    other = make_user(Role.TRAINEE, department=department)
    client.force_login(other)
    assert client.post(url(attempt, 1), {"autosave": "1"}).status_code == 404


def test_the_page_carries_the_autosave_and_timer_markup(signed_in, attempt, settings):
    settings.ASSESSMENT_AUTOSAVE_SECONDS = 7
    html = signed_in.get(url(attempt, 1)).content.decode()
    assert 'data-autosave-seconds="7"' in html
    assert re.search(r'<p id="save-status"[^>]*role="status"[^>]*aria-live="polite"', html)
    assert re.search(r'role="timer" aria-live="off" data-remaining="1[12]\d\d"', html)
    assert re.search(r'<strong id="countdown">(20:00|19:5\d)</strong>', html)
    assert 'id="timer-announce" class="visually-hidden" aria-live="assertive"' in html
    assert 'data-five-minutes="5 minutes left."' in html
    assert 'data-one-minute="1 minute left."' in html
    assert "/static/js/attempt.js" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script (the CSP)"


def test_the_script_saves_in_the_background_and_announces_the_time():
    script = (settings.BASE_DIR / "static" / "js" / "attempt.js").read_text()
    assert 'data.append("autosave", "1")' in script
    assert (
        'redirect: "manual"' in script
        and "location" not in script.split("function save")[1].split("var autosave")[0]
    ), "the background save never navigates"
    assert (
        "[300, timer.dataset.fiveMinutes]" in script and "[60, timer.dataset.oneMinute]" in script
    )


# -- the deadline -----------------------------------------------------------------------


def move_deadline(attempt, seconds_ago):
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )
    attempt.refresh_from_db()


def test_a_save_within_the_grace_is_taken_as_made_at_the_deadline(signed_in, attempt):
    q = by_type()
    move_deadline(attempt, 2)
    response = signed_in.post(url(attempt, 1), {f"q{q['single'].pk}": "b", "autosave": "1"})
    assert response.status_code == 200
    attempt.refresh_from_db()
    assert attempt.answers[str(q["single"].pk)] == "b"
    assert attempt.status == AttemptStatus.IN_PROGRESS


def test_a_save_after_the_grace_is_refused_and_the_attempt_submitted(signed_in, attempt):
    q = by_type()
    signed_in.post(url(attempt, 1), {f"q{q['single'].pk}": "b", "go": "1"})
    move_deadline(attempt, SAVE_GRACE.total_seconds() + 2)
    response = signed_in.post(url(attempt, 1), {f"q{q['true_false'].pk}": "true", "autosave": "1"})
    assert response.status_code == 409 and "Time is up" in response.json()["message"]
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT and attempt.submitted_at == attempt.deadline
    assert str(q["true_false"].pk) not in attempt.answers and attempt.score == 1


def test_opening_the_page_after_the_deadline_submits_and_shows_the_result(signed_in, attempt):
    move_deadline(attempt, SAVE_GRACE.total_seconds() + 1)
    response = signed_in.get(url(attempt, 1))
    assert response["Location"] == reverse("assessments:review", args=[attempt.pk])
    review = signed_in.get(response["Location"])
    assert review.status_code == 200
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT


def test_the_beat_task_submits_overdue_attempts(quiz, attempt, department):
    assert settings.CELERY_BEAT_SCHEDULE["submit-overdue-attempts"] == {
        "task": "assessments.tasks.submit_overdue_attempts",
        "schedule": 60.0,
    }
    on_time = make_user(Role.TRAINEE, department=department)
    enrol(user=on_time, course=quiz.course)
    running = services.start_attempt(assessment=quiz, user=on_time)
    move_deadline(attempt, 61)
    assert tasks.submit_overdue_attempts.delay().get() == 1
    attempt.refresh_from_db()
    running.refresh_from_db()
    assert attempt.status == AttemptStatus.TIMED_OUT
    assert running.status == AttemptStatus.IN_PROGRESS


# -- confirmation -----------------------------------------------------------------------


def test_the_confirmation_links_each_unanswered_question_to_its_page(signed_in, attempt):
    q = by_type()
    signed_in.post(url(attempt, 1), {f"q{q['single'].pk}": "b", "go": "2"})
    signed_in.post(url(attempt, 2), {f"q{q['numeric'].pk}": "5", "go": "submit"})
    html = signed_in.get(reverse("assessments:submit", args=[attempt.pk])).content.decode()
    assert "5 questions are not answered" in html
    links = re.findall(r'<li><a href="([^"]+)">Question (\d) \(page (\d)\)</a></li>', html)
    expected = [
        (q["multiple"], 2, 1),
        (q["true_false"], 3, 1),
        (q["matching"], 4, 1),
        (q["ordering"], 5, 2),
        (q["short_text"], 6, 2),
    ]
    assert links == [
        (f"{url(attempt, page)}#question-{question.pk}", str(number), str(page))
        for question, number, page in expected
    ]
    page_2 = signed_in.get(url(attempt, 2)).content.decode()
    assert f'id="question-{q["short_text"].pk}"' in page_2, "the link's target exists"


def test_the_confirmation_says_when_everything_is_answered(signed_in, attempt):
    q = by_type()
    signed_in.post(url(attempt, 1), {**answers_page_1(q), "go": "2"})
    signed_in.post(url(attempt, 2), {**answers_page_2(q), "go": "submit"})
    html = signed_in.get(reverse("assessments:submit", args=[attempt.pk])).content.decode()
    assert "All 7 questions are answered." in html and "not answered" not in html


# -- no answers leak ----------------------------------------------------------------------


def key_markers(question) -> list[str]:
    """Strings that would give a question's key away if they were on the page. (A single
    id such as "b" or True/False is on the page anyway, as an option's value: that no
    option is chosen on a fresh attempt is checked separately.)"""
    key = question.key
    markers = [question.explanation]
    if isinstance(key, list | dict):
        markers += [json.dumps(key), str(key)]
    if question.type == "short_text":
        markers += key + [answer.lower() for answer in key]
    if question.type == "numeric":
        markers += ["98765", "98,765"]
    if question.type == "matching":
        markers += [f'"{left}": "{right}"' for left, right in key.items()]
    if question.type in ("ordering", "multiple"):
        markers += [",".join(key), ", ".join(key)]
    return markers


def test_the_attempt_pages_never_contain_keys_or_explanations(signed_in, attempt):
    questions = list(Question.objects.all())
    html = "".join(signed_in.get(url(attempt, page)).content.decode() for page in (1, 2))
    assert html.count("<fieldset") == 7
    for question in questions:
        for marker in key_markers(question):
            assert marker not in html, (question.type, marker)
    assert " checked" not in html and " selected" not in html, "nothing chosen for the trainee"
    assert "explanation" not in html.lower() and "data-key" not in html


def test_the_confirmation_page_contains_no_keys_either(signed_in, attempt):
    html = signed_in.get(reverse("assessments:submit", args=[attempt.pk])).content.decode()
    for question in Question.objects.all():
        for marker in key_markers(question):
            assert marker not in html, (question.type, marker)


# -- review ------------------------------------------------------------------------------


def finish(client, attempt):
    q = by_type()
    client.post(url(attempt, 1), {**answers_page_1(q), "go": "2"})
    client.post(url(attempt, 2), {**answers_page_2(q), "go": "submit"})
    client.post(reverse("assessments:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    return attempt


def test_review_after_the_attempt_shows_score_answers_and_explanations(signed_in, attempt):
    done = finish(signed_in, attempt)
    # single b (1) + multiple a,c of a,b (0) + false (0) + matching (1) + ordering b,c,a
    # (1 of 3 places) + short text (1) + numeric 98765.5 within 0.5 (1)
    assert float(done.score) == pytest.approx(4.33, abs=0.01) and done.status == "submitted"
    html = signed_in.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "4.33 / 7" in html
    for question in Question.objects.all():
        assert question.explanation in html
    assert "RTS Act → 2014; CPGRAMS → 2007" in html  # the matching key in words
    assert "1. Receipt, 2. Acknowledge, 3. Redress" in html  # the ordering key
    assert "1. Receipt, 2. Redress, 3. Acknowledge" in html  # the trainee's order
    assert "KEYWORD-DESIGNATED-OFFICER / KEYWORD-DO" in html
    assert "98765.4321 ± 0.5" in html
    assert "0.33 of 1 mark)" in html and "✓ 1 of 1 mark)" in html  # one mark, not "marks"


def test_a_pre_test_shows_the_score_without_passed_or_not_passed(signed_in, attempt, quiz):
    """A pre-test has no pass mark to fail: 4.33 of 7 (under its 50% field) is a score."""
    finish(signed_in, attempt)
    review = signed_in.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "4.33 / 7" in review and "(61.9%)" in review
    assert "not passed" not in review and "passed" not in review.split("<h2")[0]
    assert "it has no pass mark" in review
    detail = signed_in.get(reverse("assessments:detail", args=[quiz.pk])).content.decode()
    assert "not passed" not in detail and "Your score" in detail and "61.9%" in detail
    assert "50%" not in detail  # no pass mark shown for a pre-test


def test_a_post_test_still_says_passed_or_not_passed(signed_in, attempt, quiz):
    Assessment.objects.filter(pk=quiz.pk).update(kind="post_test", pass_mark=70)
    finish(signed_in, attempt)
    review = signed_in.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "not passed" in review
    detail = signed_in.get(reverse("assessments:detail", args=[quiz.pk])).content.decode()
    assert "not passed" in detail and "70%" in detail


def test_the_question_says_one_mark_and_fractions_in_the_plural(signed_in, attempt):
    Question.objects.filter(type="single").update(marks="1")
    Question.objects.filter(type="multiple").update(marks="1.5")
    html = signed_in.get(url(attempt)).content.decode()
    assert "(1 mark)" in html and "(1.50 marks)" in html and "(1 marks)" not in html


def test_review_with_the_never_policy_shows_the_score_but_no_keys(signed_in, attempt, quiz):
    quiz.review_policy = ReviewPolicy.NEVER
    quiz.save()
    finish(signed_in, attempt)
    html = signed_in.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "4.33 / 7" in html and "not shown for this assessment." in html
    for question in Question.objects.all():
        for marker in key_markers(question):
            assert marker not in html, (question.type, marker)
    assert "Correct answer" not in html


def test_review_after_close_says_when(signed_in, attempt, quiz):
    quiz.review_policy = ReviewPolicy.AFTER_CLOSE
    quiz.closes_at = timezone.now() + datetime.timedelta(days=3)
    quiz.save()
    finish(signed_in, attempt)
    html = signed_in.get(reverse("assessments:review", args=[attempt.pk])).content.decode()
    assert "not shown for this assessment yet" in html and "shown after it closes on" in html
    assert "EXPLANATION-SINGLE" not in html


# -- queries ----------------------------------------------------------------------------


@pytest.fixture
def long_attempt(quiz, learner):
    """Forty questions on one page (ten of each option type)."""
    bank = QuestionBank.objects.get()
    big = Assessment.objects.create(
        title="Long", course=quiz.course, kind="practice", questions_per_page=40
    )
    specs = [spec for spec in SPECS if spec[0] != "true_false"][:4]
    for n in range(40):
        kind, options, key = specs[n % 4]
        question = Question.objects.create(
            bank=bank, type=kind, stem=f"<p>Q{n}</p>", options=options, key=key
        )
        AssessmentQuestion.objects.create(assessment=big, question=question, sort_order=n)
    return services.start_attempt(assessment=big, user=learner)


MAX_QUERIES_GET = 5  # session, user, attempt, questions, roles (base template)
MAX_QUERIES_POST = 8  # the same but the roles, + locked re-read, update, savepoint x2


def test_attempt_page_queries_are_bounded_whatever_the_number_of_questions(
    signed_in, attempt, long_attempt, django_assert_max_num_queries
):
    for each in (attempt, long_attempt):
        with django_assert_max_num_queries(MAX_QUERIES_GET):
            assert signed_in.get(url(each, 1)).status_code == 200
        shown = form_data(signed_in.get(url(each, 1)).content.decode())
        for name in list(shown):
            if name.endswith("-present"):
                shown[name.removesuffix("-present")] = ["a"]
        with django_assert_max_num_queries(MAX_QUERIES_POST):
            response = signed_in.post(url(each, 1), {**shown, "autosave": "1"})
        assert response.status_code == 200
        with django_assert_max_num_queries(MAX_QUERIES_POST):
            assert signed_in.post(url(each, 1), {**shown, "go": "1"}).status_code == 302
    long_attempt.refresh_from_db()
    assert len(long_attempt.answers) == 10, "the ten multiple-choice answers were saved"
