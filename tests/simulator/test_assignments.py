"""Use in training: trainers assign scenario sets to a programme (Wagtail admin); the
programme's trainees (confirmed or attended) see them first; ``simulation_passes`` says
who met the minimum on every scenario of the sets that count toward completion."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.core.roles import Role
from simulator import selectors
from simulator.models import Scenario, ScenarioAssignment
from tests.factories import make_user
from tests.factories.simulator import assign, confirm_in, scored_session
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return open_programme(title="Grievance redress batch")


@pytest.fixture
def scenarios(seeded):
    return list(Scenario.objects.order_by("code")[:3])


@pytest.fixture
def officers(department):
    return [make_user(Role.TRAINEE, department=department) for _ in range(3)]


# ---------------------------------------------------------------- the admin
@pytest.mark.parametrize("role_fixture", ["trainer", "course_director"])
def test_trainers_assign_scenarios_in_the_admin(
    client, request, programme, scenarios, role_fixture
):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    assert client.get(reverse("sim_assignments:index")).status_code == 200
    assert client.get(reverse("sim_assignments:index"), {"q": "batch"}).status_code == 200
    assert client.get(reverse("sim_assignments:add")).status_code == 200
    response = client.post(
        reverse("sim_assignments:add"),
        {
            "programme": programme.pk,
            "title": "Day 2",
            "scenarios": [s.pk for s in scenarios[:2]],
            "counts_toward_completion": "on",
            "min_score": "70",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assignment = ScenarioAssignment.objects.get()
    assert (assignment.programme, assignment.min_score, assignment.counts_toward_completion) == (
        programme,
        70,
        True,
    )
    assert set(assignment.scenarios.all()) == set(scenarios[:2])
    assert assignment.created_by == user
    edit = reverse("sim_assignments:edit", args=[assignment.pk])
    assert client.get(edit).status_code == 200


def test_the_admin_rejects_bad_assignments(client, trainer, programme, scenarios):
    client.force_login(trainer)
    response = client.post(
        reverse("sim_assignments:add"),
        {"programme": programme.pk, "scenarios": [], "min_score": "101"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "scenarios" in errors and "min_score" in errors
    assert not ScenarioAssignment.objects.exists()


def test_permissions_on_assignments(trainer, course_director, cell_admin, trainee, hod):
    assert trainer.has_perm("simulator.add_scenarioassignment")
    assert not trainer.has_perm("simulator.delete_scenarioassignment")
    assert course_director.has_perm("simulator.delete_scenarioassignment")
    assert cell_admin.has_perm("simulator.view_scenarioassignment")
    for user in (trainee, hod):
        assert not user.has_perm("simulator.view_scenarioassignment")


@pytest.mark.parametrize("role_fixture", ["trainee", "hod"])
def test_trainees_and_hods_cannot_assign(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("sim_assignments:add")).status_code == 302


def test_the_minimum_score_is_a_percentage(programme):
    assignment = ScenarioAssignment(programme=programme, min_score=101)
    with pytest.raises(ValidationError):
        assignment.full_clean()


# ---------------------------------------------------------------- trainees see them
@pytest.mark.parametrize(
    ("state", "sees"),
    [("confirmed", True), ("attended", True), ("approved", False), ("submitted", False)],
)
def test_trainees_of_the_programme_see_the_assigned_scenarios_first(
    client, trainee, programme, scenarios, state, sees
):
    confirm_in(programme, trainee, state=state)
    assign(programme, scenarios[0], title="Day 2", min_score=70, counts_toward_completion=True)
    client.force_login(trainee)
    body = client.get(reverse("simulator:scenarios")).content.decode()
    assert ("Assigned in your programmes" in body) is sees
    if sees:
        assigned = body.index("Assigned in your programmes")
        assert assigned < body.index("All scenarios")
        assert "Grievance redress batch: Day 2" in body and "minimum score 70%" in body
        assert "counts toward completion" in body
        assert body.index(scenarios[0].title) < body.index("All scenarios")


def test_the_trainee_s_best_score_and_whether_it_meets_the_minimum(
    client, trainee, programme, scenarios
):
    confirm_in(programme, trainee)
    assign(programme, scenarios[0], min_score=70)
    scored_session(trainee, scenarios[0], 65)
    scored_session(trainee, scenarios[0], 80)
    scored_session(trainee, scenarios[0], 95, status="abandoned")
    client.force_login(trainee)
    response = client.get(reverse("simulator:scenarios"))
    group = response.context["groups"][0]["rows"][0]
    assert (float(group["best"]), group["met"]) == (80.0, True)


# ---------------------------------------------------------------- simulation_passes
def test_passes_need_the_minimum_on_every_counting_scenario(programme, scenarios, officers):
    a, b, c = officers
    assign(programme, *scenarios[:2], counts_toward_completion=True, min_score=60)
    assign(programme, scenarios[2], counts_toward_completion=False, min_score=90)
    for officer, marks in ((a, (60, 75)), (b, (59.9, 100)), (c, (100,))):
        for scenario, mark in zip(scenarios, marks, strict=False):
            scored_session(officer, scenario, mark)
    assert selectors.simulation_passes(programme, [a.pk, b.pk, c.pk]) == {a.pk}


def test_the_best_finished_session_counts_and_abandoned_ones_do_not(programme, scenarios, officers):
    a, b, _ = officers
    assign(programme, scenarios[0], counts_toward_completion=True, min_score=70)
    scored_session(a, scenarios[0], 40)
    scored_session(a, scenarios[0], 71)
    scored_session(b, scenarios[0], 99, status="abandoned")
    assert selectors.simulation_passes(programme, [a.pk, b.pk]) == {a.pk}


def test_the_highest_minimum_applies_to_a_scenario_in_two_sets(programme, scenarios, officers):
    a, b, _ = officers
    assign(programme, scenarios[0], counts_toward_completion=True, min_score=50)
    assign(programme, scenarios[0], counts_toward_completion=True, min_score=80)
    scored_session(a, scenarios[0], 85)
    scored_session(b, scenarios[0], 60)
    assert selectors.simulation_passes(programme, [a.pk, b.pk]) == {a.pk}
    assert selectors.programme_requirements(programme) == {scenarios[0].pk: 80}


def test_with_nothing_counting_everyone_passes(programme, scenarios, officers):
    ids = [o.pk for o in officers]
    assert selectors.simulation_passes(programme, ids) == set(ids)
    assign(programme, scenarios[0], counts_toward_completion=False)
    assert selectors.simulation_passes(programme, ids) == set(ids)
    assert selectors.simulation_passes(programme, []) == set()


def test_another_programme_s_sets_do_not_count(programme, scenarios, officers):
    other = open_programme(title="Another batch")
    assign(other, scenarios[0], counts_toward_completion=True, min_score=90)
    assert selectors.simulation_passes(programme, [officers[0].pk]) == {officers[0].pk}
    assert selectors.simulation_passes(other, [officers[0].pk]) == set()


@pytest.mark.parametrize("n", [2, 40])
def test_simulation_passes_costs_two_queries(
    programme, scenarios, department, django_assert_num_queries, n
):
    assign(programme, *scenarios, counts_toward_completion=True)
    people = [make_user(Role.TRAINEE, department=department) for _ in range(n)]
    for person in people:
        for scenario in scenarios:
            scored_session(person, scenario, 75)
    with django_assert_num_queries(2):
        passed = selectors.simulation_passes(programme, [p.pk for p in people])
    assert len(passed) == n
