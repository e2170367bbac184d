"""A programme's status moves only along PROGRAMME_TRANSITIONS, only by the cell; opening
needs session days; completing is done by finalising attendance."""

import pytest

from courses.enums import ProgrammeStatus
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import services
from programmes import services as programme_services
from programmes.enums import PROGRAMME_TRANSITIONS
from tests.factories import make_user

P = ProgrammeStatus
pytestmark = pytest.mark.django_db

ALLOWED = sorted((f, t) for f, targets in PROGRAMME_TRANSITIONS.items() for t in targets)
FORBIDDEN = sorted(
    (f, t) for f in PROGRAMME_TRANSITIONS for t in P.values if t not in PROGRAMME_TRANSITIONS[f]
)


def status_rows(programme):
    return AuditEntry.objects.filter(action="programme.status", object_id=str(programme.pk))


def test_the_map_names_every_status():
    assert set(PROGRAMME_TRANSITIONS) == set(P.values)
    assert PROGRAMME_TRANSITIONS[P.COMPLETED] == PROGRAMME_TRANSITIONS[P.CANCELLED] == frozenset()


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_programme_transition(from_status, to_status, open_programme_factory, cell_admin):
    programme = open_programme_factory(status=from_status)
    if to_status == P.COMPLETED:
        with pytest.raises(programme_services.ProgrammeError, match="finalising"):
            programme_services.change_programme_status(
                programme=programme, to_status=to_status, actor=cell_admin
            )
        programme.refresh_from_db()
        assert programme.status == from_status and not status_rows(programme).exists()
        return
    programme_services.change_programme_status(
        programme=programme, to_status=to_status, actor=cell_admin, note="Per the order"
    )
    programme.refresh_from_db()
    assert programme.status == to_status
    entry = status_rows(programme).get()
    assert (entry.actor, entry.from_state, entry.to_state, entry.note) == (
        cell_admin,
        from_status,
        to_status,
        "Per the order",
    )


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_forbidden_programme_transition(
    from_status, to_status, open_programme_factory, cell_admin, nomination_factory
):
    programme = open_programme_factory(status=P.OPEN)
    nomination = nomination_factory(programme)
    type(programme).objects.filter(pk=programme.pk).update(status=from_status)
    with pytest.raises(programme_services.ProgrammeError, match="cannot go from"):
        programme_services.change_programme_status(
            programme=programme, to_status=to_status, actor=cell_admin
        )
    programme.refresh_from_db()
    nomination.refresh_from_db()
    assert programme.status == from_status and not status_rows(programme).exists()
    assert nomination.state == "submitted"


@pytest.mark.parametrize("from_status", [P.DRAFT, P.CLOSED])
def test_opening_needs_session_days(from_status, open_programme_factory, cell_admin):
    assert P.OPEN in PROGRAMME_TRANSITIONS[from_status]
    programme = open_programme_factory(status=from_status, sessions=0)
    with pytest.raises(programme_services.ProgrammeError, match="session days"):
        programme_services.change_programme_status(
            programme=programme, to_status=P.OPEN, actor=cell_admin
        )
    programme.refresh_from_db()
    assert programme.status == from_status and not status_rows(programme).exists()


@pytest.mark.parametrize("role", [Role.HOD, Role.TRAINER, Role.COURSE_DIRECTOR, Role.TRAINEE])
@pytest.mark.parametrize(("from_status", "to_status"), [(P.DRAFT, P.OPEN), (P.OPEN, P.CLOSED)])
def test_only_the_cell_changes_a_programmes_status(
    role, from_status, to_status, open_programme_factory, department
):
    actor = make_user(role, department=department)
    programme = open_programme_factory(status=from_status, coordinator=actor)
    with pytest.raises(programme_services.ProgrammeError, match="Only the cell"):
        programme_services.change_programme_status(
            programme=programme, to_status=to_status, actor=actor
        )
    programme.refresh_from_db()
    assert programme.status == from_status and not status_rows(programme).exists()


def test_a_superuser_counts_as_cell(open_programme_factory):
    programme = open_programme_factory(status=P.DRAFT)
    admin = make_user(is_superuser=True, is_staff=True, department=None)
    programme_services.change_programme_status(programme=programme, to_status=P.OPEN, actor=admin)
    programme.refresh_from_db()
    assert programme.status == P.OPEN


def test_closing_stops_nominations_and_reopening_resumes_them(
    open_programme_factory, department, hod, cell_admin, officer_factory
):
    programme = open_programme_factory()
    programme_services.change_programme_status(
        programme=programme, to_status=P.CLOSED, actor=cell_admin
    )
    programme.refresh_from_db()
    officer = officer_factory(department)
    with pytest.raises(services.NominationError, match="window"):
        services.nominate(programme=programme, officer=officer, actor=hod)
    programme_services.change_programme_status(
        programme=programme, to_status=P.OPEN, actor=cell_admin
    )
    programme.refresh_from_db()
    assert services.nominate(programme=programme, officer=officer, actor=hod).state == "submitted"
