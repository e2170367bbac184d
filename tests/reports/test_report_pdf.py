"""The FY report PDF at size: its queries do not grow with the programmes, and its
programme list (a reportlab table) keeps every programme, with its header on every page."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from nominations.enums import NominationState as S
from tests.factories import build_course, make_user
from tests.reports.helpers import programme, record

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]

MAX_QUERIES = 30  # sessions, user, roles, the yearly table, summary, breakdowns, programme list


@pytest.fixture
def officers(department):
    return [make_user(Role.TRAINEE, department=department) for _ in range(3)]


def add_programmes(count, officers, *, start=0):
    course = build_course(modules=1, lessons_per_module=1)
    for n in range(start, start + count):
        item = programme(
            datetime.date(2024, 5, 1) + datetime.timedelta(days=n),
            course=course,
            title=f"Batch {n:03d}: नागरिक चार्टर",
            code=f"HIPA/2024-25/{n:03d}",
        )
        for officer in officers[: 1 + n % 3]:
            record(item, officer, S.ATTENDED)


def report_pdf(client):
    response = client.get(reverse("reports:index"), {"fy": "2024-25", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response.content


def test_queries_do_not_grow_with_the_programmes(
    client, cell_admin, officers, django_assert_max_num_queries
):
    client.force_login(cell_admin)
    add_programmes(1, officers)
    report_pdf(client)  # the first request of a session does more (last login, session)
    with CaptureQueriesContext(connection) as one, django_assert_max_num_queries(MAX_QUERIES):
        report_pdf(client)
    add_programmes(29, officers, start=1)
    with CaptureQueriesContext(connection) as thirty, django_assert_max_num_queries(MAX_QUERIES):
        report_pdf(client)
    assert len(thirty) == len(one)


def test_every_programme_is_listed_with_the_header_on_each_page(client, cell_admin, officers):
    client.force_login(cell_admin)
    add_programmes(60, officers)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(client))).pages]
    listed = [page for page in pages if "HIPA/2024-25/" in page]
    assert len(listed) >= 2, "60 programmes take more than one page"
    # the header, repeated ("Learning gain" wraps in its narrow column)
    assert all("Dates" in page and "Learning" in page for page in listed)
    codes = re.findall(r"HIPA/2024-25/(\d{3})", "\n".join(pages))
    assert codes == [f"{n:03d}" for n in range(60)]  # each once, by first day
    text = "\n".join(pages)
    assert "30/04/2024 – 01/05/2024" in text  # the first one's dates, on one line
    assert re.search(r"Batch 059", text)
