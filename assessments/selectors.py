"""Reads for the trainee's assessment pages. Questions are shown without their keys."""

from dataclasses import dataclass

from .models import Attempt, Question


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
