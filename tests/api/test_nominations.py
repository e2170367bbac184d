"""Nominations through the API: department scope, the officer's own, the cell's decisions,
and the services' rules coming back as 400 with their message."""

import pytest

from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import make_user

pytestmark = pytest.mark.django_db
S = NominationState


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_each_hod_lists_only_their_departments_nominations(clients, world):
    assert ids(clients["hod_a"].get("/api/nominations/")) == {world.nomination_a.pk}
    assert ids(clients["hod_b"].get("/api/nominations/")) == {world.nomination_b.pk}
    # A filter cannot widen the scope.
    response = clients["hod_b"].get("/api/nominations/", {"department": "REV"})
    assert response.json()["results"] == []


def test_trainee_sees_only_own_nominations(clients, world):
    response = clients["trainee"].get("/api/nominations/")
    assert ids(response) == {world.nomination_a.pk}
    row = response.json()["results"][0]
    assert row["officer"]["id"] == world.officer_a.pk
    assert row["programme"]["id"] == world.programme.pk
    assert row["department"]["code"] == "REV"
    assert row["state"] == "submitted"
    assert ids(clients["trainee"].get("/api/nominations/mine/")) == {world.nomination_a.pk}
    assert clients["trainee"].get(f"/api/nominations/{world.nomination_b.pk}/").status_code == 404


def test_cell_lists_all_and_filters(clients, world):
    assert ids(clients["cell"].get("/api/nominations/")) == {
        world.nomination_a.pk,
        world.nomination_b.pk,
    }
    assert ids(clients["cell"].get("/api/nominations/", {"department": "HLT"})) == {
        world.nomination_b.pk
    }
    by_programme = clients["cell"].get("/api/nominations/", {"programme": world.programme.pk})
    assert len(ids(by_programme)) == 2
    assert ids(clients["cell"].get("/api/nominations/", {"state": "approved"})) == set()
    by_name = clients["cell"].get("/api/nominations/", {"q": world.officer_b.employee_code})
    assert ids(by_name) == {world.nomination_b.pk}
    assert clients["cell"].get("/api/nominations/", {"state": "bogus"}).status_code == 400
    assert clients["cell"].get("/api/nominations/", {"programme": "x"}).status_code == 400


def test_hod_b_cannot_nominate_an_officer_of_a(clients, world, department):
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    for body in (
        {"programme": world.programme.pk, "officer": officer.pk},
        {"programme": world.programme.pk, "officer_employee_code": officer.employee_code},
    ):
        response = clients["hod_b"].post("/api/nominations/", body, format="json")
        assert response.status_code == 404
    assert not Nomination.objects.filter(officer=officer).exists()


def test_hod_nominates_by_employee_code(clients, world, department, hod):
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    response = clients["hod_a"].post(
        "/api/nominations/",
        {
            "programme": world.programme.pk,
            "officer_employee_code": officer.employee_code,
            "note": "Front desk",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    nomination = Nomination.objects.get(officer=officer)
    assert nomination.nominated_by == hod
    assert nomination.note == "Front desk"
    assert response.json()["state"] == "submitted"
    assert AuditEntry.objects.filter(action="nomination.created", object_id=str(nomination.pk))


def test_service_rules_come_back_as_400_with_their_message(clients, world):
    # Already nominated: the service's one-live-nomination rule.
    response = clients["hod_a"].post(
        "/api/nominations/",
        {"programme": world.programme.pk, "officer": world.officer_a.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "already has a nomination" in response.json()["detail"]
    # Rejecting needs a reason.
    response = clients["cell"].post(
        f"/api/nominations/{world.nomination_a.pk}/decide/", {"decision": "rejected"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Give a reason."}
    # A submitted nomination cannot be confirmed.
    response = clients["trainee"].post(f"/api/nominations/{world.nomination_a.pk}/confirm/")
    assert response.status_code == 400
    assert "cannot go from" in response.json()["detail"]


def test_closed_window_is_refused_by_the_service(clients, world, department):
    from courses.enums import ProgrammeStatus
    from courses.models import Programme

    Programme.objects.filter(pk=world.programme.pk).update(status=ProgrammeStatus.CLOSED)
    officer = make_user(Role.TRAINEE, department=department, level="cutting_edge")
    response = clients["hod_a"].post(
        "/api/nominations/",
        {"programme": world.programme.pk, "officer": officer.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "window is open" in response.json()["detail"]
    # A draft programme is not on the calendar at all.
    response = clients["hod_a"].post(
        "/api/nominations/", {"programme": world.draft.pk, "officer": officer.pk}, format="json"
    )
    assert response.status_code == 404


def test_create_needs_exactly_one_way_to_name_the_officer(clients, world):
    response = clients["hod_a"].post(
        "/api/nominations/", {"programme": world.programme.pk}, format="json"
    )
    assert response.status_code == 400
    assert "officer" in response.json()["non_field_errors"][0]


def test_decide_then_confirm_then_decline_flow(clients, world):
    response = clients["cell"].post(
        f"/api/nominations/{world.nomination_a.pk}/decide/", {"decision": "approved"}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "approved"
    response = clients["trainee"].post(f"/api/nominations/{world.nomination_a.pk}/confirm/")
    assert response.status_code == 200
    assert response.json()["state"] == "confirmed"
    world.nomination_a.refresh_from_db()
    assert world.nomination_a.state == S.CONFIRMED
    # A confirmed seat cannot be declined afterwards.
    response = clients["trainee"].post(f"/api/nominations/{world.nomination_a.pk}/decline/")
    assert response.status_code == 400


def test_online_link_only_for_the_confirmed_officer(clients, world):
    from courses.models import Programme

    Programme.objects.filter(pk=world.programme.pk).update(online_link="https://meet.example/x")
    Nomination.objects.filter(pk=world.nomination_a.pk).update(state=S.CONFIRMED)
    mine = clients["trainee"].get(f"/api/nominations/{world.nomination_a.pk}/").json()
    assert mine["online_link"] == "https://meet.example/x"
    theirs = clients["hod_a"].get(f"/api/nominations/{world.nomination_a.pk}/").json()
    assert theirs["online_link"] is None


def test_decline_frees_the_seat_for_the_waitlist(clients, world, cell_admin):
    from courses.models import Programme

    Programme.objects.filter(pk=world.programme.pk).update(capacity=1)
    clients["cell"].post(
        f"/api/nominations/{world.nomination_a.pk}/decide/", {"decision": "approved"}
    )
    response = clients["cell"].post(
        f"/api/nominations/{world.nomination_b.pk}/decide/", {"decision": "approved"}
    )
    assert response.status_code == 400
    assert "The 1 seat is taken." in response.json()["detail"]
    clients["cell"].post(
        f"/api/nominations/{world.nomination_b.pk}/decide/", {"decision": "waitlisted"}
    )
    response = clients["trainee"].post(
        f"/api/nominations/{world.nomination_a.pk}/decline/", {"note": "On leave"}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "declined"
    world.nomination_b.refresh_from_db()
    assert world.nomination_b.state == S.APPROVED  # promoted by the service


def test_hod_withdraws_own_department_only(clients, world):
    response = clients["hod_b"].post(f"/api/nominations/{world.nomination_a.pk}/withdraw/")
    assert response.status_code == 404
    response = clients["hod_a"].post(
        f"/api/nominations/{world.nomination_a.pk}/withdraw/", {"note": "Transferred"}
    )
    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn"
    again = clients["hod_a"].post(f"/api/nominations/{world.nomination_a.pk}/withdraw/")
    assert again.status_code == 400
