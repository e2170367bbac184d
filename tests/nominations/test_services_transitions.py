"""The transition map, through the public services: every allowed (from, to) pair works for
each permitted kind of actor and for nobody else; every forbidden pair is refused and leaves
no trace (state, audit trail, outbox)."""

import pytest

from lms.core.models import AuditEntry
from lms.core.roles import Role, has_role
from nominations import services
from nominations.enums import ACTORS, TRANSITIONS, Actor, NominationState
from nominations.models import Nomination
from tests.factories import make_user

S = NominationState
pytestmark = pytest.mark.django_db

ALLOWED = sorted((f, t) for f, targets in TRANSITIONS.items() for t in targets)
FORBIDDEN = sorted((f, t) for f in TRANSITIONS for t in S.values if t not in TRANSITIONS[f])

# Who can be asked to make a change, and which kind of actor (if any) each one is.
PERSONAS = {
    "cell": Actor.CELL,
    "hod": Actor.HOD,
    "officer": Actor.OFFICER,
    "system": Actor.SYSTEM,
    "other_hod": None,  # HOD of another department
    "colleague": None,  # a trainee of the same department
    "coordinator": None,  # the programme's coordinator
}
# The one kind of actor used to attempt each target state in the forbidden-pair tests.
PERMITTED = {
    S.SUBMITTED: "cell",
    S.APPROVED: "cell",
    S.WAITLISTED: "cell",
    S.REJECTED: "cell",
    S.CONFIRMED: "officer",
    S.DECLINED: "officer",
    S.WITHDRAWN: "hod",
    S.SUBSTITUTED: "hod",
    S.ATTENDED: "cell",
    S.NO_SHOW: "cell",
}


def test_the_map_is_the_one_the_issue_describes():
    """submitted -> approved | waitlisted | rejected; waitlisted -> approved (promotion) |
    rejected; approved -> confirmed | declined (by the officer); any open state -> withdrawn;
    approved / confirmed -> substituted; confirmed -> attended | no-show, and approved too
    (an officer who attended without confirming online: marked attendance decides); the cell
    may confirm on the officer's behalf (``confirm_for_officer``); the rest are final."""
    expected_map = {
        S.SUBMITTED: {S.APPROVED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
        S.WAITLISTED: {S.APPROVED, S.REJECTED, S.WITHDRAWN},
        S.APPROVED: {S.CONFIRMED, S.DECLINED, S.WITHDRAWN, S.SUBSTITUTED, S.ATTENDED, S.NO_SHOW},
        S.CONFIRMED: {S.ATTENDED, S.NO_SHOW, S.WITHDRAWN, S.SUBSTITUTED},
        S.REJECTED: set(),
        S.DECLINED: set(),
        S.WITHDRAWN: set(),
        S.SUBSTITUTED: set(),
        S.ATTENDED: set(),
        S.NO_SHOW: set(),
    }
    assert dict(TRANSITIONS) == expected_map
    expected_actors = {
        S.APPROVED: {Actor.CELL, Actor.SYSTEM},
        S.WAITLISTED: {Actor.CELL},
        S.REJECTED: {Actor.CELL},
        S.CONFIRMED: {Actor.OFFICER, Actor.CELL},
        S.DECLINED: {Actor.OFFICER},
        S.WITHDRAWN: {Actor.HOD, Actor.CELL, Actor.SYSTEM},
        S.SUBSTITUTED: {Actor.HOD},
        S.ATTENDED: {Actor.CELL, Actor.SYSTEM},
        S.NO_SHOW: {Actor.CELL, Actor.SYSTEM},
    }
    assert dict(ACTORS) == expected_actors


def test_the_actor_table_covers_every_reachable_state():
    reachable = {t for targets in TRANSITIONS.values() for t in targets}
    assert set(ACTORS) == reachable
    assert S.SUBMITTED not in reachable  # only nominate() creates a submitted nomination
    assert set(PERMITTED) == set(S.values)


@pytest.fixture
def people(department, cell_admin, hod, other_hod, officer_factory):
    return {
        "cell": cell_admin,
        "hod": hod,
        "other_hod": other_hod,
        "colleague": officer_factory(department),
        "coordinator": make_user(Role.TRAINER, department=None),
    }


@pytest.fixture
def programme(open_programme_factory, people):
    return open_programme_factory(capacity=10, coordinator=people["coordinator"])


def who(persona, nomination, people):
    if persona == "officer":
        return nomination.officer
    if persona == "system":
        return None
    return people[persona]


def move(nomination, to_state, actor, *, department, note="Per the cell's letter"):
    """Ask the public service that makes ``to_state`` to make it. Attended and no-show are
    made by finalise_programme (tested in test_services_attendance); here they go through
    the choke point it uses."""
    if to_state in (S.APPROVED, S.WAITLISTED, S.REJECTED):
        return services.decide(
            nomination=nomination,
            decision=to_state,
            actor=actor,
            reason=note if to_state == S.REJECTED else "",
        )
    if to_state == S.CONFIRMED and actor is not None and has_role(actor, Role.CELL_ADMIN):
        return services.confirm_for_officer(nomination=nomination, actor=actor, note=note)
    if to_state in (S.CONFIRMED, S.DECLINED):
        return services.respond(
            nomination=nomination, accept=to_state == S.CONFIRMED, actor=actor, note=note
        )
    if to_state == S.WITHDRAWN:
        return services.withdraw(nomination=nomination, actor=actor, note=note)
    if to_state == S.SUBSTITUTED:
        replacement = make_user(Role.TRAINEE, department=department, level="middle")
        return services.substitute(
            nomination=nomination, replacement=replacement, actor=actor, note=note
        )
    return services._transition(nomination=nomination, to_state=to_state, actor=actor, note=note)


def expected_note(to_state, note="Per the cell's letter"):
    return "" if to_state in (S.APPROVED, S.WAITLISTED) else note


def nomination_mail(mailoutbox):
    return [m for m in mailoutbox if m.subject.startswith("Nomination")]


@pytest.mark.parametrize(("from_state", "to_state"), ALLOWED)
def test_allowed_transition_for_permitted_actors_only(
    from_state,
    to_state,
    programme,
    people,
    department,
    hod,
    nomination_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    permitted = {p for p, kind in PERSONAS.items() if kind in ACTORS[to_state]}
    assert permitted, to_state

    # Everybody else is refused and nothing changes.
    target = nomination_factory(programme, state=from_state)
    before = AuditEntry.objects.count()
    for persona in sorted(set(PERSONAS) - permitted):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(services.NominationError, match="role"),
        ):
            move(target, to_state, who(persona, target, people), department=department)
        assert Nomination.objects.get(pk=target.pk).state == from_state, persona
        assert AuditEntry.objects.count() == before, persona
        assert callbacks == [] and mailoutbox == [], persona
    assert Nomination.objects.filter(programme=programme).count() == 1, "no substitute made"

    # Each permitted kind of actor can make it, with an audit row and emails after commit.
    for persona in sorted(permitted):
        nomination = nomination_factory(programme, state=from_state)
        actor = who(persona, nomination, people)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            move(nomination, to_state, actor, department=department)
            assert mailoutbox == [], "emails wait for the commit"
        nomination.refresh_from_db()
        assert nomination.state == to_state, persona
        entry = AuditEntry.objects.get(action="nomination.transition", object_id=str(nomination.pk))
        assert (entry.actor, entry.from_state, entry.to_state, entry.note) == (
            actor,
            from_state,
            to_state,
            expected_note(to_state)
            if (to_state, persona) != (S.CONFIRMED, "cell")
            else "Confirmed by the cell on the officer's behalf: Per the cell's letter",
        ), persona
        told = [m.to for m in nomination_mail(mailoutbox) if str(S(to_state).label) in m.subject]
        assert sorted(told) == sorted([[nomination.officer.email], [hod.email]]), persona


@pytest.mark.parametrize(("from_state", "to_state"), FORBIDDEN)
def test_forbidden_transition_is_refused_and_changes_nothing(
    from_state,
    to_state,
    programme,
    people,
    department,
    nomination_factory,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    nomination = nomination_factory(programme, state=from_state)
    stored = Nomination.objects.values().get(pk=nomination.pk)
    rows = AuditEntry.objects.count()
    actor = who(PERMITTED[to_state], nomination, people)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(
            services.NominationError, match="cannot go from|approved or confirmed nomination"
        ),
    ):
        move(nomination, to_state, actor, department=department)

    assert Nomination.objects.values().get(pk=nomination.pk) == stored
    assert Nomination.objects.filter(programme=programme).count() == 1
    assert AuditEntry.objects.count() == rows
    assert callbacks == [] and mailoutbox == []


# ------------------------------------------------------------------ the named actor rules
def test_hod_cannot_approve_waitlist_or_reject(programme, hod, nomination_factory):
    nomination = nomination_factory(programme)
    for decision in (S.APPROVED, S.WAITLISTED, S.REJECTED):
        with pytest.raises(services.NominationError, match="role"):
            services.decide(nomination=nomination, decision=decision, actor=hod, reason="x")
    assert Nomination.objects.get(pk=nomination.pk).state == S.SUBMITTED


def test_cell_cannot_confirm_or_decline_for_the_officer(programme, cell_admin, nomination_factory):
    nomination = nomination_factory(programme, state=S.APPROVED)
    for accept in (True, False):
        with pytest.raises(services.NominationError, match="role"):
            services.respond(nomination=nomination, accept=accept, actor=cell_admin)
    assert Nomination.objects.get(pk=nomination.pk).state == S.APPROVED


def test_another_departments_hod_and_the_officer_cannot_withdraw(
    programme, other_hod, nomination_factory
):
    nomination = nomination_factory(programme, state=S.APPROVED)
    for actor in (other_hod, nomination.officer):
        with pytest.raises(services.NominationError, match="role"):
            services.withdraw(nomination=nomination, actor=actor)
    assert Nomination.objects.get(pk=nomination.pk).state == S.APPROVED


def test_a_hod_without_a_department_is_no_hod_of_anybody(programme, nomination_factory):
    nomination = nomination_factory(programme, state=S.APPROVED)
    loose_hod = make_user(Role.HOD, department=None)
    with pytest.raises(services.NominationError, match="role"):
        services.withdraw(nomination=nomination, actor=loose_hod)


def test_cell_can_withdraw_but_not_substitute(
    programme, cell_admin, department, nomination_factory
):
    nomination = nomination_factory(programme, state=S.CONFIRMED)
    with pytest.raises(services.NominationError, match="role"):
        services.substitute(
            nomination=nomination,
            replacement=make_user(Role.TRAINEE, department=department, level="middle"),
            actor=cell_admin,
        )
    assert Nomination.objects.filter(programme=programme).count() == 1
    services.withdraw(nomination=nomination, actor=cell_admin, note="Requested by letter")
    assert Nomination.objects.get(pk=nomination.pk).state == S.WITHDRAWN


def test_unknown_decision_is_refused(programme, cell_admin, nomination_factory):
    nomination = nomination_factory(programme)
    for decision in (S.CONFIRMED, S.WITHDRAWN, "maybe"):
        with pytest.raises(services.NominationError, match="Unknown decision"):
            services.decide(nomination=nomination, decision=decision, actor=cell_admin)
    assert Nomination.objects.get(pk=nomination.pk).state == S.SUBMITTED


def test_services_act_on_the_stored_state_not_a_stale_object(
    programme, cell_admin, nomination_factory
):
    """A page may hold an old copy: the service reloads it, so a withdrawn nomination
    cannot be approved from a stale 'submitted' object."""
    nomination = nomination_factory(programme)
    Nomination.objects.filter(pk=nomination.pk).update(state=S.WITHDRAWN)
    assert nomination.state == S.SUBMITTED  # the stale copy
    with pytest.raises(services.NominationError, match="cannot go from"):
        services.decide(nomination=nomination, decision=S.APPROVED, actor=cell_admin)
    assert Nomination.objects.get(pk=nomination.pk).state == S.WITHDRAWN
