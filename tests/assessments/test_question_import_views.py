"""Importing questions from a CSV or XLSX file in the Wagtail admin: preview, then
import; formulas never run; each bad row explained by column; duplicates and unusable files
refused; fixed query counts."""

import re

import pytest
from django.urls import reverse

from assessments.models import Question, QuestionBank

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    return QuestionBank.objects.create(name="Sevottam basics")


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
