"""iCalendar (RFC 5545) for programme sessions, written by hand: one VEVENT per session."""

import datetime

from django.utils import timezone

PRODID = "-//Sevottam LMS//Programme calendar//EN"


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = char, width
        else:
            current += char
            size += width
    out.append(current)
    return "\r\n ".join(out)


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(programmes, *, host: str, url_for) -> str:
    """The VCALENDAR text for ``programmes`` (each with prefetched ``sessions``)."""
    tz = timezone.get_current_timezone()
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for programme in programmes:
        location = programme.venue or programme.get_mode_display()
        for session in programme.sessions.all():
            start = datetime.datetime.combine(session.date, session.starts_at, tzinfo=tz)
            end = datetime.datetime.combine(session.date, session.ends_at, tzinfo=tz)
            summary = programme.title + (f": {session.topic}" if session.topic else "")
            lines += [
                "BEGIN:VEVENT",
                f"UID:programme-{programme.pk}-session-{session.pk}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART:{_utc(start)}",
                f"DTEND:{_utc(end)}",
                f"SUMMARY:{escape(summary)}",
                f"LOCATION:{escape(location)}",
                f"DESCRIPTION:{escape(f'{programme.code} - {programme.course.title}')}",
                f"URL:{url_for(programme)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
