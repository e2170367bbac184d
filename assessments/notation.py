"""The answer notation: a question's answer written as plain text (options one per line,
the key as letters, pairs as "left = right", ...) and the ``options`` and ``key`` JSON that
``assessments.grading`` expects, both ways. The question form (``forms.QuestionForm``) and
the question import (``question_import``) write questions with it.

Option ids are kept stable when a question is edited (attempts store answers by id): the
ids appear as the labels "a) ..." on the form, and matching items keep the id of the item
with the same text (or, for an edited text, of the item in the same place)."""

import itertools
import re
import string
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .enums import QuestionType
from .grading import normalise_text

MAX_OPTIONS = 26
MAX_OPTION_TEXT = 500
MAX_ACCEPTED_ANSWER = 200  # the trainee's answer box takes 200 characters
LABEL = re.compile(r"^\(?([A-Za-z0-9][A-Za-z0-9_-]{0,19})\)\s*(.*)$")

# The text fields of the form, by the question type they write the key of.
ANSWER_FIELDS = {
    QuestionType.SINGLE: ("options_text", "correct"),
    QuestionType.MULTIPLE: ("options_text", "correct"),
    QuestionType.ORDERING: ("options_text",),
    QuestionType.TRUE_FALSE: ("true_false",),
    QuestionType.SHORT_TEXT: ("accepted_answers",),
    QuestionType.NUMERIC: ("numeric_value", "numeric_tolerance"),
    QuestionType.MATCHING: ("pairs",),
}


def _letters():
    """a, b, ..., z, aa, ab, ..."""
    for size in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=size):
            yield "".join(letters)


def _fresh(generator, used: set):
    for candidate in generator:
        if candidate not in used:
            used.add(candidate)
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover - the generators are infinite


def _lines(text) -> list[str]:
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def _error(field: str, message) -> ValidationError:
    return ValidationError({field: [message]})


def _describe_ids(ids: list[str]) -> str:
    """ "a–d" for the first letters in order, else "a, b, x"."""
    letters = list(itertools.islice(_letters(), len(ids)))
    if len(ids) > 2 and ids == letters:
        return f"{ids[0]}–{ids[-1]}"
    return ", ".join(ids)


def _reuse_ids(texts: list[str], previous: list[dict], fresh, used: set) -> list[str]:
    """Ids for ``texts``: the id of the previous item with the same text, else of a
    previous item left over in the same order (an edited text), else a new one."""
    unused = [o for o in previous if isinstance(o, dict) and o.get("id") not in (None, "")]
    ids: list[str | None] = [None] * len(texts)
    for n, text in enumerate(texts):
        same = next((o for o in unused if o.get("text") == text), None)
        if same is not None and str(same["id"]) not in used:
            ids[n] = str(same["id"])
            used.add(ids[n])
            unused.remove(same)
    for n in range(len(texts)):
        if ids[n] is None:
            while unused and str(unused[0]["id"]) in used:
                unused.pop(0)
            if unused:
                ids[n] = str(unused.pop(0)["id"])
                used.add(ids[n])
            else:
                ids[n] = _fresh(fresh, used)
    return ids  # type: ignore[return-value]


def parse_options(text, *, field="options_text", ordering=False, previous=()) -> list[dict]:
    """Options from lines, either every one labelled ("a) text", "(b) text") or none (ids
    a, b, c... in line order; for an ordering question the ids follow the alphabetical
    order of the texts instead, so that they do not give the answer away)."""
    lines = _lines(text)
    if len(lines) < 2:
        raise _error(field, _("Give at least two options, one per line."))
    if len(lines) > MAX_OPTIONS:
        raise _error(field, _("Give at most %(n)d options.") % {"n": MAX_OPTIONS})
    matches = [LABEL.match(line) for line in lines]
    if any(matches):
        unlabelled = [n for n, match in enumerate(matches, start=1) if not match]
        if unlabelled:
            raise _error(
                field,
                _(
                    "Line %(n)d has no letter. Start every option with its letter, like "
                    "“a) …”, or none of them (letters are then given in order)."
                )
                % {"n": unlabelled[0]},
            )
        items = [(match.group(1), match.group(2).strip()) for match in matches]
        seen = set()
        for oid, option_text in items:
            if oid in seen:
                raise _error(field, _("Two options are labelled “%(id)s”.") % {"id": oid})
            seen.add(oid)
            if not option_text:
                raise _error(field, _("Option “%(id)s” has no text.") % {"id": oid})
    elif ordering:
        order = sorted(range(len(lines)), key=lambda n: (lines[n].casefold(), n))
        previous_items = [o for o in previous if isinstance(o, dict) and "side" not in o]
        sorted_ids = _reuse_ids([lines[n] for n in order], previous_items, _letters(), set())
        ids = dict(zip(order, sorted_ids, strict=True))
        items = [(ids[n], line) for n, line in enumerate(lines)]
    else:
        items = list(zip(_letters(), lines, strict=False))
    texts = set()
    for _oid, option_text in items:
        if len(option_text) > MAX_OPTION_TEXT:
            raise _error(
                field,
                _("An option is longer than %(n)d characters.") % {"n": MAX_OPTION_TEXT},
            )
        if option_text.casefold() in texts:
            raise _error(field, _("Two options read the same: “%(text)s”.") % {"text": option_text})
        texts.add(option_text.casefold())
    return [{"id": oid, "text": option_text} for oid, option_text in items]


def parse_correct(text, options: list[dict], *, multiple: bool, field="correct") -> list[str]:
    """The option ids named by letters such as "b" or "a, c" (case does not matter)."""
    tokens = [t.strip("().").strip() for t in re.split(r"[\s,;]+", str(text or "").strip())]
    tokens = [t for t in tokens if t]
    if not tokens:
        raise _error(
            field,
            _("Name the right options by their letters, e.g. a, c.")
            if multiple
            else _("Name the right option by its letter, e.g. b."),
        )
    ids = [o["id"] for o in options]
    folded: dict[str, list[str]] = {}
    for oid in ids:
        folded.setdefault(oid.casefold(), []).append(oid)
    chosen, unknown = [], []
    for token in tokens:
        if token in ids:
            oid = token
        elif len(folded.get(token.casefold(), [])) == 1:
            oid = folded[token.casefold()][0]
        else:
            unknown.append(token)
            continue
        if oid not in chosen:
            chosen.append(oid)
    if unknown:
        names = ", ".join(f"“{t}”" for t in unknown)
        raise _error(
            field,
            ngettext(
                "The key names option %(names)s but only %(ids)s exist.",
                "The key names options %(names)s but only %(ids)s exist.",
                len(unknown),
            )
            % {"names": names, "ids": _describe_ids(ids)},
        )
    if not multiple and len(chosen) > 1:
        raise _error(
            field, _("A single-choice question has one right option: name only one letter.")
        )
    return chosen


def parse_number(text, *, field: str, required: bool):
    """A number as typed ("1,00,000", "3.5", "-2"): an int when whole, else a float."""
    raw = re.sub(r"[\s,_\u00a0\u2009]", "", str(text or ""))
    if not raw:
        if required:
            raise _error(field, _("Give the right value (a number)."))
        return 0
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise _error(field, _("Enter a number, e.g. 21 or 3.5."))
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


def parse_pairs(text, *, previous=(), field="pairs") -> tuple[list[dict], dict]:
    """Matching items from "left = right" lines ("= right" adds a right item that matches
    nothing). Several left items may share a right item. Right items are stored (and
    labelled) in alphabetical order, never in the order of the pairs."""
    pairs: list[tuple[str, str]] = []
    extra: list[str] = []
    for n, line in enumerate(_lines(text), start=1):
        if "=" not in line:
            raise _error(
                field, _("Line %(n)d has no “=”: write each pair as “left = right”.") % {"n": n}
            )
        left, right = (part.strip() for part in line.split("=", 1))
        if not right:
            raise _error(field, _("Line %(n)d has nothing after “=”.") % {"n": n})
        if len(left) > MAX_OPTION_TEXT or len(right) > MAX_OPTION_TEXT:
            raise _error(
                field,
                _("An item is longer than %(n)d characters.") % {"n": MAX_OPTION_TEXT},
            )
        if left:
            pairs.append((left, right))
        else:
            extra.append(right)
    if len(pairs) < 2:
        raise _error(field, _("Give at least two pairs, one per line as “left = right”."))
    if len(pairs) + len(extra) > 2 * MAX_OPTIONS:
        raise _error(field, _("Give at most %(n)d pairs.") % {"n": MAX_OPTIONS})
    lefts = set()
    for left, _right in pairs:
        if left.casefold() in lefts:
            raise _error(field, _("“%(text)s” is on the left twice.") % {"text": left})
        lefts.add(left.casefold())
    rights: dict[str, str] = {}  # folded -> first spelling
    for right in [r for _l, r in pairs] + extra:
        rights.setdefault(right.casefold(), right)
    right_texts = sorted(rights.values(), key=str.casefold)

    previous = [o for o in previous if isinstance(o, dict)]
    used: set[str] = set()
    left_ids = _reuse_ids(
        [left for left, _r in pairs],
        [o for o in previous if o.get("side") == "left"],
        (str(n) for n in itertools.count(1)),
        used,
    )
    right_ids = _reuse_ids(
        right_texts, [o for o in previous if o.get("side") != "left"], _letters(), used
    )
    right_by_text = {text.casefold(): oid for text, oid in zip(right_texts, right_ids, strict=True)}
    options = [
        {"id": oid, "text": left, "side": "left"}
        for oid, (left, _r) in zip(left_ids, pairs, strict=True)
    ] + [
        {"id": oid, "text": text, "side": "right"}
        for oid, text in zip(right_ids, right_texts, strict=True)
    ]
    key = {
        oid: right_by_text[right.casefold()]
        for oid, (_l, right) in zip(left_ids, pairs, strict=True)
    }
    return options, key


def build_answer(kind: str, data: dict, *, previous=()) -> tuple[list, object]:
    """(options, key) for a question of ``kind`` from the form's text fields in ``data``.
    Raises a ValidationError keyed by the text field at fault."""
    previous = list(previous or [])
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        options = parse_options(data.get("options_text"))
        chosen = parse_correct(data.get("correct"), options, multiple=kind == QuestionType.MULTIPLE)
        return options, chosen if kind == QuestionType.MULTIPLE else chosen[0]
    if kind == QuestionType.ORDERING:
        options = parse_options(data.get("options_text"), ordering=True, previous=previous)
        key = [o["id"] for o in options]
        return sorted(options, key=lambda o: (o["text"].casefold(), o["id"])), key
    if kind == QuestionType.TRUE_FALSE:
        value = str(data.get("true_false") or "").strip().casefold()
        if value not in {"true", "false"}:
            raise _error("true_false", _("Choose whether the statement is true or false."))
        return [], value == "true"
    if kind == QuestionType.SHORT_TEXT:
        accepted, seen = [], set()
        for answer in _lines(data.get("accepted_answers")):
            if len(answer) > MAX_ACCEPTED_ANSWER:
                raise _error(
                    "accepted_answers",
                    _("An accepted answer is longer than %(n)d characters.")
                    % {"n": MAX_ACCEPTED_ANSWER},
                )
            if normalise_text(answer) not in seen:
                seen.add(normalise_text(answer))
                accepted.append(answer)
        if not accepted:
            raise _error("accepted_answers", _("Give at least one accepted answer, one per line."))
        return [], accepted
    if kind == QuestionType.NUMERIC:
        value = parse_number(data.get("numeric_value"), field="numeric_value", required=True)
        tolerance = parse_number(
            data.get("numeric_tolerance"), field="numeric_tolerance", required=False
        )
        if tolerance < 0:
            raise _error("numeric_tolerance", _("The tolerance cannot be negative."))
        return [], {"value": value, "tolerance": tolerance}
    if kind == QuestionType.MATCHING:
        return parse_pairs(data.get("pairs"), previous=previous)
    raise _error("type", _("Choose a question type."))


def _number_text(value) -> str:
    return "" if value is None else str(value)


def answer_text(kind: str, options, key) -> dict:
    """The form's text fields for a saved question (the inverse of ``build_answer``)."""
    options = [o for o in (options or []) if isinstance(o, dict)]

    def labelled(items):
        return "\n".join(f"{o.get('id')}) {o.get('text', '')}" for o in items)

    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        chosen = key if isinstance(key, list) else [key] if key not in (None, "") else []
        return {"options_text": labelled(options), "correct": ", ".join(map(str, chosen))}
    if kind == QuestionType.ORDERING:
        by_id = {str(o.get("id")): o for o in options}
        order = [str(oid) for oid in key] if isinstance(key, list) else []
        items = [by_id[oid] for oid in order if oid in by_id]
        items += [o for o in options if str(o.get("id")) not in order]
        return {"options_text": labelled(items)}
    if kind == QuestionType.TRUE_FALSE:
        return {"true_false": "true" if key is True else "false" if key is False else ""}
    if kind == QuestionType.SHORT_TEXT:
        return {"accepted_answers": "\n".join(key) if isinstance(key, list) else ""}
    if kind == QuestionType.NUMERIC:
        key = key if isinstance(key, dict) else {}
        return {
            "numeric_value": _number_text(key.get("value")),
            "numeric_tolerance": _number_text(key.get("tolerance", 0)),
        }
    if kind == QuestionType.MATCHING:
        key = key if isinstance(key, dict) else {}
        rights = {str(o.get("id")): o.get("text", "") for o in options if o.get("side") != "left"}
        lines = [
            f"{o.get('text', '')} = {rights.get(str(key.get(str(o.get('id')))), '')}".rstrip()
            for o in options
            if o.get("side") == "left"
        ]
        paired = {str(v) for v in key.values()}
        lines += [f"= {text}" for oid, text in rights.items() if oid not in paired]
        return {"pairs": "\n".join(lines)}
    return {}
