"""The HOD's bulk upload of nominations (CSV/XLSX): preview, confirmation, refusals of
bad files and rows, one transaction."""

import re

import pytest
from django.urls import reverse

from lms.core.models import AuditEntry
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_views import (
    csv_upload,
    fingerprint,
    messages_of,
    nominate,
    staff,
    text,
    xlsx_upload,
)

S = NominationState
pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"nominations:{name}", args=args)


# ------------------------------------------------------------------ bulk upload (view)
def test_upload_all_valid_rows_then_import(
    client, hod, department, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme()
    people = staff(department, 2)
    client.force_login(hod)
    address = url("upload", programme.pk)
    assert client.get(address).status_code == 200
    page = client.post(
        address, {"file": csv_upload("employee_code,note\nREV000,desk\nREV001,\n")}
    ).content.decode()
    assert "2 valid rows, 0 with errors" in page and "Import 2 nominations" in page
    assert "Import only" not in page and not Nomination.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            address, {"import": "all", "fingerprint": fingerprint(page)}, follow=True
        )
    assert response.redirect_chain[-1][0] == url("department")
    assert "2 nominations imported." in messages_of(response)
    assert dict(Nomination.objects.values_list("officer_id", "note")) == {
        people[0].pk: "desk",
        people[1].pk: "",
    }
    assert len(mailoutbox) == 4
    # the checked rows are gone from the session: a replayed confirmation does nothing
    response = client.post(address, {"import": "all", "fingerprint": fingerprint(page)})
    assert "Upload the file again" in " ".join(messages_of(response))
    assert Nomination.objects.count() == 2


def test_upload_xlsx(client, hod, department):
    programme = open_programme()
    people = staff(department, 2)
    client.force_login(hod)
    address = url("upload", programme.pk)
    workbook = xlsx_upload([["employee_code", "note"], ["REV000", "from excel"], ["REV001", None]])
    page = client.post(address, {"file": workbook}).content.decode()
    assert "2 valid rows, 0 with errors" in page
    client.post(address, {"import": "all", "fingerprint": fingerprint(page)})
    assert set(Nomination.objects.values_list("officer_id", flat=True)) == {o.pk for o in people}
    assert Nomination.objects.get(officer=people[0]).note == "from excel"


def test_upload_with_bad_rows_imports_nothing_until_confirmed_then_only_good_rows(
    client, hod, department, other_department
):
    programme = open_programme(levels=["cutting_edge"])
    staff(department, 2)
    taken = staff(department, 1, prefix="NOM")[0]
    nominate(programme, [taken], hod=hod)
    staff(department, 1, prefix="TOP", level="top")
    staff(other_department, 1, prefix="HLT")
    client.force_login(hod)
    address = url("upload", programme.pk)
    csv_text = (
        "employee_code,note\n"
        "REV000,first\n"
        "NOPE,unknown\n"
        "HLT000,other department\n"
        "TOP000,wrong level\n"
        "NOM000,already\n"
        "REV000,duplicate\n"
        "REV001,second\n"
        "=1+1,formula\n"
    )
    response = client.post(address, {"file": csv_upload(csv_text)})
    page = response.content.decode()
    assert "2 valid rows, 6 with errors" in page
    for message in (
        "No officer has this employee code.",
        "The officer is not in your department.",
        "The officer is not at a level this programme is for.",
        "Already nominated to this programme.",
        "This employee code is already in the file.",
    ):
        assert message in text(response)
    assert "Import only the 2 valid rows" in page and "Import 2 nominations" not in page
    # the errors: announced in a summary whose links go to the rows, each tied to its row
    summary = re.search(
        r'<div class="error-summary" id="row-errors" role="alert" tabindex="-1">(.*?)</div>',
        page,
        re.S,
    ).group(1)
    assert "2 valid rows, 6 with errors." in summary
    assert '<a href="#row-3">Row 3 (NOPE): No officer has this employee code.</a>' in summary
    assert summary.count('<a href="#row-') == 6 and 'href="#row-2"' not in summary
    assert '<th scope="row" id="row-3" tabindex="-1" aria-describedby="row-3-error">' in page
    assert '<span class="field-error" id="row-3-error">No officer has this employee code.' in page
    assert '<th scope="row" id="row-2">' in page  # a good row: nothing to point at
    token = fingerprint(page)
    # "import all" is not enough while rows have errors
    response = client.post(address, {"import": "all", "fingerprint": token})
    assert response.status_code == 200
    assert "Some rows have errors" in " ".join(messages_of(response))
    assert Nomination.objects.count() == 1
    # a submit of the upload form without a file is a new (empty) upload, not an import
    response = client.post(address, {})
    assert "This field is required" in response.content.decode()
    assert Nomination.objects.count() == 1
    response = client.post(address, {"import": "valid", "fingerprint": token})
    assert "Upload the file again" in " ".join(messages_of(response))
    # upload again and confirm the valid rows only
    page = client.post(address, {"file": csv_upload(csv_text)}).content.decode()
    response = client.post(address, {"import": "valid", "fingerprint": fingerprint(page)})
    assert response.status_code == 302
    assert {
        n.officer.employee_code: n.note
        for n in Nomination.objects.select_related("officer").exclude(officer=taken)
    } == {"REV000": "first", "REV001": "second"}


def test_confirmation_is_refused_when_the_rows_changed_since_the_preview(client, hod, department):
    programme = open_programme()
    people = staff(department, 3)
    client.force_login(hod)
    address = url("upload", programme.pk)
    page = client.post(
        address, {"file": csv_upload("employee_code\nREV000\nREV001\nNOPE\n")}
    ).content.decode()
    assert "Import only the 2 valid rows" in page
    nominate(programme, [people[1]], hod=hod)  # meanwhile, one officer gets nominated
    response = client.post(address, {"import": "valid", "fingerprint": fingerprint(page)})
    assert "The rows changed since you checked the file" in " ".join(messages_of(response))
    assert list(Nomination.objects.values_list("officer_id", flat=True)) == [people[1].pk]
    page = response.content.decode()
    assert (
        "1 valid row, 2 with errors" in page
        and "1 valid rows" not in page
        and "Already nominated" in page
    )
    client.post(address, {"import": "valid", "fingerprint": fingerprint(page)})
    assert set(Nomination.objects.values_list("officer_id", flat=True)) == {
        people[0].pk,
        people[1].pk,
    }
    # a forged or missing token imports nothing either
    page = client.post(address, {"file": csv_upload("employee_code\nREV002\n")}).content.decode()
    for forged in ({"import": "all"}, {"import": "all", "fingerprint": "0" * 16}):
        client.post(address, forged)
    assert not Nomination.objects.filter(officer=people[2]).exists()


def test_a_new_upload_replaces_the_previous_preview(client, hod, department):
    programme = open_programme()
    staff(department, 1)
    client.force_login(hod)
    address = url("upload", programme.pk)
    page = client.post(address, {"file": csv_upload("employee_code\nREV000\n")}).content.decode()
    token = fingerprint(page)
    bad = client.post(address, {"file": csv_upload("code\nREV000\n")}).content.decode()
    assert "employee_code column" in bad and "Preview" not in bad
    client.post(address, {"import": "all", "fingerprint": token})
    assert not Nomination.objects.exists()
    # and opening the page afresh forgets the preview too
    page = client.post(address, {"file": csv_upload("employee_code\nREV000\n")}).content.decode()
    client.get(address)
    client.post(address, {"import": "all", "fingerprint": fingerprint(page)})
    assert not Nomination.objects.exists()


def test_a_file_with_no_valid_row_offers_no_import(client, hod):
    programme = open_programme()
    client.force_login(hod)
    address = url("upload", programme.pk)
    page = client.post(address, {"file": csv_upload("employee_code\nNOPE\n")}).content.decode()
    assert "0 valid rows, 1 with errors" in page and 'name="import"' not in page
    assert "No row can be imported" in page
    response = client.post(address, {"import": "valid", "fingerprint": "x"})
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_the_import_is_one_transaction(client, hod, department, monkeypatch):
    programme = open_programme()
    people = staff(department, 3)
    client.force_login(hod)
    address = url("upload", programme.pk)
    page = client.post(
        address, {"file": csv_upload("employee_code\nREV000\nREV001\nREV002\n")}
    ).content.decode()
    real = services.nominate

    def refuse_the_second(*, programme, officer, actor, note=""):
        if officer == people[1]:
            raise services.NominationError("The register is closed for this officer.")
        return real(programme=programme, officer=officer, actor=actor, note=note)

    monkeypatch.setattr(services, "nominate", refuse_the_second)
    response = client.post(address, {"import": "all", "fingerprint": fingerprint(page)})
    assert "Nothing was imported" in " ".join(messages_of(response))
    assert "The register is closed" in " ".join(messages_of(response))
    assert not Nomination.objects.exists() and not AuditEntry.objects.exists()
    monkeypatch.setattr(services, "nominate", real)
    client.post(address, {"import": "all", "fingerprint": fingerprint(page)})
    assert Nomination.objects.count() == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.txt", b"employee_code\nREV000\n", "Upload a .csv or .xlsx file"),
        ("list.xls", b"employee_code\nREV000\n", "Upload a .csv or .xlsx file"),
        ("list.xlsx", b"employee_code\nREV000\n", "not a valid Excel"),
        ("list.csv", b"PK\x03\x04rest of a zip", "not a CSV text file"),
        ("list.csv", b"", "empty"),
        ("list.csv", b"code,note\nREV000,\n", "employee_code column"),
        ("list.csv", b"employee_code\n", "header but no rows"),
        ("list.csv", b"employee_code\n" + b"REV000\n" * 501, "At most 500 rows"),
        ("list.csv", b"a" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
    ],
    ids=[
        "txt",
        "xls",
        "csv-as-xlsx",
        "zip-as-csv",
        "empty",
        "no-header",
        "no-rows",
        "too-many-rows",
        "too-large",
    ],
)
def test_bad_files_are_refused_with_a_message(client, hod, department, name, content, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    programme = open_programme()
    staff(department, 1)
    client.force_login(hod)
    address = url("upload", programme.pk)
    page = client.post(address, {"file": SimpleUploadedFile(name, content)}).content.decode()
    assert message in page and "Preview" not in page
    client.post(address, {"import": "all"})
    client.post(address, {"import": "valid"})
    assert not Nomination.objects.exists()


def test_formula_text_in_a_file_is_shown_as_text(client, hod, department):
    programme = open_programme()
    staff(department, 1)
    client.force_login(hod)
    address = url("upload", programme.pk)
    page = client.post(
        address,
        {
            "file": csv_upload(
                'employee_code,note\nREV000,"=HYPERLINK(""http://x"",""<b>y</b>"")"\n'
            )
        },
    ).content.decode()
    assert "&lt;b&gt;y&lt;/b&gt;" in page and "<b>y</b>" not in page
    client.post(address, {"import": "all", "fingerprint": fingerprint(page)})
    assert Nomination.objects.get().note == '=HYPERLINK("http://x","<b>y</b>")'
