"""Question authoring in the Wagtail admin without JSON: per type, text fields become the
question's options and key; editing shows the same text again (and keeps option ids, which
saved answers refer to); every kind of bad input gets a clear error on its own field."""

import json

import pytest
from django.urls import reverse

from assessments.forms import QuestionForm
from assessments.models import Question, QuestionBank
from assessments.notation import answer_text, build_answer
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
