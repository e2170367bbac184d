"""Question authoring in the Wagtail admin without JSON: per type, text fields become the
question's options and key; editing shows the same text again (and keeps option ids, which
saved answers refer to); every kind of bad input gets a clear error on its own field."""

import json
import re

import pytest
from django.urls import reverse

from assessments.forms import QuestionForm, answer_text, build_answer
from assessments.models import Question, QuestionBank
from assessments.wagtail_hooks import QuestionViewSet

pytestmark = pytest.mark.django_db

ANSWER_FIELDS = QuestionForm.answer_fields


def draftail(text: str) -> str:
    """The stem as Wagtail's rich text editor posts it."""
    block = {
        "key": "k1",
        "type": "unstyled",
        "text": text,
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


@pytest.fixture
def bank():
    return QuestionBank.objects.create(name="Sevottam basics")


@pytest.fixture
def form_class():
    """The form the admin really uses (the viewset's edit handler over QuestionForm)."""
    return QuestionViewSet("questions").get_form_class()


def base(bank, **extra):
    return {
        "bank": bank.pk,
        "stem": draftail("Which one?"),
        "difficulty": "medium",
        "language": "en",
        "marks": "1",
        "explanation": "",
        "tags": "",
        **extra,
    }


def posted(form) -> dict:
    """What the browser posts back for an unchanged form (the initial values)."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "stem":
            value = draftail("Which one?")
        elif hasattr(value, "pk"):
            value = value.pk
        data[name] = "" if value is None else value
    return data


# (type, text fields, options, key, the text the edit form shows)
CASES = [
    pytest.param(
        "single",
        {"options_text": "Citizen\nAuto Appeal System\nDesignated Officer", "correct": "B"},
        [
            {"id": "a", "text": "Citizen"},
            {"id": "b", "text": "Auto Appeal System"},
            {"id": "c", "text": "Designated Officer"},
        ],
        "b",
        {
            "options_text": "a) Citizen\nb) Auto Appeal System\nc) Designated Officer",
            "correct": "b",
        },
        id="single-auto-letters",
    ),
    pytest.param(
        "single",
        {"options_text": "  x) Seven days \n\n(y) Thirty days\nz)Sixty days", "correct": "(y)"},
        [
            {"id": "x", "text": "Seven days"},
            {"id": "y", "text": "Thirty days"},
            {"id": "z", "text": "Sixty days"},
        ],
        "y",
        {"options_text": "x) Seven days\ny) Thirty days\nz) Sixty days", "correct": "y"},
        id="single-own-labels",
    ),
    pytest.param(
        "multiple",
        {"options_text": "Receipt\nAcknowledgement\nRejection\nRedress", "correct": "a, b;d d"},
        [
            {"id": "a", "text": "Receipt"},
            {"id": "b", "text": "Acknowledgement"},
            {"id": "c", "text": "Rejection"},
            {"id": "d", "text": "Redress"},
        ],
        ["a", "b", "d"],
        {
            "options_text": "a) Receipt\nb) Acknowledgement\nc) Rejection\nd) Redress",
            "correct": "a, b, d",
        },
        id="multiple",
    ),
    pytest.param(
        "true_false",
        {"true_false": "false"},
        [],
        False,
        {"true_false": "false"},
        id="true-false",
    ),
    pytest.param(
        "short_text",
        {"accepted_answers": "Auto Appeal System\n\nAAS\n  auto  appeal SYSTEM "},
        [],
        ["Auto Appeal System", "AAS"],
        {"accepted_answers": "Auto Appeal System\nAAS"},
        id="short-text-deduplicated",
    ),
    pytest.param(
        "numeric",
        {"numeric_value": "1,00,000", "numeric_tolerance": ""},
        [],
        {"value": 100000, "tolerance": 0},
        {"numeric_value": "100000", "numeric_tolerance": "0"},
        id="numeric-indian-commas",
    ),
    pytest.param(
        "numeric",
        {"numeric_value": "-2.75", "numeric_tolerance": "0.25"},
        [],
        {"value": -2.75, "tolerance": 0.25},
        {"numeric_value": "-2.75", "numeric_tolerance": "0.25"},
        id="numeric-decimal",
    ),
    pytest.param(
        "ordering",
        {"options_text": "Receipt\nAcknowledgement\nRedress\nClosure"},
        # ids follow the alphabetical order of the texts, not the answer
        [
            {"id": "a", "text": "Acknowledgement"},
            {"id": "b", "text": "Closure"},
            {"id": "c", "text": "Receipt"},
            {"id": "d", "text": "Redress"},
        ],
        ["c", "a", "d", "b"],
        {"options_text": "c) Receipt\na) Acknowledgement\nd) Redress\nb) Closure"},
        id="ordering",
    ),
    pytest.param(
        "matching",
        {"pairs": "RTS Act = 2014\nCPGRAMS = 2007\nSevottam model = 2006\n= 1999\n"},
        [
            {"id": "1", "text": "RTS Act", "side": "left"},
            {"id": "2", "text": "CPGRAMS", "side": "left"},
            {"id": "3", "text": "Sevottam model", "side": "left"},
            {"id": "a", "text": "1999", "side": "right"},
            {"id": "b", "text": "2006", "side": "right"},
            {"id": "c", "text": "2007", "side": "right"},
            {"id": "d", "text": "2014", "side": "right"},
        ],
        {"1": "d", "2": "c", "3": "b"},
        {"pairs": "RTS Act = 2014\nCPGRAMS = 2007\nSevottam model = 2006\n= 1999"},
        id="matching-with-a-distractor",
    ),
    pytest.param(
        "matching",
        {"pairs": "Haryana = State\nGurugram = District\nHisar = District"},
        [
            {"id": "1", "text": "Haryana", "side": "left"},
            {"id": "2", "text": "Gurugram", "side": "left"},
            {"id": "3", "text": "Hisar", "side": "left"},
            {"id": "a", "text": "District", "side": "right"},
            {"id": "b", "text": "State", "side": "right"},
        ],
        {"1": "b", "2": "a", "3": "a"},
        {"pairs": "Haryana = State\nGurugram = District\nHisar = District"},
        id="matching-shared-right-item",
    ),
]


@pytest.mark.parametrize(("kind", "fields", "options", "key", "shown"), CASES)
def test_each_type_is_saved_as_json_and_shown_again_as_text(
    form_class, bank, kind, fields, options, key, shown
):
    form = form_class(data=base(bank, type=kind, **fields))
    assert form.is_valid(), form.errors
    question = form.save()
    question.refresh_from_db()
    assert (question.options, question.key) == (options, key)
    question.full_clean()  # the model's own rules agree

    editing = form_class(instance=question)
    assert {name: editing.initial.get(name) for name in shown} == shown

    # Saving the edit form unchanged changes nothing (ids included).
    again = form_class(data=posted(editing), instance=question)
    assert again.is_valid(), again.errors
    again.save()
    question.refresh_from_db()
    assert (question.options, question.key) == (options, key)


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("single", {"options_text": "", "correct": "a"}, "options_text", "at least two options"),
        ("single", {"options_text": "Only one", "correct": "a"}, "options_text", "at least two"),
        (
            "single",
            {"options_text": "a) One\nTwo\nc) Three", "correct": "a"},
            "options_text",
            "Line 2 has no letter",
        ),
        (
            "single",
            {"options_text": "a) One\na) Two", "correct": "a"},
            "options_text",
            "Two options are labelled “a”",
        ),
        (
            "single",
            {"options_text": "a) One\nb)", "correct": "a"},
            "options_text",
            "Option “b” has no text",
        ),
        (
            "single",
            {"options_text": "Same\nsame", "correct": "a"},
            "options_text",
            "Two options read the same: “same”",
        ),
        (
            "single",
            {"options_text": "\n".join(f"Option {n}" for n in range(27)), "correct": "a"},
            "options_text",
            "at most 26 options",
        ),
        (
            "single",
            {"options_text": "x" * 501 + "\nShort", "correct": "a"},
            "options_text",
            "longer than 500 characters",
        ),
        ("single", {"options_text": "A\nB", "correct": " "}, "correct", "by its letter, e.g. b"),
        (
            "single",
            {"options_text": "One\nTwo\nThree\nFour", "correct": "e"},
            "correct",
            "The key names option “e” but only a–d exist.",
        ),
        (
            "single",
            {"options_text": "x) One\ny) Two", "correct": "z"},
            "correct",
            "The key names option “z” but only x, y exist.",
        ),
        ("single", {"options_text": "A\nB\nC", "correct": "a, b"}, "correct", "name only one"),
        (
            "multiple",
            {"options_text": "A\nB\nC", "correct": ""},
            "correct",
            "by their letters, e.g. a, c",
        ),
        (
            "multiple",
            {"options_text": "A\nB\nC", "correct": "a, f, g"},
            "correct",
            "The key names options “f”, “g” but only a–c exist.",
        ),
        ("ordering", {"options_text": "Only step"}, "options_text", "at least two options"),
        (
            "ordering",
            {"options_text": "Step\nstep"},
            "options_text",
            "Two options read the same",
        ),
        ("true_false", {}, "true_false", "true or false"),
        ("true_false", {"true_false": "maybe"}, "true_false", "valid choice"),
        ("short_text", {"accepted_answers": " \n "}, "accepted_answers", "at least one"),
        (
            "short_text",
            {"accepted_answers": "y" * 201},
            "accepted_answers",
            "longer than 200 characters",
        ),
        ("numeric", {"numeric_value": ""}, "numeric_value", "Give the right value"),
        ("numeric", {"numeric_value": "twenty"}, "numeric_value", "Enter a number"),
        ("numeric", {"numeric_value": "NaN"}, "numeric_value", "Enter a number"),
        ("numeric", {"numeric_value": "Infinity"}, "numeric_value", "Enter a number"),
        (
            "numeric",
            {"numeric_value": "21", "numeric_tolerance": "-1"},
            "numeric_tolerance",
            "cannot be negative",
        ),
        (
            "numeric",
            {"numeric_value": "21", "numeric_tolerance": "a bit"},
            "numeric_tolerance",
            "Enter a number",
        ),
        ("matching", {"pairs": ""}, "pairs", "at least two pairs"),
        ("matching", {"pairs": "A = 1\nB 2"}, "pairs", "Line 2 has no “=”"),
        ("matching", {"pairs": "A = 1\nB = "}, "pairs", "Line 2 has nothing after “=”"),
        ("matching", {"pairs": "A = 1\n= 2\n= 3"}, "pairs", "at least two pairs"),
        ("matching", {"pairs": "A = 1\na = 2"}, "pairs", "“a” is on the left twice"),
        ("matching", {"pairs": f"{'L' * 501} = 1\nB = 2"}, "pairs", "longer than 500"),
    ],
)
def test_bad_input_gets_an_error_on_its_own_field(form_class, bank, kind, fields, field, message):
    form = form_class(data=base(bank, type=kind, **fields))
    assert not form.is_valid()
    assert message in " ".join(form.errors.get(field, [])), form.errors
    assert set(form.errors) == {field}, "one clear error, no echo of the model's check"
    assert not Question.objects.exists()


def test_without_a_type_only_the_type_is_asked_for(form_class, bank):
    form = form_class(data=base(bank, type="", options_text="A\nB", correct="a"))
    assert not form.is_valid()
    assert set(form.errors) == {"type"}


def test_the_other_types_fields_are_ignored(form_class, bank):
    form = form_class(
        data=base(
            bank,
            type="true_false",
            true_false="true",
            options_text="not\nused",
            correct="zz",
            pairs="bad",
            numeric_value="bad",
        )
    )
    assert form.is_valid(), form.errors
    question = form.save()
    assert (question.options, question.key) == ([], True)


def test_changing_the_type_of_a_saved_question(form_class, bank):
    form = form_class(data=base(bank, type="single", options_text="A\nB\nC", correct="c"))
    question = form.save() if form.is_valid() else pytest.fail(str(form.errors))
    data = posted(form_class(instance=question))
    data.update(type="multiple", correct="a, c")
    changed = form_class(data=data, instance=question)
    assert changed.is_valid(), changed.errors
    changed.save()
    question.refresh_from_db()
    assert question.type == "multiple" and question.key == ["a", "c"]


def test_editing_keeps_the_ids_that_saved_answers_refer_to(form_class, bank):
    form = form_class(data=base(bank, type="matching", pairs="Delhi = Capital\nHisar = District"))
    assert form.is_valid(), form.errors
    question = form.save()
    before = {o["text"]: o["id"] for o in question.options}

    data = posted(form_class(instance=question))
    # a typo fixed on the left, the pairs reordered, a right-hand item added
    data["pairs"] = "Hisar = District\nNew Delhi = Capital\n= Block"
    edited = form_class(data=data, instance=question)
    assert edited.is_valid(), edited.errors
    edited.save()
    question.refresh_from_db()
    after = {o["text"]: o["id"] for o in question.options}
    assert after["Hisar"] == before["Hisar"] and after["New Delhi"] == before["Delhi"]
    assert after["Capital"] == before["Capital"] and after["District"] == before["District"]
    assert after["Block"] not in before.values()
    assert question.key == {after["Hisar"]: after["District"], after["New Delhi"]: after["Capital"]}


def test_reordering_an_ordering_question_keeps_ids_and_changes_the_key(form_class, bank):
    form = form_class(data=base(bank, type="ordering", options_text="Receipt\nRedress\nClosure"))
    assert form.is_valid(), form.errors
    question = form.save()
    ids = {o["text"]: o["id"] for o in question.options}
    data = posted(form_class(instance=question))
    lines = data["options_text"].splitlines()
    data["options_text"] = "\n".join([lines[1], lines[0], lines[2]])
    edited = form_class(data=data, instance=question)
    assert edited.is_valid(), edited.errors
    edited.save()
    question.refresh_from_db()
    assert {o["text"]: o["id"] for o in question.options} == ids
    assert question.key == [ids["Redress"], ids["Receipt"], ids["Closure"]]


def test_unlabelled_ordering_lines_keep_their_ids_by_text():
    previous = [{"id": "q", "text": "First"}, {"id": "r", "text": "Second"}]
    options, key = build_answer(
        "ordering", {"options_text": "Second\nFirst\nThird"}, previous=previous
    )
    ids = {o["text"]: o["id"] for o in options}
    assert ids["First"] == "q" and ids["Second"] == "r" and ids["Third"] not in {"q", "r"}
    assert key == ["r", "q", ids["Third"]]


def test_legacy_json_questions_open_in_the_form(form_class, bank):
    """Questions written as JSON before this form (own ids, odd shapes) still open."""
    legacy = Question.objects.create(
        bank=bank,
        type="ordering",
        stem="<p>Order</p>",
        options=[{"id": "receipt", "text": "Receipt"}, {"id": "ack", "text": "Ack"}],
        key=["receipt", "ack"],
    )
    form = form_class(instance=legacy)
    assert form.initial["options_text"] == "receipt) Receipt\nack) Ack"
    saved = form_class(data=posted(form), instance=legacy)
    assert saved.is_valid(), saved.errors
    saved.save()
    legacy.refresh_from_db()
    assert legacy.key == ["receipt", "ack"]
    assert answer_text("numeric", [], "not a dict") == {
        "numeric_value": "",
        "numeric_tolerance": "0",
    }
    assert answer_text("matching", [], None) == {"pairs": ""}


# -- through the admin -----------------------------------------------------------------


def test_a_trainer_authors_and_edits_a_question_in_the_admin(client, trainer, bank):
    client.force_login(trainer)
    add = client.get(reverse("questions:add")).content.decode()
    assert 'name="options_text"' in add and 'name="pairs"' in add
    assert 'name="options"' not in add and 'name="key"' not in add, "no JSON fields"
    assert 'data-controller="w-rules"' in add and "data-w-rules-target" in add

    response = client.post(
        reverse("questions:add"),
        base(bank, type="single", options_text="Citizen\nAAS\nDO", correct="b"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert question.key == "b" and question.options[1] == {"id": "b", "text": "AAS"}

    edit = client.get(reverse("questions:edit", args=[question.pk])).content.decode()
    assert "a) Citizen\nb) AAS\nc) DO</textarea>" in edit

    bad = client.post(
        reverse("questions:edit", args=[question.pk]),
        base(bank, type="single", options_text="Citizen\nAAS\nDO", correct="e"),
    )
    assert bad.status_code == 200
    assert "The key names option “e” but only a–c exist." in bad.content.decode()
    question.refresh_from_db()
    assert question.key == "b"


def test_trainees_cannot_open_the_question_form(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("questions:add")).status_code == 302


# -- import from a file -----------------------------------------------------------------

IMPORT_URL = "/admin/assessments/import-questions/"
HEADER = "type,question,options,answer,explanation,difficulty,language,tags,marks\n"
GOOD_CSV = (
    HEADER
    + 'single,"Who hears the first appeal?","Citizen\nAppellate authority",b,Rule 5,easy,en,rts,1\n'
    + 'Multiple choice,Which are steps?,a) Receipt | b) Delay | c) Redress,"a, c",,,,,2\n'
    + "true_false,Sevottam means excellence.,,yes,,hard,hi,,0.5\n"
    + "matching,Match the years.,RTS Act = 2014 | CPGRAMS = 2007 | = 1999,,,,,,\n"
    + "ordering,Order the steps.,Receipt | Acknowledge | Redress,,,,,,\n"
    + "short text,Name the portal.,,CPGRAMS | Centralised Public Grievance Redress,,,,,\n"
    + "numeric,How many days?,,30 ± 2,,,,,\n"
)


def upload(name: str, content: bytes | str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def xlsx(rows) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def importer(client, trainer):
    client.force_login(trainer)
    return client


def check(client, bank, name, content):
    return client.post(IMPORT_URL, {"bank": bank.pk, "file": upload(name, content)})


def test_a_csv_of_every_type_is_previewed_then_imported(importer, bank):
    from lms.core.models import AuditEntry

    preview = check(importer, bank, "questions.csv", GOOD_CSV)
    html = preview.content.decode()
    assert preview.status_code == 200 and "Questions ready: 7. Rows with errors: 0." in html
    assert not Question.objects.exists(), "the preview writes nothing"
    stamp = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html).group(1)

    done = importer.post(IMPORT_URL, {"import": "1", "fingerprint": stamp})
    assert done.status_code == 302 and done["Location"].endswith(f"?bank={bank.pk}")
    saved = {q.type: q for q in Question.objects.filter(bank=bank)}
    assert len(saved) == 7
    single = saved["single"]
    assert single.stem == "<p>Who hears the first appeal?</p>" and single.key == "b"
    assert single.options == [
        {"id": "a", "text": "Citizen"},
        {"id": "b", "text": "Appellate authority"},
    ]
    assert (single.explanation, single.difficulty, single.tags) == ("Rule 5", "easy", "rts")
    assert saved["multiple"].key == ["a", "c"] and saved["multiple"].marks == 2
    assert saved["true_false"].key is True and saved["true_false"].language == "hi"
    assert saved["matching"].key == {"1": "c", "2": "b"}
    assert [o["text"] for o in saved["ordering"].options] == ["Acknowledge", "Receipt", "Redress"]
    assert saved["ordering"].key == ["b", "a", "c"]
    assert saved["short_text"].key == ["CPGRAMS", "Centralised Public Grievance Redress"]
    assert saved["numeric"].key == {"value": 30, "tolerance": 2}
    for question in saved.values():
        question.full_clean()
    entry = AuditEntry.objects.get(action="questions.imported")
    assert entry.data == {"count": 7} and entry.object_id == str(bank.pk)

    again = importer.post(IMPORT_URL, {"import": "1", "fingerprint": stamp})
    assert again.status_code == 302 and Question.objects.count() == 7, "not twice"


def test_an_xlsx_file_is_read_without_running_formulas(importer, bank):
    content = xlsx(
        [
            ["Type", "Question", "Options", "Answer"],
            ["true_false", '=HYPERLINK("http://evil.example","click")', None, "false"],
            ["numeric", "Days to redress?", None, 30],
            ["single", "=1+1", "A | B", "a"],
        ]
    )
    preview = check(importer, bank, "questions.xlsx", content).content.decode()
    # openpyxl stores a text starting with "=" as a formula: with data_only and nothing
    # calculated, its value is empty, never the result of running it
    assert "Questions ready: 1. Rows with errors: 2." in preview
    assert preview.count("question: The question is missing.") == 2
    assert "evil.example" not in preview
    stamp = re.search(r'name="fingerprint"', preview)
    assert stamp is None, "no import button while a row is wrong"


def test_a_formula_like_text_in_a_csv_stays_text_and_is_escaped_on_export(importer, bank):
    content = HEADER + 'true_false,=cmd|"/c calc"!A1,,true,,,,=HYPERLINK(),\n'
    html = check(importer, bank, "questions.csv", content).content.decode()
    stamp = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html).group(1)
    importer.post(IMPORT_URL, {"import": "1", "fingerprint": stamp})
    question = Question.objects.get()
    assert question.stem == "<p>=cmd|&quot;/c calc&quot;!A1</p>" and question.tags == "=HYPERLINK()"
    export = importer.get(reverse("questions:index") + "?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "'=HYPERLINK()" in body and ",=HYPERLINK()" not in body


@pytest.mark.parametrize(
    ("row", "errors"),
    [
        ("quiz,Q?,,,,,,,", ["type: Give one of single, multiple"]),
        (",Q?,,,,,,,", ["type: The type is missing."]),
        ("single,,A | B,a,,,,,", ["question: The question is missing."]),
        (
            "single,Q?,A | B | C | D,e,,,,,",
            ["answer: The key names option “e” but only a–d exist."],
        ),
        ("single,Q?,Only one,a,,,,,", ["options: Give at least two options"]),
        ("true_false,Q?,,perhaps,,,,,", ["answer: Choose whether the statement is true or false."]),
        ("numeric,Q?,,thirty,,,,,", ["answer: Enter a number"]),
        ("numeric,Q?,,30 ± -1,,,,,", ["answer: The tolerance cannot be negative."]),
        ("ordering,Q?,A | B,b,,,,,", ["answer: Leave the answer empty"]),
        ("matching,Q?,A = 1 | B = 2,x,,,,,", ["answer: Leave the answer empty"]),
        ("matching,Q?,A - 1 | B = 2,,,,,,", ["options: Line 1 has no “=”"]),
        ("short_text,Q?,,,,,,,", ["answer: Give at least one accepted answer"]),
        (
            "single,Q?,A | B,a,,tricky,klingon,,0",
            [
                "difficulty: Give easy, medium or hard.",
                "language: Give en (English) or hi (Hindi).",
                "marks: Give a number above 0",
            ],
        ),
        ("single,Q?,A | B,a,,,,,lots", ["marks: Give a number above 0"]),
    ],
)
def test_each_bad_row_is_explained_by_column(importer, bank, row, errors):
    html = check(importer, bank, "q.csv", HEADER + row + "\n").content.decode()
    assert "Questions ready: 0. Rows with errors: 1." in html
    for error in errors:
        assert error in html, error
    assert 'name="import"' not in html


def test_duplicates_in_the_file_and_in_the_bank_are_refused(importer, bank):
    Question.objects.create(bank=bank, type="true_false", stem="<p>Already here.</p>", key=True)
    content = (
        HEADER
        + "true_false,Already here.,,true,,,,,\n"
        + "true_false,Twice.,,true,,,,,\n"
        + "true_false,Twice.,,false,,,,,\n"
    )
    html = check(importer, bank, "q.csv", content).content.decode()
    assert "This question is already in the bank." in html
    assert "The same question is in row 3." in html
    assert "Questions ready: 1. Rows with errors: 2." in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("q.txt", "type,question\n", "Upload a .csv or .xlsx file."),
        ("q.csv", "", "The submitted file is empty."),
        ("q.csv", "\n \n", "The file is empty."),
        ("q.csv", b"\xff\xfe\x00t\x00y", "not a CSV text file"),
        ("q.csv", "type;question\nsingle;caf\xe9\n".encode("latin-1"), "not UTF-8"),
        (
            "q.csv",
            "question,answer\nQ,a\n",
            "first row must name the columns; type is missing",
        ),
        ("q.csv", "type,question\n", "a header but no questions"),
        ("q.csv", "type,question\n" + "true_false,Q\n" * 501, "At most 500 questions"),
        ("q.csv", "x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
        ("q.xlsx", "type,question\n", "not a valid Excel"),
        ("q.xlsx", b"PK\x03\x04 not really a zip", "not a valid Excel"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(importer, bank, name, content, message):
    response = check(importer, bank, name, content)
    html = response.content.decode()
    assert response.status_code == 200 and message in html, html[-3000:]
    assert "Questions ready" not in html


def test_a_confirmation_without_its_preview_imports_nothing(importer, bank):
    response = importer.post(IMPORT_URL, {"import": "1", "fingerprint": "forged"}, follow=True)
    assert "The preview has expired" in response.content.decode()
    check(importer, bank, "q.csv", GOOD_CSV)
    forged = importer.post(IMPORT_URL, {"import": "1", "fingerprint": "0" * 16}, follow=True)
    assert "The preview has expired" in forged.content.decode()
    assert not Question.objects.exists()


def test_rows_are_checked_again_on_import(importer, bank):
    html = check(importer, bank, "q.csv", HEADER + "true_false,Late twin.,,true,,,,,\n")
    stamp = re.search(r'name="fingerprint" value="([0-9a-f]+)"', html.content.decode()).group(1)
    Question.objects.create(bank=bank, type="true_false", stem="<p>Late twin.</p>", key=False)
    done = importer.post(IMPORT_URL, {"import": "1", "fingerprint": stamp}, follow=True)
    assert "Nothing was imported. Row 2: question: This question is already in the bank." in (
        done.content.decode()
    )
    assert Question.objects.count() == 1


def test_the_question_list_offers_the_import_to_authors_only(client, trainer, trainee, bank):
    client.force_login(trainer)
    assert IMPORT_URL in client.get(reverse("questions:index")).content.decode()
    client.force_login(trainee)
    assert client.get(IMPORT_URL).status_code == 302  # no admin access at all
    assert client.post(IMPORT_URL, {"bank": bank.pk}).status_code == 302


def test_preview_queries_do_not_grow_with_the_rows(importer, bank, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rows(n):
        return HEADER + "".join(f"true_false,Statement {i}.,,true,,,,,\n" for i in range(n))

    with CaptureQueriesContext(connection) as few:
        check(importer, bank, "q.csv", rows(2))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = check(importer, bank, "q.csv", rows(200))
    assert "Questions ready: 200." in response.content.decode()
