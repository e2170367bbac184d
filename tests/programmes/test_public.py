"""The public programme calendar (/programmes/), programme pages and iCal feeds: what the
public may see, filters, pagination, RFC 5545 structure, escaping and folding."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Programme, ProgrammeSession
from programmes import ical
from tests.factories import TopicFactory, build_course
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import text, update

P = ProgrammeStatus
pytestmark = pytest.mark.django_db


def listed(response) -> list[int]:
    return [p.pk for p in response.context["page"]]


def unfold(body: str) -> list[str]:
    """Content lines of an iCalendar body (RFC 5545 3.1: CRLF followed by a space or tab
    continues the previous line)."""
    assert "\n" not in body.replace("\r\n", ""), "bare LF or CR in the body"
    assert body.endswith("\r\n")
    return re.sub(r"\r\n[ \t]", "", body).split("\r\n")[:-1]


def components(lines: list[str]) -> list[dict]:
    """The VEVENTs as {name: [values]}, after checking BEGIN/END nesting."""
    stack, events, current = [], [], None
    for line in lines:
        name, _sep, value = line.partition(":")
        assert _sep, f"not a content line: {line!r}"
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            current.setdefault(name.split(";")[0], []).append(value)
    assert stack == []
    return events


# ------------------------------------------------------------------ calendar page
def test_calendar_lists_public_upcoming_programmes_only(client):
    today = timezone.localdate()
    shown = {
        status: open_programme(title=f"Shown {status}", status=status)
        for status in (P.OPEN, P.CLOSED, P.RUNNING)
    }
    hidden = [
        open_programme(title="Hidden draft", status=P.DRAFT),
        open_programme(title="Hidden cancelled", status=P.CANCELLED),
        open_programme(title="Hidden completed", status=P.COMPLETED),
    ]
    past = open_programme(title="Hidden past")
    Programme.objects.filter(pk=past.pk).update(
        starts_on=today - datetime.timedelta(days=3), ends_on=today - datetime.timedelta(days=1)
    )
    running_today = open_programme(title="Ends today", status=P.RUNNING)
    Programme.objects.filter(pk=running_today.pk).update(
        starts_on=today - datetime.timedelta(days=1), ends_on=today
    )
    response = client.get(reverse("programmes:calendar"))  # anonymous
    assert response.status_code == 200
    assert set(listed(response)) == {p.pk for p in shown.values()} | {running_today.pk}
    page = text(response)
    for programme in hidden + [past]:
        assert programme.title not in page


def test_calendar_row_shows_dates_place_course_and_closing_date(client):
    programme = update(open_programme(title="Charter batch"), venue="HIPA Gurugram, Block B")
    online = update(
        open_programme(title="Webinar batch", mode=ProgrammeMode.ONLINE),
        venue="",
        online_link="https://m.example",
    )
    closed = open_programme(title="Closed batch", status=P.CLOSED)
    response = client.get(reverse("programmes:calendar"))
    page = text(response)
    start, end = programme.starts_on, programme.ends_on
    assert f"{start:%d/%m/%Y} – {end:%d/%m/%Y}" in page
    assert "Classroom: HIPA Gurugram, Block B" in page
    assert "Online" in page and "https://m.example" not in page  # the link is for nominees
    closes = timezone.localtime(programme.nomination_closes_at)
    assert f"{closes:%d/%m/%Y}" in page
    html = response.content.decode()
    assert f'href="{programme.course.url}"' in html
    assert f'href="{reverse("programmes:detail", args=[programme.pk])}"' in html
    assert f'href="{reverse("programmes:detail", args=[online.pk])}"' in html
    row = html.split(f'href="{reverse("programmes:detail", args=[closed.pk])}"')[1].split("</tr>")[
        0
    ]
    assert "Nominations closed" in row
    assert f'href="{reverse("programmes:calendar_ics")}"' in html


def test_calendar_filters_by_topic(client):
    charter = TopicFactory(name="Citizen's charter", slug="charter")
    grievance = TopicFactory(name="Grievance redress", slug="grievance")
    a = open_programme(title="Charter batch", course=build_course(modules=1, topic=charter))
    b = open_programme(title="Grievance batch", course=build_course(modules=1, topic=grievance))
    url = reverse("programmes:calendar")
    assert listed(client.get(url, {"topic": "charter"})) == [a.pk]
    assert listed(client.get(url, {"topic": "grievance"})) == [b.pk]
    assert listed(client.get(url, {"topic": "no-such-topic"})) == []
    assert set(listed(client.get(url, {"topic": ""}))) == {a.pk, b.pk}
    page = client.get(url, {"topic": "charter"}).content.decode()
    assert '<option value="charter" selected>' in page


def test_calendar_filters_by_month_including_programmes_spanning_it(client):
    base = timezone.localdate().replace(day=1) + datetime.timedelta(days=62)
    month = base.replace(day=1)  # the first of a month about two months ahead
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    inside = open_programme(title="Inside")
    spanning = open_programme(title="Spanning")
    later = open_programme(title="Later")
    for programme, starts, ends in [
        (inside, month + datetime.timedelta(days=9), month + datetime.timedelta(days=10)),
        (spanning, month - datetime.timedelta(days=2), month + datetime.timedelta(days=1)),
        (later, next_month, next_month + datetime.timedelta(days=1)),
    ]:
        Programme.objects.filter(pk=programme.pk).update(starts_on=starts, ends_on=ends)
    url = reverse("programmes:calendar")
    response = client.get(url, {"month": f"{month:%Y-%m}"})
    assert set(listed(response)) == {inside.pk, spanning.pk}
    assert f'value="{month:%Y-%m}"' in response.content.decode()
    assert listed(client.get(url, {"month": f"{next_month:%Y-%m}"})) == [later.pk]
    for bad in ("2025-13", "yesterday", "2025-1", "'; DROP TABLE", "0000-00"):
        response = client.get(url, {"month": bad})
        assert response.status_code == 200
        assert set(listed(response)) == {inside.pk, spanning.pk, later.pk}


def test_calendar_paginates_soonest_first(client):
    course = build_course(modules=1, lessons_per_module=1)
    programmes = [open_programme(title=f"Batch {n:02d}", course=course) for n in range(23)]
    today = timezone.localdate()
    for n, programme in enumerate(programmes):
        day = today + datetime.timedelta(days=5 + n)
        Programme.objects.filter(pk=programme.pk).update(starts_on=day, ends_on=day)
    url = reverse("programmes:calendar")
    first, second = client.get(url), client.get(url, {"page": 2})
    assert listed(first) == [p.pk for p in programmes[:20]]
    assert listed(second) == [p.pk for p in programmes[20:]]
    assert "page=2" in first.content.decode()
    assert listed(client.get(url, {"page": "999"})) == [p.pk for p in programmes[20:]]
    assert listed(client.get(url, {"page": "x"})) == [p.pk for p in programmes[:20]]


def test_calendar_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    open_programme()
    url = reverse("programmes:calendar")
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    small = len(ctx.captured_queries)
    for _ in range(6):
        open_programme(sessions=3)
    with django_assert_max_num_queries(small):
        client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("programmes:calendar_ics"))
    assert len(ctx.captured_queries) <= 3


# ------------------------------------------------------------------ detail page
@pytest.mark.parametrize("status", [P.OPEN, P.CLOSED, P.RUNNING])
def test_detail_of_public_programmes(client, status):
    programme = open_programme(title="Charter batch", status=status, sessions=2)
    response = client.get(reverse("programmes:detail", args=[programme.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Charter batch" in page and programme.code in page
    for session in programme.sessions.all():
        assert f"{session.date:%d/%m/%Y}, 09:30–17:30" in page
    closes = timezone.localtime(programme.nomination_closes_at)
    assert (f"open until {closes:%d/%m/%Y %H:%M}" in page) == (status == P.OPEN)
    html = response.content.decode()
    assert f'href="{reverse("programmes:ics", args=[programme.pk])}"' in html
    assert f'href="{programme.course.url}"' in html


def test_detail_says_closed_when_the_window_has_passed(client):
    programme = open_programme()
    Programme.objects.filter(pk=programme.pk).update(
        nomination_opens_at=timezone.now() - datetime.timedelta(days=5),
        nomination_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    page = text(client.get(reverse("programmes:detail", args=[programme.pk])))
    assert "Nominations closed" in page and "open until" not in page


@pytest.mark.parametrize("status", [P.DRAFT, P.CANCELLED, P.COMPLETED])
def test_non_public_programmes_are_404_even_signed_in(client, status, hod, trainee):
    programme = open_programme(status=status)
    for user in (None, trainee, hod):
        if user:
            client.force_login(user)
        for name in ("programmes:detail", "programmes:ics"):
            assert client.get(reverse(name, args=[programme.pk])).status_code == 404
    assert client.get(reverse("programmes:detail", args=[999999])).status_code == 404


# ------------------------------------------------------------------ iCal
def test_programme_ics_is_valid_icalendar(client):
    programme = open_programme(title="Grievance, redress; and \\ more", sessions=2)
    first, second = programme.sessions.order_by("date")
    second.topic = "Line one\nline two"
    second.save()
    response = client.get(reverse("programmes:ics", args=[programme.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert programme.code.replace("/", "-") + ".ics" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    raw_lines = body.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw_lines)
    lines = unfold(body)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and f"PRODID:{ical.PRODID}" in lines
    events = components(lines)
    assert len(events) == 2
    for event in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION"):
            assert len(event[name]) == 1, name
        assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][0])
    assert len({event["UID"][0] for event in events}) == 2
    assert events[0]["UID"] == [f"programme-{programme.pk}-session-{first.pk}@testserver"]
    # 09:30-17:30 in Asia/Kolkata (UTC+05:30) is 04:00-12:00 UTC
    assert events[0]["DTSTART"] == [f"{first.date:%Y%m%d}T040000Z"]
    assert events[0]["DTEND"] == [f"{first.date:%Y%m%d}T120000Z"]
    assert events[0]["SUMMARY"] == ["Grievance\\, redress\\; and \\\\ more"]
    assert events[1]["SUMMARY"] == ["Grievance\\, redress\\; and \\\\ more: Line one\\nline two"]
    assert events[0]["LOCATION"] == ["HIPA Gurugram"]
    assert events[0]["DESCRIPTION"][0].startswith(programme.code)
    assert events[0]["URL"] == [f"http://testserver/programmes/{programme.pk}/"]


def test_long_titles_are_folded_at_75_octets(client):
    title = "Sevottam: citizen charter and grievance redress for district offices " * 2
    programme = update(
        open_programme(title=title.strip(), sessions=1),
        venue="हरियाणा लोक प्रशासन संस्थान, गुरुग्राम" * 2,
    )
    body = client.get(reverse("programmes:ics", args=[programme.pk])).content.decode("utf-8")
    raw = body.split("\r\n")[:-1]
    assert any(line.startswith(" ") for line in raw)  # something was folded
    assert all(len(line.encode("utf-8")) <= 75 for line in raw)
    (event,) = components(unfold(body))
    assert event["SUMMARY"] == [ical.escape(title.strip())]
    assert event["LOCATION"] == [ical.escape(programme.venue)]


def test_calendar_ics_has_every_public_upcoming_session(client):
    a = open_programme(title="A", sessions=2)
    b = open_programme(title="B", sessions=1, status=P.RUNNING)
    open_programme(title="Draft", status=P.DRAFT)
    open_programme(title="Cancelled", status=P.CANCELLED)
    past = open_programme(title="Past")
    Programme.objects.filter(pk=past.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=9),
        ends_on=timezone.localdate() - datetime.timedelta(days=8),
    )
    response = client.get(reverse("programmes:calendar_ics"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = components(unfold(response.content.decode()))
    uids = {event["UID"][0] for event in events}
    expected = {
        f"programme-{p.pk}-session-{s.pk}@testserver"
        for p in (a, b)
        for s in ProgrammeSession.objects.filter(programme=p)
    }
    assert uids == expected


# ------------------------------------------------------------------ ical unit
@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain", "plain"),
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("a\\b", "a\\\\b"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "a\\nb"),
        ("\\,", "\\\\\\,"),  # the backslash is escaped first, never doubled twice
        ("a:b", "a:b"),  # colons need no escaping in TEXT
    ],
)
def test_escape(raw, escaped):
    assert ical.escape(raw) == escaped


def test_fold_limits():
    assert ical.fold("X" * 75) == "X" * 75
    folded = ical.fold("X" * 76)
    assert folded == "X" * 75 + "\r\n " + "X"
    long = "SUMMARY:" + "y" * 300
    parts = ical.fold(long).split("\r\n")
    assert len(parts[0].encode()) == 75
    assert all(part.startswith(" ") and len(part.encode()) <= 75 for part in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == long


def test_fold_never_splits_a_multibyte_character():
    line = "LOCATION:" + "प्रशिक्षण कार्यक्रम " * 10  # 3-byte Devanagari
    parts = ical.fold(line).split("\r\n ")
    assert "".join(parts) == line
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    for part in parts:
        part.encode("utf-8").decode("utf-8")  # each piece is whole characters


def test_calendar_of_no_programmes_is_still_valid():
    body = ical.calendar([], host="example.org", url_for=lambda p: "")
    assert unfold(body)[:3] == ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{ical.PRODID}"]
    assert components(unfold(body)) == []
