"""Assessment analytics: pure functions over plain data (no database, no randomness).

The selector ``assessments.selectors.assessment_analytics`` fetches the attempts and the
questions and hands them here as ``AttemptData`` and ``QuestionData``.

Figures, for the attempts given (by default each officer's first submitted attempt):

* score distribution in 10 % bands: [0, 10), [10, 20), ... [80, 90), [90, 100] (100 % falls
  in the last band);
* mean, median and pass rate (percent >= the pass mark, the rule ``submit_attempt`` uses);
* per question, over the attempts that were shown it (random draws mean not everyone
  sees every question):

  - **facility index**: the mean score on the question divided by its marks, i.e. the mean
    share of the marks earned, 0..1 (partial credit counts as the share earned);
  - **discrimination index** by the **upper-lower group method** (Kelley's 27 %), not the
    point-biserial: attempts are ranked by their overall percent, the top 27 % and the
    bottom 27 % (``round(0.27 * n)``, at least one each) form the upper and lower groups,
    and D = (mean share of the marks earned on the question in the upper group) - (the same
    in the lower group), from -1 to 1. Ties at a group boundary are broken by the order the
    attempts were given in (the selector gives them by officer, so it is stable). Fewer than
    two attempts, or a group in which nobody was shown the question, give None;
  - **option frequencies** for single choice, multiple choice and true/false: how many
    attempts chose each option (an attempt may choose several options of a multiple-choice
    question), with the key marked, and how many left it unanswered.

Per-question scores are not stored on ``Attempt``; ``score_attempt`` recomputes them from
the answers and the current keys with ``assessments.grading`` (the same graders the
submission used, so they agree unless a key was edited after the attempt)."""

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import grading

BAND_WIDTH = 10
GROUP_SHARE = 0.27
LOW_FACILITY = 0.2
HIGH_FACILITY = 0.95
LOW_DISCRIMINATION = 0.2

TOO_HARD = "too_hard"
TOO_EASY = "too_easy"
LOW_DISCRIMINATING = "low_discrimination"
FLAG_LABELS = {
    TOO_HARD: _("Very hard (facility below 0.2)"),
    TOO_EASY: _("Very easy (facility above 0.95)"),
    LOW_DISCRIMINATING: _("Discriminates poorly (index below 0.2)"),
}
CHOICE_TYPES = (grading.SINGLE, grading.MULTIPLE, grading.TRUE_FALSE)


@dataclass(frozen=True)
class QuestionData:
    id: int
    type: str
    key: object
    options: list = field(default_factory=list)  # [{"id": "a", "text": "..."}]
    marks: float = 1.0
    text: str = ""
    type_label: str = ""


@dataclass(frozen=True)
class AttemptData:
    percent: float
    scores: dict  # question id -> share of the marks earned, 0..1 (questions shown only)
    answers: dict = field(default_factory=dict)  # question id -> response


@dataclass(frozen=True)
class Band:
    lower: int
    upper: int  # inclusive for the last band only
    count: int
    share: float  # of all attempts, 0..1

    @property
    def label(self) -> str:
        return f"{self.lower}–{self.upper}%"


@dataclass(frozen=True)
class Summary:
    attempts: int
    mean: float | None
    median: float | None
    passed: int
    pass_rate: float | None  # 0..1


@dataclass(frozen=True)
class OptionCount:
    id: str
    text: str
    count: int
    is_key: bool


@dataclass(frozen=True)
class ItemStats:
    question: QuestionData
    attempts: int  # shown the question
    facility: float | None
    discrimination: float | None
    options: list  # [OptionCount] for choice questions, else []
    unanswered: int
    flags: list  # codes from FLAG_LABELS

    @property
    def flag_labels(self) -> list:
        return [FLAG_LABELS[code] for code in self.flags]


@dataclass(frozen=True)
class Report:
    summary: Summary
    distribution: list  # [Band]
    items: list  # [ItemStats]


def score_attempt(questions: dict, question_ids: Iterable, answers: dict) -> dict:
    """{question id: share of the marks earned} for the questions an attempt was shown.
    ``questions`` maps id -> QuestionData; ``answers`` is the attempt's stored answers
    (keys are strings); a question since deleted is left out."""
    scores = {}
    for pk in question_ids:
        question = questions.get(pk)
        if question is None:
            continue
        scores[pk] = grading.fraction(question.type, question.key, answers.get(str(pk)))
    return scores


def band_index(percent: float) -> int:
    return min(max(int(percent // BAND_WIDTH), 0), 100 // BAND_WIDTH - 1)


def score_distribution(percents: Sequence[float]) -> list[Band]:
    counts = [0] * (100 // BAND_WIDTH)
    for percent in percents:
        counts[band_index(float(percent))] += 1
    total = len(percents)
    last = len(counts) - 1
    return [
        Band(
            lower=i * BAND_WIDTH,
            upper=100 if i == last else (i + 1) * BAND_WIDTH,
            count=count,
            share=count / total if total else 0.0,
        )
        for i, count in enumerate(counts)
    ]


def summarise(percents: Sequence[float], pass_mark: float) -> Summary:
    values = [float(p) for p in percents]
    if not values:
        return Summary(attempts=0, mean=None, median=None, passed=0, pass_rate=None)
    passed = sum(1 for p in values if p >= pass_mark)
    return Summary(
        attempts=len(values),
        mean=statistics.fmean(values),
        median=statistics.median(values),
        passed=passed,
        pass_rate=passed / len(values),
    )


def facility_index(shares: Sequence[float]) -> float | None:
    """Mean share of the marks earned (mean score / maximum)."""
    return statistics.fmean(shares) if shares else None


def groups(attempts: Sequence[AttemptData]) -> tuple[list, list]:
    """The upper and lower 27 % of ``attempts`` by percent (see the module docstring)."""
    if len(attempts) < 2:
        return [], []
    size = max(1, round(GROUP_SHARE * len(attempts)))
    ranked = sorted(range(len(attempts)), key=lambda i: (-float(attempts[i].percent), i))
    upper = [attempts[i] for i in ranked[:size]]
    lower = [attempts[i] for i in ranked[-size:]]
    return upper, lower


def discrimination_index(question_id, upper, lower) -> float | None:
    high = [a.scores[question_id] for a in upper if question_id in a.scores]
    low = [a.scores[question_id] for a in lower if question_id in a.scores]
    if not high or not low:
        return None
    return statistics.fmean(high) - statistics.fmean(low)


def _unanswered(response) -> bool:
    return response is None or response == "" or response == [] or response == {}


def option_frequencies(question: QuestionData, responses: Sequence) -> list[OptionCount]:
    """How often each option was chosen in ``responses`` (one per attempt shown it)."""
    if question.type == grading.TRUE_FALSE:
        options = [("true", str(_("True")), True), ("false", str(_("False")), False)]
        counts = {"true": 0, "false": 0}
        for response in responses:
            if isinstance(response, bool):
                counts["true" if response else "false"] += 1
        return [
            OptionCount(id=oid, text=text, count=counts[oid], is_key=value is bool(question.key))
            for oid, text, value in options
        ]
    options = [o for o in question.options if isinstance(o, dict)]
    ids = [str(o.get("id")) for o in options]
    counts = dict.fromkeys(ids, 0)
    for response in responses:
        chosen = response if question.type == grading.MULTIPLE else [response]
        if not isinstance(chosen, list | tuple):
            continue
        for oid in {c for c in chosen if isinstance(c, str)}:
            if oid in counts:
                counts[oid] += 1
    key = set(question.key) if question.type == grading.MULTIPLE else {question.key}
    return [
        OptionCount(id=oid, text=str(o.get("text", "")), count=counts[oid], is_key=oid in key)
        for oid, o in zip(ids, options, strict=True)
    ]


def flags_for(facility: float | None, discrimination: float | None) -> list[str]:
    flags = []
    if facility is not None and facility < LOW_FACILITY:
        flags.append(TOO_HARD)
    if facility is not None and facility > HIGH_FACILITY:
        flags.append(TOO_EASY)
    if discrimination is not None and discrimination < LOW_DISCRIMINATION:
        flags.append(LOW_DISCRIMINATING)
    return flags


def item_analysis(
    questions: Sequence[QuestionData], attempts: Sequence[AttemptData]
) -> list[ItemStats]:
    upper, lower = groups(attempts)
    items = []
    for question in questions:
        shown = [a for a in attempts if question.id in a.scores]
        facility = facility_index([a.scores[question.id] for a in shown])
        discrimination = discrimination_index(question.id, upper, lower)
        responses = [a.answers.get(str(question.id)) for a in shown]
        items.append(
            ItemStats(
                question=question,
                attempts=len(shown),
                facility=facility,
                discrimination=discrimination,
                options=option_frequencies(question, responses)
                if question.type in CHOICE_TYPES
                else [],
                unanswered=sum(1 for r in responses if _unanswered(r)),
                flags=flags_for(facility, discrimination),
            )
        )
    return items


def analyse(
    questions: Sequence[QuestionData], attempts: Sequence[AttemptData], pass_mark: float
) -> Report:
    percents = [float(a.percent) for a in attempts]
    return Report(
        summary=summarise(percents, pass_mark),
        distribution=score_distribution(percents),
        items=item_analysis(questions, attempts),
    )
