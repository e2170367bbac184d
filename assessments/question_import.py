"""Questions imported into a bank from a CSV or XLSX file: read, check (the preview), import.

One row per question, a header row naming the columns (any order, any case):

    type        single | multiple | true_false | matching | ordering | short_text | numeric
                (or the names the admin shows: "Single choice", "True / false", ...)
    question    the question text (each line a paragraph)
    options     one option per line (Alt+Enter in a spreadsheet) or separated by " | ";
                "a) text" labels as in the form; ordering: in the right order;
                matching: the pairs, "left = right"
    answer      single/multiple: the letters (b; a, c) · true_false: true/false (yes/no) ·
                short_text: accepted answers, one per line or " | " · numeric: 21 or
                "21 ± 0.5" (also +/-) · ordering and matching: empty
    explanation, difficulty (easy/medium/hard), language (en/hi), tags, marks (default 1)

Rows are checked with the question form's own conversion (``notation.build_answer``), so a
file and the form accept and refuse the same things, with the same messages.

Formulas are never evaluated: a CSV cell is text, so "=HYPERLINK(...)" stays those
characters; an XLSX file is opened with ``read_only=True, data_only=True``, which reads
the value the spreadsheet stored and never computes a formula. (The admin's CSV export of
questions escapes cells that a spreadsheet would run: see ``wagtail_hooks``.)

Nothing is written until the trainer confirms the preview; the import is one transaction,
all rows or none, and checks every row again."""

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _

from lms.core.enums import Language
from lms.core.errors import DomainError
from lms.core.spreadsheets import SpreadsheetError, read_table

from .enums import Difficulty, QuestionType
from .models import Question, QuestionBank
from .notation import build_answer

MAX_ROWS = 500
MAX_COLUMNS = 30
MAX_QUESTION = 4000
MAX_EXPLANATION = 4000
COLUMNS = (
    "type",
    "question",
    "options",
    "answer",
    "explanation",
    "difficulty",
    "language",
    "tags",
    "marks",
)
REQUIRED = ("type", "question")
# Which column a form field's complaint is about.
COLUMN_OF_FIELD = {
    "options_text": "options",
    "pairs": "options",
    "correct": "answer",
    "true_false": "answer",
    "accepted_answers": "answer",
    "numeric_value": "answer",
    "numeric_tolerance": "answer",
}
TRUE_WORDS = {"true", "t", "yes", "y", "1", "सत्य", "सही"}
FALSE_WORDS = {"false", "f", "no", "n", "0", "असत्य", "गलत"}
TOLERANCE = re.compile(r"\s*(?:±|\+/-|\+-)\s*")


class ImportFileError(DomainError):
    """The file as a whole cannot be used (type, content, size, header, row count)."""


@dataclass
class CheckedRow:
    number: int  # the row number in the file, header = 1
    cells: dict  # column -> text
    errors: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # Question fields when ok

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------ reading
WORDING = {
    "too_many_rows": _("At most %(n)d questions per file."),
    "header_only": _("The file has a header but no questions."),
}


def read_rows(upload) -> list[dict]:
    """The file's data rows as ``{"number": n, "cells": {column: text}}`` (JSON-safe, kept
    in the session between the preview and the import)."""
    try:
        table = read_table(upload, required=REQUIRED, max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
    except SpreadsheetError as error:
        raise ImportFileError(error.message_for(WORDING)) from error
    return [
        {
            "number": number,
            "cells": {name: table.value(cells, name) for name in COLUMNS if name in table.header},
        }
        for number, cells in table.rows
    ]


def fingerprint(rows: list[dict]) -> str:
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()[:16]


# ------------------------------------------------------------------ checking
def _choice(value: str, choices, default: str) -> str | None:
    """A choice by its code or its label (any case); the default when empty; None when
    unknown."""
    if not value:
        return default
    wanted = " ".join(value.casefold().replace("_", " ").replace("-", " ").split())
    for code, label in choices:
        label = " ".join(str(label).casefold().split())
        # "Multiple choice (partial credit)" is also "multiple choice"
        names = {str(code).casefold().replace("_", " "), label, re.sub(r"\s*\(.*?\)", "", label)}
        if wanted in names or wanted.replace(" ", "") in {n.replace(" ", "") for n in names}:
            return code
    return None


def _items(cell: str) -> str:
    """Lines of a cell: its own lines, or " | "-separated parts of a one-line cell."""
    if "\n" not in cell and "|" in cell:
        return "\n".join(part.strip() for part in cell.split("|"))
    return cell


def _answer_data(kind: str, options: str, answer: str) -> dict:
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return {"options_text": _items(options), "correct": answer}
    if kind == QuestionType.ORDERING:
        if answer:
            raise ValidationError(
                {"answer": [_("Leave the answer empty: list the options in the right order.")]}
            )
        return {"options_text": _items(options)}
    if kind == QuestionType.MATCHING:
        if answer:
            raise ValidationError(
                {"answer": [_("Leave the answer empty: write the pairs as options.")]}
            )
        return {"pairs": _items(options)}
    if kind == QuestionType.TRUE_FALSE:
        word = answer.casefold()
        return {
            "true_false": "true" if word in TRUE_WORDS else "false" if word in FALSE_WORDS else ""
        }
    if kind == QuestionType.SHORT_TEXT:
        return {"accepted_answers": _items(answer)}
    parts = TOLERANCE.split(answer, maxsplit=1)
    return {"numeric_value": parts[0], "numeric_tolerance": parts[1] if len(parts) > 1 else ""}


def _stem(text: str) -> str:
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def check_rows(*, bank: QuestionBank, rows: list[dict]) -> list[CheckedRow]:
    """Check every row (one query for the bank's questions, whatever the number of rows):
    the values of a Question, or what is wrong, column by column."""
    existing = {
        (kind, stem)
        for kind, stem in Question.objects.filter(bank=bank).values_list("type", "stem")
    }
    seen: dict[tuple, int] = {}
    checked = []
    for raw in rows:
        cells = {name: str(raw["cells"].get(name, "") or "") for name in COLUMNS}
        row = CheckedRow(number=int(raw["number"]), cells=cells)
        checked.append(row)

        def complain(column, message, row=row):
            row.errors.append(f"{column}: {message}")

        kind = _choice(cells["type"], QuestionType.choices, "")
        if not kind:
            complain(
                "type",
                _("Give one of %(types)s.") % {"types": ", ".join(QuestionType.values)}
                if cells["type"]
                else _("The type is missing."),
            )
        question = cells["question"]
        if not question:
            complain("question", _("The question is missing."))
        elif len(question) > MAX_QUESTION:
            complain("question", _("Keep it under %(n)d characters.") % {"n": MAX_QUESTION})
        if len(cells["explanation"]) > MAX_EXPLANATION:
            complain("explanation", _("Keep it under %(n)d characters.") % {"n": MAX_EXPLANATION})
        difficulty = _choice(cells["difficulty"], Difficulty.choices, Difficulty.MEDIUM)
        if difficulty is None:
            complain("difficulty", _("Give easy, medium or hard."))
        language = _choice(cells["language"], Language.choices, Language.ENGLISH)
        if language is None:
            complain("language", _("Give en (English) or hi (Hindi)."))
        if len(cells["tags"]) > 200:
            complain("tags", _("Keep the tags under 200 characters."))
        marks = Decimal("1")
        if cells["marks"]:
            try:
                marks = Decimal(cells["marks"].replace(",", "."))
            except InvalidOperation:
                marks = None
            if marks is None or not marks.is_finite() or not 0 < marks < 1000:
                complain("marks", _("Give a number above 0 and below 1000, e.g. 1 or 0.5."))
                marks = None
            else:
                marks = marks.quantize(Decimal("0.01"))
        options, key = [], None
        if kind:
            try:
                options, key = build_answer(
                    kind, _answer_data(kind, cells["options"], cells["answer"])
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        complain(COLUMN_OF_FIELD.get(name, name), message)
        stem = _stem(question)
        if kind and stem:
            if (kind, stem) in existing:
                complain("question", _("This question is already in the bank."))
            elif (kind, stem) in seen:
                complain(
                    "question",
                    _("The same question is in row %(n)d.") % {"n": seen[(kind, stem)]},
                )
            seen.setdefault((kind, stem), row.number)
        if row.ok:
            row.values = {
                "type": kind,
                "stem": stem,
                "options": options,
                "key": key,
                "explanation": cells["explanation"],
                "difficulty": difficulty,
                "language": language,
                "tags": cells["tags"],
                "marks": marks,
            }
    return checked
