"""Nomination pages: HOD, officer, cell desk, public calendar; scope and bad input."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeStatus
from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Attendance, Nomination
from programmes import ical
from programmes import services as programme_services
from tests.factories import make_user
from tests.nominations.factories import open_programme

S = NominationState
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(department):
    return [
        make_user(
            Role.TRAINEE,
            department=department,
            level="cutting_edge",
            first_name=f"Clerk{n}",
            employee_code=f"REV{n:03d}",
        )
        for n in range(4)
    ]


def csv_file(text, name="list.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def fingerprint(page: str) -> str:
    """The preview's confirmation token (the import goes ahead only if it still matches)."""
    return re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)


def title_of(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()


# ------------------------------------------------------------------ HOD
HOD_URLS = [
    ("nominations:programmes", False),
    ("nominations:nominate", True),
    ("nominations:upload", True),
    ("nominations:department", False),
]


@pytest.mark.parametrize(("name", "needs_programme"), HOD_URLS)
@pytest.mark.parametrize("fixture", ["trainee", "trainer", "course_director", "cell_admin"])
def test_hod_pages_refuse_other_roles(client, request, name, needs_programme, fixture):
    programme = open_programme()
    client.force_login(request.getfixturevalue(fixture))
    url = reverse(name, args=[programme.pk] if needs_programme else [])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(("name", "needs_programme"), HOD_URLS)
def test_hod_pages_need_login(client, name, needs_programme):
    programme = open_programme()
    response = client.get(reverse(name, args=[programme.pk] if needs_programme else []))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_hod_nominates_selected_officers(
    client, hod, staff, mailoutbox, django_capture_on_commit_callbacks
):
    programme = open_programme()
    client.force_login(hod)
    assert programme.title in client.get(reverse("nominations:programmes")).content.decode()
    page = client.get(reverse("nominations:nominate", args=[programme.pk])).content.decode()
    assert all(o.first_name in page for o in staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("nominations:nominate", args=[programme.pk]),
            {"officers": [staff[0].pk, staff[1].pk], "note": "CM Window desk"},
        )
    assert response["Location"] == reverse("nominations:department")
    assert set(Nomination.objects.values_list("officer_id", flat=True)) == {
        staff[0].pk,
        staff[1].pk,
    }
    assert len(mailoutbox) == 4  # officer + HOD for each


def test_nominate_is_all_or_nothing(client, hod, staff, cell_admin):
    programme = open_programme(levels=["cutting_edge"])
    services.nominate(programme=programme, officer=staff[1], actor=hod)
    client.force_login(hod)
    # staff[1] already has a nomination: nobody is nominated, and the refusal is shown
    page = client.post(
        reverse("nominations:nominate", args=[programme.pk]),
        {"officers": [staff[0].pk, staff[1].pk]},
    ).content.decode()
    assert "already has a nomination" in page
    assert not Nomination.objects.filter(officer=staff[0]).exists()
    response = client.post(
        reverse("nominations:nominate", args=[programme.pk]), {"officers": []}, follow=True
    )
    assert "Select at least one officer" in response.content.decode()


def test_hod_cannot_nominate_other_departments_officers(client, hod, other_department):
    programme = open_programme()
    outsider = make_user(Role.TRAINEE, department=other_department, level="cutting_edge")
    client.force_login(hod)
    client.post(reverse("nominations:nominate", args=[programme.pk]), {"officers": [outsider.pk]})
    assert not Nomination.objects.exists()


def test_closed_or_foreign_quota_programme_is_404_for_the_hod(client, hod, other_department):
    closed = open_programme(status=ProgrammeStatus.CLOSED)
    foreign = open_programme(quotas={other_department: 3})
    client.force_login(hod)
    for programme in (closed, foreign):
        assert client.get(reverse("nominations:nominate", args=[programme.pk])).status_code == 404


def test_department_list_is_scoped_and_exports_csv(client, hod, other_hod, staff, other_department):
    programme = open_programme()
    mine = services.nominate(programme=programme, officer=staff[0], actor=hod)
    theirs = services.nominate(
        programme=programme,
        officer=make_user(department=other_department, level="cutting_edge", first_name="Outsider"),
        actor=other_hod,
    )
    client.force_login(hod)
    page = client.get(reverse("nominations:department")).content.decode()
    assert "Clerk0" in page and "Outsider" not in page
    body = client.get(reverse("nominations:department"), {"format": "csv"})
    text = b"".join(body.streaming_content).decode()
    assert "Clerk0" in text and "Outsider" not in text
    assert client.get(reverse("nominations:withdraw", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("nominations:substitute", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("nominations:withdraw", args=[mine.pk])).status_code == 200


def test_withdraw_needs_confirmation_then_frees_the_seat(client, hod, cell_admin, staff):
    programme = open_programme(capacity=1)
    first, second = (
        services.nominate(programme=programme, officer=o, actor=hod) for o in staff[:2]
    )
    services.decide(nomination=first, decision=S.APPROVED, actor=cell_admin)
    services.decide(nomination=second, decision=S.WAITLISTED, actor=cell_admin)
    client.force_login(hod)
    page = client.get(reverse("nominations:withdraw", args=[first.pk])).content.decode()
    assert "Yes, withdraw" in page
    assert title_of(page) == "Withdraw this nomination? · Sevottam batch"
    assert Nomination.objects.get(pk=first.pk).state == S.APPROVED
    client.post(reverse("nominations:withdraw", args=[first.pk]), {"note": "Transferred"})
    assert Nomination.objects.get(pk=first.pk).state == S.WITHDRAWN
    assert Nomination.objects.get(pk=second.pk).state == S.APPROVED


def test_substitute_page(client, hod, cell_admin, staff):
    programme = open_programme(capacity=1)
    original = services.nominate(programme=programme, officer=staff[0], actor=hod)
    services.decide(nomination=original, decision=S.APPROVED, actor=cell_admin)
    client.force_login(hod)
    page = client.get(reverse("nominations:substitute", args=[original.pk])).content.decode()
    assert title_of(page) == f"Substitute {staff[0]} · Sevottam batch"
    bad = client.post(
        reverse("nominations:substitute", args=[original.pk]), {"replacement": 999999}
    )
    assert bad.status_code == 200 and "field-error" in bad.content.decode()
    client.post(reverse("nominations:substitute", args=[original.pk]), {"replacement": staff[2].pk})
    assert Nomination.objects.get(officer=staff[2]).state == S.APPROVED
    assert Nomination.objects.get(pk=original.pk).state == S.SUBSTITUTED


# ------------------------------------------------------------------ bulk upload
def test_bulk_upload_all_valid(client, hod, staff):
    programme = open_programme()
    client.force_login(hod)
    url = reverse("nominations:upload", args=[programme.pk])
    page = client.post(
        url, {"file": csv_file("employee_code,note\nREV000,desk\nREV001,\n")}
    ).content.decode()
    assert "2 valid rows, 0 with errors" in page and not Nomination.objects.exists()
    client.post(url, {"import": "all", "fingerprint": fingerprint(page)})
    assert Nomination.objects.count() == 2
    assert Nomination.objects.get(officer=staff[0]).note == "desk"


def test_bulk_upload_with_bad_rows_imports_nothing_until_confirmed(
    client, hod, staff, other_department
):
    make_user(department=other_department, employee_code="OUT001", level="cutting_edge")
    programme = open_programme()
    client.force_login(hod)
    url = reverse("nominations:upload", args=[programme.pk])
    rows = "employee_code\nREV000\nNOPE\nOUT001\nREV000\n\nREV002\n"
    page = client.post(url, {"file": csv_file(rows)}).content.decode()
    assert "2 valid rows, 3 with errors" in page
    for message in (
        "No officer has this employee code",
        "not in your department",
        "already in the file",
    ):
        assert message in page
    token = fingerprint(page)
    response = client.post(url, {"import": "all", "fingerprint": token}, follow=True)
    assert "Some rows have errors" in response.content.decode() and not Nomination.objects.exists()
    client.post(url, {"import": "valid", "fingerprint": token})
    assert set(Nomination.objects.values_list("officer__employee_code", flat=True)) == {
        "REV000",
        "REV002",
    }


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("list.txt", b"employee_code\nREV000\n"), "Upload a .csv or .xlsx file"),
        (SimpleUploadedFile("list.xlsx", b"employee_code\nREV000\n"), "not a valid Excel"),
        (SimpleUploadedFile("list.csv", b"code\nREV000\n"), "employee_code column"),
        (SimpleUploadedFile("list.csv", b"employee_code\n"), "no rows"),
        (SimpleUploadedFile("list.csv", b"\xff\xfe\x00b"), "not a CSV"),
        (SimpleUploadedFile("list.csv", b""), "empty"),
        (SimpleUploadedFile("list.csv", b"employee_code\n" + b"X\n" * 501), "At most 500 rows"),
        (SimpleUploadedFile("list.csv", b"a" * (2 * 1024 * 1024 + 1)), "larger than 2 MB"),
    ],
)
def test_bulk_upload_rejects_bad_files(client, hod, upload, message):
    programme = open_programme()
    client.force_login(hod)
    page = client.post(
        reverse("nominations:upload", args=[programme.pk]), {"file": upload}
    ).content.decode()
    assert message in page
    assert not Nomination.objects.exists()


def test_bulk_xlsx_never_evaluates_formulas(client, hod, staff):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["employee_code", "note"])
    sheet.append(["REV000", '=HYPERLINK("http://x")'])
    sheet.append(["REV001", "plain"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    programme = open_programme()
    client.force_login(hod)
    url = reverse("nominations:upload", args=[programme.pk])
    page = client.post(
        url, {"file": SimpleUploadedFile("list.xlsx", buffer.getvalue())}
    ).content.decode()
    assert "2 valid rows" in page
    client.post(url, {"import": "all", "fingerprint": fingerprint(page)})
    # data_only=True: an uncomputed formula has no cached value, so the note is empty
    assert Nomination.objects.get(officer=staff[0]).note in ("", "None")
    assert Nomination.objects.get(officer=staff[1]).note == "plain"


# ------------------------------------------------------------------ officer
def test_officer_confirms_and_declines_only_their_own(client, hod, cell_admin, staff):
    programme = open_programme(capacity=3)
    items = [services.nominate(programme=programme, officer=o, actor=hod) for o in staff[:2]]
    for item in items:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    client.force_login(staff[0])
    page = client.get(reverse("nominations:mine")).content.decode()
    assert programme.title in page and 'value="confirm"' in page
    assert (
        client.post(
            reverse("nominations:respond", args=[items[1].pk]), {"answer": "confirm"}
        ).status_code
        == 404
    )
    client.post(reverse("nominations:respond", args=[items[0].pk]), {"answer": "confirm"})
    assert Nomination.objects.get(pk=items[0].pk).state == S.CONFIRMED
    client.force_login(staff[1])
    page = client.post(
        reverse("nominations:respond", args=[items[1].pk]), {"answer": "decline"}
    ).content.decode()
    assert "Decline this nomination?" in page
    assert title_of(page) == "Decline this nomination? · Sevottam batch"
    assert Nomination.objects.get(pk=items[1].pk).state == S.APPROVED
    client.post(
        reverse("nominations:respond", args=[items[1].pk]), {"answer": "decline", "sure": "yes"}
    )
    assert Nomination.objects.get(pk=items[1].pk).state == S.DECLINED


def test_check_in_page_shows_errors_and_checks_in(client, hod, cell_admin, staff):
    programme = open_programme(capacity=2, sessions=1)
    item = services.nominate(programme=programme, officer=staff[0], actor=hod)
    services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    session = programme.sessions.get()
    session.date = timezone.localdate()
    session.starts_at, session.ends_at = datetime.time(0, 0), datetime.time(23, 59)
    session.save()
    code = programme_services.open_check_in(session=session, actor=cell_admin)
    client.force_login(staff[0])
    page = client.post(reverse("programmes:check_in"), {"code": "ABC"}).content.decode()
    assert "field-error" in page
    client.post(reverse("programmes:check_in"), {"code": code})
    assert Attendance.objects.get(nomination=item).method == "self"


# ------------------------------------------------------------------ cell desk
CELL_URLS = ["cell:programmes", "cell:programme", "cell:finalise"]


@pytest.mark.parametrize("name", CELL_URLS)
@pytest.mark.parametrize("fixture", ["trainee", "hod", "trainer", "course_director"])
def test_cell_desk_refuses_other_roles(client, request, name, fixture):
    programme = open_programme()
    client.force_login(request.getfixturevalue(fixture))
    args = [] if name == "cell:programmes" else [programme.pk]
    assert client.get(reverse(name, args=args)).status_code == 403


def test_cell_decides_and_sees_errors(client, cell_admin, hod, staff):
    programme = open_programme(capacity=1)
    a, b, c = (services.nominate(programme=programme, officer=o, actor=hod) for o in staff[:3])
    client.force_login(cell_admin)
    page = client.get(reverse("cell:programme", args=[programme.pk])).content.decode()
    assert "Submitted (3)" in page
    client.post(reverse("cell:decide", args=[a.pk]), {"decision": "approved"})
    response = client.post(
        reverse("cell:decide", args=[b.pk]), {"decision": "approved"}, follow=True
    )
    assert "The 1 seat is taken." in response.content.decode()
    response = client.post(
        reverse("cell:decide", args=[c.pk]), {"decision": "rejected", "reason": ""}, follow=True
    )
    assert "Give a reason" in response.content.decode()
    client.post(
        reverse("cell:decide", args=[c.pk]), {"decision": "rejected", "reason": "Not a GRO"}
    )
    assert dict(Nomination.objects.values_list("pk", "state")) == {
        a.pk: S.APPROVED,
        b.pk: S.SUBMITTED,
        c.pk: S.REJECTED,
    }
    assert client.get(reverse("cell:decide", args=[a.pk])).status_code == 405


def test_cancel_needs_confirmation(client, cell_admin):
    programme = open_programme()
    client.force_login(cell_admin)
    url = reverse("cell:status", args=[programme.pk])
    page = client.post(url, {"status": "cancelled"}).content.decode()
    assert "cannot be undone" in page
    assert title_of(page) == 'Change the programme to "Cancelled"? · Sevottam batch'
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.OPEN
    client.post(url, {"status": "cancelled", "sure": "yes"})
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.CANCELLED


def test_coordinator_marks_attendance_only_for_their_programme(client, hod, cell_admin, staff):
    coordinator = make_user(Role.TRAINER)
    programme = open_programme(coordinator=coordinator, sessions=1)
    other = open_programme(sessions=1)
    item = services.nominate(programme=programme, officer=staff[0], actor=hod)
    services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    session = programme.sessions.get()
    session.date, session.ends_at = timezone.localdate(), datetime.time(23, 59, 59)
    session.save()
    client.force_login(coordinator)
    url = reverse("cell:attendance", args=[programme.pk, session.pk])
    assert client.get(url).status_code == 200
    client.post(url, {f"n{item.pk}": "present"})
    assert Attendance.objects.get(nomination=item).present
    assert (
        client.get(reverse("cell:attendance", args=[other.pk, other.sessions.get().pk])).status_code
        == 403
    )
    page = client.post(url, {"action": "check-in"}, follow=True).content.decode()
    assert "data:image/svg+xml;base64," in page


def test_cell_lists_do_not_grow_queries(
    client, cell_admin, hod, department, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = open_programme(capacity=50)
    client.force_login(cell_admin)
    urls = [reverse("cell:programmes"), reverse("cell:programme", args=[programme.pk])]
    small = []
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        small.append(len(ctx.captured_queries))
    for _ in range(3):
        open_programme()
    for officer in [make_user(department=department, level="cutting_edge") for _ in range(15)]:
        services.nominate(programme=programme, officer=officer, actor=hod)
    for url, count in zip(urls, small, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)


# ------------------------------------------------------------------ public
def test_public_calendar_and_detail(client):
    shown = open_programme(title="Open batch")
    draft = open_programme(title="Draft batch", status=ProgrammeStatus.DRAFT)
    cancelled = open_programme(title="Cancelled batch", status=ProgrammeStatus.CANCELLED)
    page = client.get(reverse("programmes:calendar")).content.decode()
    assert "Open batch" in page and "Draft batch" not in page and "Cancelled batch" not in page
    assert client.get(reverse("programmes:detail", args=[shown.pk])).status_code == 200
    for hidden in (draft, cancelled):
        assert client.get(reverse("programmes:detail", args=[hidden.pk])).status_code == 404
        assert client.get(reverse("programmes:ics", args=[hidden.pk])).status_code == 404


def test_ics_is_valid_icalendar(client):
    programme = open_programme(title="Grievance, redress; and \\ more", sessions=2)
    response = client.get(reverse("programmes:ics", args=[programme.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and body.endswith(
        "END:VCALENDAR\r\n"
    )
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Grievance\\, redress\\; and \\\\ more" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_ics_folding_keeps_multibyte_characters_whole():
    line = "SUMMARY:" + "प्रशिक्षण कार्यक्रम " * 10
    folded = ical.fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert ical.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_hod_and_officer_lists_do_not_grow_queries(
    client, hod, department, cell_admin, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = open_programme(capacity=40)
    officer = make_user(department=department, level="cutting_edge")
    services.nominate(programme=programme, officer=officer, actor=hod)
    make_user(department=department, level="cutting_edge")  # one eligible officer listed
    urls = {
        hod: [
            reverse("nominations:programmes"),
            reverse("nominations:department"),
            reverse("nominations:nominate", args=[programme.pk]),
        ],
        officer: [reverse("nominations:mine")],
    }
    small = {}
    for user, user_urls in urls.items():
        client.force_login(user)
        for url in user_urls:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                client.get(url)
            small[url] = len(ctx.captured_queries)
    for _ in range(4):
        other = open_programme()
        services.nominate(programme=other, officer=officer, actor=hod)
    for _ in range(20):
        services.nominate(
            programme=programme,
            officer=make_user(department=department, level="cutting_edge"),
            actor=hod,
        )
        make_user(department=department, level="cutting_edge")
    for user, user_urls in urls.items():
        client.force_login(user)
        for url in user_urls:
            with django_assert_max_num_queries(small[url]):
                client.get(url)
