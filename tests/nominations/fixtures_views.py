"""Helpers for the HOD, officer and bulk-upload page tests (plain functions, so that they
do not clash with the fixtures in tests/nominations/conftest.py)."""

import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from tests.factories import make_user

S = NominationState


def staff(department, n=1, *, prefix="REV", start=0, **fields) -> list:
    """``n`` active trainees of ``department`` named ``Clerk<i>`` with employee codes
    ``<prefix><i:03d>``, at a level the default test programme targets."""
    fields.setdefault("level", "cutting_edge")
    return [
        make_user(
            Role.TRAINEE,
            department=department,
            first_name=f"Clerk{i}",
            last_name=prefix.title(),
            employee_code=f"{prefix}{i:03d}",
            **fields,
        )
        for i in range(start, start + n)
    ]


def nominate(programme, people, *, hod, state=None) -> list:
    """Nominate ``people`` through the service, then (optionally) put each straight into
    ``state`` in the database."""
    items = [services.nominate(programme=programme, officer=o, actor=hod) for o in people]
    if state:
        from nominations.models import Nomination

        Nomination.objects.filter(pk__in=[i.pk for i in items]).update(state=state)
        for item in items:
            item.refresh_from_db()
    return items


def csv_upload(text: str, name: str = "list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_bytes(rows, *, as_text=()) -> bytes:
    """A workbook with ``rows`` on its first sheet. Cells whose value is in ``as_text`` are
    stored as text cells even when they begin with "=" (as Excel does for '=...)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value in as_text:
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, name: str = "list.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, **kwargs))


def fingerprint(page: str) -> str:
    """The preview's confirmation token."""
    match = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page)
    assert match, "the preview has no import form"
    return match.group(1)


def text(response) -> str:
    """The page's visible text: tags stripped, entities decoded, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def messages_of(response) -> list[str]:
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request)]


def checked_ids(page: str) -> set[int]:
    """Officer ids whose checkbox is ticked in the nominate form."""
    return {
        int(pk)
        for pk in re.findall(
            r'<input type="checkbox" name="officers" value="(\d+)"[^>]*checked', page
        )
    }


def listed_ids(page: str) -> set[int]:
    """Officer ids offered as checkboxes (ticked or not) in the nominate form."""
    return {int(pk) for pk in re.findall(r'name="officers" value="(\d+)"', page)}


def queries(client, url) -> int:
    """How many queries a GET of ``url`` takes (after a warm-up request)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)
