"""Helpers for the cell desk, public calendar and reminder tests (plain functions, so that
they do not clash with the fixtures in tests/nominations/conftest.py)."""

import datetime
import html
import re

from django.urls import reverse
from django.utils import timezone

from courses.enums import ProgrammeStatus
from courses.models import Programme, ProgrammeSession
from lms.core.roles import Role
from nominations import services
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import make_user

S = NominationState


def officers(department, n=1, **fields) -> list:
    """``n`` active trainees of ``department`` at a level the default programme targets."""
    fields.setdefault("level", "cutting_edge")
    return [make_user(Role.TRAINEE, department=department, **fields) for _ in range(n)]


def nominate(programme, people, *, hod) -> list:
    return [services.nominate(programme=programme, officer=o, actor=hod) for o in people]


def approve(programme, people, *, hod, cell_admin) -> list:
    items = nominate(programme, people, hod=hod)
    for item in items:
        services.decide(nomination=item, decision=S.APPROVED, actor=cell_admin)
    return items


def confirm(items) -> list:
    for item in items:
        services.respond(nomination=item, accept=True, actor=item.officer)
    return items


def sessions_today(programme: Programme) -> list[ProgrammeSession]:
    """Move the programme's sessions to today and the following days, running all day (so
    that attendance can be marked and check-in opened for today's whatever the hour)."""
    today = timezone.localdate()
    sessions = list(programme.sessions.order_by("date"))
    for offset, session in enumerate(sessions):
        session.date = today + datetime.timedelta(days=offset)
        session.starts_at, session.ends_at = datetime.time(0, 0), datetime.time(23, 59, 59)
        session.save(update_fields=["date", "starts_at", "ends_at"])
    return sessions


def move_to_past(programme: Programme, *, status=ProgrammeStatus.RUNNING) -> Programme:
    """Put an (already nominated) programme's sessions in the past, ending yesterday, and
    give it ``status``: ready to be finalised."""
    today = timezone.localdate()
    sessions = list(programme.sessions.order_by("date"))
    n = len(sessions)
    for offset, session in enumerate(sessions):
        session.date = today - datetime.timedelta(days=n - offset)
        session.save(update_fields=["date"])
    now = timezone.now()
    Programme.objects.filter(pk=programme.pk).update(
        starts_on=today - datetime.timedelta(days=max(n, 1)),
        ends_on=today - datetime.timedelta(days=1),
        nomination_opens_at=now - datetime.timedelta(days=30),
        nomination_closes_at=now - datetime.timedelta(days=20),
        status=status,
    )
    programme.refresh_from_db()
    return programme


def set_status(programme: Programme, status) -> Programme:
    return update(programme, status=status)


def update(programme: Programme, **fields) -> Programme:
    """Change stored fields the programme factory fixes (venue, dates, ...)."""
    Programme.objects.filter(pk=programme.pk).update(**fields)
    programme.refresh_from_db()
    return programme


def text(response) -> str:
    """The page's visible text, tags stripped and whitespace collapsed, entities decoded."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def messages_of(response) -> list[tuple[str, str]]:
    """(level tag, text) of the messages the request left (use with ``follow=True``)."""
    from django.contrib.messages import get_messages

    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def desk(programme) -> str:
    """The address of the programme's page on the cell's desk."""
    return reverse("cell:programme", args=[programme.pk])


def states(*items) -> list:
    """The stored state of each nomination."""
    return [Nomination.objects.get(pk=item.pk).state for item in items]
