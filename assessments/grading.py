"""Grading: one pure function per question type, no database, no randomness.

Every grader takes the question's answer key and the trainee's response and returns the
fraction of the marks earned, a float in [0, 1]; ``grade`` scales it to the question's
marks. Options, items and pairs are referred to by stable ids, never by position, so
shuffling what the trainee sees cannot change a grade. A response of the wrong shape
(tampered or empty) earns 0, never an error.

Partial credit for multiple choice (stated to trainees): with k correct options, each
correct option ticked earns 1/k, each wrong option ticked takes 1/k away, and the result
is never below zero. Matching and ordering earn the share of pairs matched, or of items in
their right place. Short text is compared after case folding and collapsing spaces against
every accepted answer. Numeric answers are right within the stated tolerance."""

import math
import unicodedata
from collections.abc import Callable

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
MATCHING = "matching"
ORDERING = "ordering"
SHORT_TEXT = "short_text"
NUMERIC = "numeric"


def _single(key, response) -> float:
    return 1.0 if isinstance(response, str) and response == key else 0.0


def _multiple(key, response) -> float:
    correct = set(key)
    if not correct or not isinstance(response, list | tuple | set):
        return 0.0
    chosen = {r for r in response if isinstance(r, str)}
    right = len(chosen & correct)
    wrong = len(chosen - correct)
    return max(0.0, (right - wrong) / len(correct))


def _true_false(key, response) -> float:
    return 1.0 if isinstance(response, bool) and response is bool(key) else 0.0


def _matching(key, response) -> float:
    if not key or not isinstance(response, dict):
        return 0.0
    return sum(1 for left, right in key.items() if response.get(left) == right) / len(key)


def _ordering(key, response) -> float:
    if not key or not isinstance(response, list | tuple) or len(response) != len(key):
        return 0.0
    return sum(1 for expected, given in zip(key, response, strict=True) if expected == given) / len(
        key
    )


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.casefold().split())


def _short_text(key, response) -> float:
    if not isinstance(response, str) or not response.strip():
        return 0.0
    accepted = {normalise_text(answer) for answer in key}
    return 1.0 if normalise_text(response) in accepted else 0.0


def _numeric(key, response) -> float:
    try:
        value = float(str(response).replace(",", "").strip())
    except (TypeError, ValueError):
        return 0.0
    if not math.isfinite(value):
        return 0.0
    return 1.0 if abs(value - float(key["value"])) <= float(key.get("tolerance", 0)) + 1e-9 else 0.0


GRADERS: dict[str, Callable] = {
    SINGLE: _single,
    MULTIPLE: _multiple,
    TRUE_FALSE: _true_false,
    MATCHING: _matching,
    ORDERING: _ordering,
    SHORT_TEXT: _short_text,
    NUMERIC: _numeric,
}


def fraction(question_type: str, key, response) -> float:
    """The share of the marks earned, in [0, 1]."""
    if response is None:
        return 0.0
    return min(1.0, max(0.0, GRADERS[question_type](key, response)))


def grade(question_type: str, key, response, marks: float = 1.0) -> float:
    """Marks earned (not rounded here: rounding could lift a score above the marks)."""
    return fraction(question_type, key, response) * marks


def final_grade(scores: list[float], method: str) -> float | None:
    """Combine attempt scores: "highest", "last" or "average" (None without attempts)."""
    if not scores:
        return None
    if method == "highest":
        return max(scores)
    if method == "last":
        return scores[-1]
    if method == "average":
        return round(sum(scores) / len(scores), 4)
    raise ValueError(f"Unknown grading method: {method}")
