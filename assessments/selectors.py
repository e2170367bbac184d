"""Reads for the trainee's assessment pages (questions are shown without their keys), the
anonymous reaction-survey results, assessment analytics and pre/post learning gain."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Case, Count, DecimalField, F, OuterRef, Q, Subquery, When

from courses.models import Enrolment, Programme
from nominations.enums import NominationState
from nominations.models import Nomination

from . import analytics
from .enums import AssessmentKind, AttemptStatus, GradingMethod
from .models import Assessment, AssessmentQuestion, Attempt, FeedbackResponse, Question, plain_text
from .services import feedback_items


@dataclass
class ShownQuestion:
    number: int
    question: Question
    options: list  # [{"id", "text"}] in this attempt's order (no key)
    left: list  # matching: left items
    answer: object  # the saved response

    @property
    def field(self) -> str:
        return f"q{self.question.pk}"


def attempt_questions(attempt: Attempt) -> list[ShownQuestion]:
    """All questions of the attempt in its order (one query)."""
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    shown = []
    for number, pk in enumerate(attempt.question_ids, start=1):
        question = questions.get(pk)
        if question is None:
            continue
        by_id = {str(o.get("id")): o for o in question.options if isinstance(o, dict)}
        order = attempt.option_orders.get(str(pk), list(by_id))
        options = [
            {"id": oid, "text": by_id[oid].get("text", "")}
            for oid in order
            if oid in by_id and by_id[oid].get("side") != "left"
        ]
        left = [
            {"id": str(o.get("id")), "text": o.get("text", "")}
            for o in question.options
            if isinstance(o, dict) and o.get("side") == "left"
        ]
        shown.append(ShownQuestion(number, question, options, left, attempt.answers.get(str(pk))))
    return shown


def unanswered(shown: list[ShownQuestion]) -> list[ShownQuestion]:
    return [item for item in shown if item.answer in (None, "", [], {})]


# ------------------------------------------------------------------ feedback survey
# Fewer responses than this and the comments (and the spread of ratings) are not shown, so
# that nobody can be picked out from what they wrote.
MIN_RESPONSES_FOR_DETAIL = 3
FEEDBACK_ITEMS = ("content", "trainer", "relevance", "venue", "overall")


@dataclass
class ItemSummary:
    item: str
    label: str
    mean: float | None  # over those who rated it, 2 decimals
    answered: int  # how many rated it (venue may be "not applicable")
    counts: list  # how many gave 1, 2, 3, 4, 5


@dataclass
class FeedbackSummary:
    responses: int
    eligible: int  # participants (and any respondent no longer counted as one)
    items: list  # [ItemSummary] for the items the survey asks
    what_worked: list  # comment texts, no names, in a stable shuffled order
    what_to_improve: list

    @property
    def rate(self) -> float | None:
        """Share of participants who answered, 0..1."""
        return self.responses / self.eligible if self.eligible else None

    @property
    def show_detail(self) -> bool:
        return self.responses >= MIN_RESPONSES_FOR_DETAIL


def _feedback_responses(*, programme=None, course=None):
    if programme is not None:
        return FeedbackResponse.objects.filter(programme=programme)
    return FeedbackResponse.objects.filter(course=course, programme__isnull=True)


def _shuffled(texts: list[tuple[int, str]], salt: str) -> list[str]:
    """Texts in an order that looks random and stays the same from one view to the next
    (a keyed hash of the response id, never the id or submission order itself). Each
    column uses its own salt so that one person's two comments do not line up."""
    key = settings.SECRET_KEY.encode()

    def rank(item):
        return hmac.new(key, f"{salt}:{item[0]}".encode(), hashlib.sha256).hexdigest()

    return [text for _pk, text in sorted(texts, key=rank)]


def has_given_feedback(*, user, programme=None, course=None) -> bool:
    """Whether ``user`` has answered the programme's survey (or, without a programme, the
    course-level survey of ``course``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _feedback_responses(programme=programme, course=course).filter(respondent=user).exists()


def course_feedback_counts() -> list[dict]:
    """Courses with course-level (online) survey responses: [{"course_id", "title", "n",
    "mean"}] in one query, by title."""
    return list(
        FeedbackResponse.objects.filter(programme__isnull=True)
        .values("course_id", "course__title")
        .annotate(n=Count("pk"), mean=Avg("overall"))
        .order_by("course__title", "course_id")
    )


def feedback_summary(*, programme=None, course=None) -> FeedbackSummary:
    """Response count and rate, per-item means and spreads (one aggregate query), and the
    free-text comments (only when there are at least ``MIN_RESPONSES_FOR_DETAIL``
    responses). For ``programme``; or, with ``course`` alone, the course-level survey of
    online completers. Nothing here says who answered."""
    responses = _feedback_responses(programme=programme, course=course)
    aggregates = {"n": Count("pk")}
    for item in FEEDBACK_ITEMS:
        aggregates[f"{item}_mean"] = Avg(item)
        aggregates[f"{item}_n"] = Count(item)
        for value in range(1, 6):
            aggregates[f"{item}_{value}"] = Count("pk", filter=Q(**{item: value}))
    figures = responses.aggregate(**aggregates)
    respondents = responses.values("respondent_id")
    if programme is not None:
        eligible = (
            Nomination.objects.filter(programme=programme)
            .filter(
                Q(state__in=(NominationState.ATTENDED, NominationState.CONFIRMED))
                | Q(officer_id__in=respondents)
            )
            .values("officer_id")
            .distinct()
            .count()
        )
    else:
        eligible = (
            Enrolment.objects.filter(course=course)
            .filter(Q(completed_at__isnull=False) | Q(user_id__in=respondents))
            .count()
        )
    asked = feedback_items(programme=programme)
    items = [
        ItemSummary(
            item=item,
            label=str(FeedbackResponse._meta.get_field(item).verbose_name),
            mean=round(figures[f"{item}_mean"], 2) if figures[f"{item}_mean"] is not None else None,
            answered=figures[f"{item}_n"],
            counts=[figures[f"{item}_{value}"] for value in range(1, 6)],
        )
        for item in FEEDBACK_ITEMS
        if item in asked or figures[f"{item}_n"]
    ]
    worked, improve = [], []
    if figures["n"] >= MIN_RESPONSES_FOR_DETAIL:
        for pk, good, better in responses.exclude(what_worked="", what_to_improve="").values_list(
            "pk", "what_worked", "what_to_improve"
        ):
            if good:
                worked.append((pk, good))
            if better:
                improve.append((pk, better))
    return FeedbackSummary(
        responses=figures["n"],
        eligible=max(eligible, figures["n"]),
        items=items,
        what_worked=_shuffled(worked, "worked"),
        what_to_improve=_shuffled(improve, "improve"),
    )


def average_feedback_by_programme(programme_ids) -> dict[int, float]:
    """{programme id: mean "overall" rating (1..5, 2 decimals)} in one query. Programmes
    without any response are left out."""
    rows = (
        FeedbackResponse.objects.filter(programme_id__in=list(programme_ids))
        .values("programme_id")
        .annotate(mean=Avg("overall"))
        .order_by()
    )
    return {row["programme_id"]: round(row["mean"], 2) for row in rows}


def feedback_response_counts(programme_ids) -> dict[int, int]:
    """{programme id: number of responses} in one query (programmes without any left out)."""
    rows = (
        FeedbackResponse.objects.filter(programme_id__in=list(programme_ids))
        .values("programme_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["programme_id"]: row["n"] for row in rows}


# ------------------------------------------------------------------ assessment analytics
def assessment_analytics(assessment, *, first_only: bool = True):
    """``analytics.Report`` over the submitted (or timed-out) attempts of ``assessment``:
    each officer's first one by default, every one with ``first_only=False``. Three
    queries whatever the number of attempts or questions."""
    done = Attempt.objects.filter(assessment=assessment).exclude(status=AttemptStatus.IN_PROGRESS)
    if first_only:
        first = (
            Attempt.objects.filter(
                assessment_id=OuterRef("assessment_id"), user_id=OuterRef("user_id")
            )
            .exclude(status=AttemptStatus.IN_PROGRESS)
            .order_by("number")
            .values("number")[:1]
        )
        done = done.filter(number=Subquery(first))
    rows = list(done.order_by("user_id", "number").values("percent", "question_ids", "answers"))
    fixed = list(
        AssessmentQuestion.objects.filter(assessment=assessment)
        .order_by("sort_order", "pk")
        .values_list("question_id", flat=True)
    )
    seen = {pk for row in rows for pk in row["question_ids"]}
    order = fixed + sorted(seen - set(fixed))
    found = {
        q.pk: analytics.QuestionData(
            id=q.pk,
            type=q.type,
            key=q.key,
            options=[o for o in q.options if isinstance(o, dict) and o.get("side") != "left"],
            marks=float(q.marks),
            text=plain_text(q.stem),  # shown and exported as plain text
            type_label=str(q.get_type_display()),
        )
        for q in Question.objects.filter(pk__in=order)
    }
    questions = [found[pk] for pk in order if pk in found]
    attempts = [
        analytics.AttemptData(
            percent=float(row["percent"] or 0),
            scores=analytics.score_attempt(found, row["question_ids"], row["answers"]),
            answers=row["answers"],
        )
        for row in rows
    ]
    return analytics.analyse(questions, attempts, assessment.pass_mark)


# ------------------------------------------------------------------ learning gain
@dataclass(frozen=True)
class LearningGain:
    """Pre-test and post-test of a programme's participants (officers whose nomination is
    attended or confirmed), over the officers who have both. ``gain`` is Hake's normalised
    gain of the means, (post - pre) / (100 - pre); None when there is nobody to compare or
    the mean pre-test is already 100 %."""

    programme_id: int
    pre_test_id: int | None
    post_test_id: int | None
    n: int = 0
    pre_mean: float | None = None
    post_mean: float | None = None

    @property
    def gain(self) -> float | None:
        if self.n == 0 or self.pre_mean is None or self.post_mean is None:
            return None
        if self.pre_mean >= 100:
            return None
        return (self.post_mean - self.pre_mean) / (100 - self.pre_mean)

    @property
    def has_tests(self) -> bool:
        return bool(self.pre_test_id and self.post_test_id)


def _course_test(kind: str, course_ref: str, column: str = "pk"):
    """A correlated subquery for the course's assessment of ``kind`` (``course_ref`` names
    the outer query's course id): the course-level one (no module) first, then the
    oldest. ``column`` is the value it gives."""
    return Subquery(
        Assessment.objects.filter(course_id=OuterRef(course_ref), kind=kind)
        .order_by(F("module_id").asc(nulls_first=True), "pk")
        .values(column)[:1]
    )


def learning_gain_by_programme(programme_ids) -> dict[int, LearningGain]:
    """{programme id: LearningGain} in two queries, whatever the number of programmes
    or officers. Pre-test: each officer's first submitted attempt. Post-test: the officer's
    grade by the post-test's grading method (highest, last or average of submitted
    attempts), as ``services.result_for`` computes it. Attempts are matched by officer
    and course, so an officer who took two programmes of one course counts their
    attempts in both. A course with several pre-tests or post-tests uses one of each: the
    course-level one (no module) first, then the oldest (``assessments.completion``
    averages every post-test for the completion rule instead; with one post-test the two
    agree)."""
    ids = list(programme_ids)
    tests = {
        row["pk"]: row
        for row in Programme.objects.filter(pk__in=ids)
        .annotate(
            pre_id=_course_test(AssessmentKind.PRE_TEST, "course_id"),
            post_id=_course_test(AssessmentKind.POST_TEST, "course_id"),
        )
        .values("pk", "pre_id", "post_id")
    }

    def attempts(assessment_ref):
        return Attempt.objects.filter(
            assessment_id=OuterRef(assessment_ref), user_id=OuterRef("officer_id")
        ).exclude(status=AttemptStatus.IN_PROGRESS)

    percent = DecimalField(max_digits=5, decimal_places=2)
    rows = (
        Nomination.objects.filter(
            programme_id__in=ids,
            state__in=(NominationState.ATTENDED, NominationState.CONFIRMED),
        )
        .annotate(
            pre_test=_course_test(AssessmentKind.PRE_TEST, "programme__course_id"),
            post_test=_course_test(AssessmentKind.POST_TEST, "programme__course_id"),
            post_method=_course_test(
                AssessmentKind.POST_TEST, "programme__course_id", "grading_method"
            ),
        )
        .annotate(
            pre=Subquery(
                attempts("pre_test").order_by("number").values("percent")[:1],
                output_field=percent,
            ),
            post=Case(
                When(
                    post_method=GradingMethod.HIGHEST,
                    then=Subquery(attempts("post_test").order_by("-percent").values("percent")[:1]),
                ),
                When(
                    post_method=GradingMethod.LAST,
                    then=Subquery(attempts("post_test").order_by("-number").values("percent")[:1]),
                ),
                When(
                    post_method=GradingMethod.AVERAGE,
                    then=Subquery(
                        attempts("post_test")
                        .order_by()
                        .values("user_id")
                        .annotate(mean=Avg("percent"))
                        .values("mean")[:1]
                    ),
                ),
                output_field=percent,
            ),
        )
        .filter(pre__isnull=False, post__isnull=False)
        .values("programme_id")
        .annotate(n=Count("pk"), pre_mean=Avg("pre"), post_mean=Avg("post"))
        .order_by()
    )
    figures = {row["programme_id"]: row for row in rows}
    result = {}
    for pk, test in tests.items():
        row = figures.get(pk)
        result[pk] = LearningGain(
            programme_id=pk,
            pre_test_id=test["pre_id"],
            post_test_id=test["post_id"],
            n=row["n"] if row else 0,
            pre_mean=round(float(row["pre_mean"]), 2) if row else None,
            post_mean=round(float(row["post_mean"]), 2) if row else None,
        )
    return result


def learning_gain(programme) -> LearningGain:
    """The pre/post learning gain of one programme (see ``learning_gain_by_programme``)."""
    return learning_gain_by_programme([programme.pk])[programme.pk]
