"""Reading a trainee's responses from a posted page, per question type."""

from .enums import QuestionType


def parse_responses(post, shown) -> dict:
    """{question id: response} for the questions on the posted page. Only fields that were
    on the page are read; anything else in the POST is ignored."""
    responses = {}
    for item in shown:
        question, name = item.question, item.field
        kind = question.type
        if kind == QuestionType.MULTIPLE:
            if f"{name}-present" in post:
                responses[str(question.pk)] = post.getlist(name)
        elif kind == QuestionType.TRUE_FALSE:
            if name in post:
                responses[str(question.pk)] = post[name] == "true"
        elif kind == QuestionType.MATCHING:
            pairs = {left["id"]: post.get(f"{name}-{left['id']}", "") for left in item.left}
            if any(pairs.values()):
                responses[str(question.pk)] = {k: v for k, v in pairs.items() if v}
        elif kind == QuestionType.ORDERING:
            order = [post.get(f"{name}-{n}", "") for n in range(len(item.options))]
            if any(order):
                responses[str(question.pk)] = order
        elif name in post:
            responses[str(question.pk)] = post[name][:500]
    return responses
