"""The batch leaderboard (staff see everyone; a trainee of the batch only their own rank,
never another officer's name or score) and the trainers' per-scenario statistics."""

import pytest
from django.urls import reverse

from lms.core.roles import Role
from simulator import selectors
from simulator.models import Scenario
from tests.factories import make_user
from tests.factories.simulator import assign, confirm_in, scored_session
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return open_programme(title="Grievance redress batch")


@pytest.fixture
def scenarios(seeded):
    return list(Scenario.objects.order_by("code")[:2])


@pytest.fixture
def batch(programme, scenarios, department, trainee):
    """Three officers: trainee (80 + 70 = 150), Asha (90 + 60 = 150), Bela (50, one only)."""
    asha = make_user(Role.TRAINEE, department=department, first_name="Asha", last_name="Rao")
    bela = make_user(Role.TRAINEE, department=department, first_name="Bela", last_name="Sen")
    confirm_in(programme, trainee, asha)
    confirm_in(programme, bela, state="attended")
    assign(programme, *scenarios, counts_toward_completion=True, min_score=60)
    first, second = scenarios
    for officer, marks in ((trainee, (80, 70)), (asha, (90, 60)), (bela, (50,))):
        for scenario, mark in zip(scenarios, marks, strict=False):
            scored_session(officer, scenario, mark)
    scored_session(trainee, first, 20)  # a worse try does not count
    scored_session(bela, second, 99, status="abandoned")  # nor an abandoned one
    return {"trainee": trainee, "asha": asha, "bela": bela}


def url(programme):
    return reverse("simulator:leaderboard", kwargs={"programme_id": programme.pk})


def test_the_leaderboard_ranks_best_scores(programme, batch, scenarios):
    board = selectors.leaderboard(programme)
    rows = {row.officer.first_name: row for row in board.rows}
    trainee = batch["trainee"].first_name
    assert [s.pk for s in board.scenarios] == sorted(
        [s.pk for s in scenarios], key=lambda pk: Scenario.objects.get(pk=pk).title
    )
    assert (rows[trainee].total, rows["Asha"].total, rows["Bela"].total) == (150, 150, 50)
    assert (rows[trainee].rank, rows["Asha"].rank, rows["Bela"].rank) == (1, 1, 3)
    assert rows[trainee].passed and rows["Asha"].passed and not rows["Bela"].passed
    assert [best for _s, best, _m in rows["Bela"].bests].count(None) == 1


@pytest.mark.parametrize("role_fixture", ["trainer", "course_director", "cell_admin"])
def test_staff_see_the_whole_batch(client, request, programme, batch, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    body = client.get(url(programme)).content.decode()
    assert "Asha Rao" in body and "Bela Sen" in body
    assert 'id="leaderboard"' in body


def test_a_trainee_sees_only_their_own_rank(client, programme, batch):
    bela = batch["bela"]
    client.force_login(bela)
    response = client.get(url(programme))
    body = response.content.decode()
    assert response.status_code == 200
    assert "3 of 3" in body and "Your total: 50" in body
    assert "Asha" not in body and batch["trainee"].last_name not in body
    assert "150" not in body  # nobody else's score
    assert 'id="leaderboard"' not in body


@pytest.mark.parametrize("who", ["outsider", "hod", "pending"])
def test_others_get_a_404(client, request, programme, batch, department, who):
    if who == "outsider":
        user = make_user(Role.TRAINEE, department=department)
    elif who == "pending":
        user = make_user(Role.TRAINEE, department=department)
        confirm_in(programme, user, state="approved")
    else:
        user = request.getfixturevalue("hod")
    client.force_login(user)
    assert client.get(url(programme)).status_code == 404


def test_an_unknown_programme_is_a_404(client, trainer):
    client.force_login(trainer)
    assert client.get(reverse("simulator:leaderboard", args=[99999])).status_code == 404


def test_a_programme_without_scenarios(client, trainer, programme):
    client.force_login(trainer)
    body = client.get(url(programme)).content.decode()
    assert "No scenario is assigned to this programme yet." in body


@pytest.mark.parametrize("n", [3, 40])
def test_the_leaderboard_reads_in_a_fixed_number_of_queries(
    client, trainer, programme, scenarios, department, django_assert_max_num_queries, n
):
    assign(programme, *scenarios)
    people = [make_user(Role.TRAINEE, department=department) for _ in range(n)]
    confirm_in(programme, *people)
    for person in people:
        scored_session(person, scenarios[0], 70)
    client.force_login(trainer)
    with django_assert_max_num_queries(12):
        assert client.get(url(programme)).status_code == 200


# ---------------------------------------------------------------- statistics
def test_scenario_statistics(programme, batch, scenarios):
    first, second = scenarios
    scored_session(batch["asha"], first, 30, deductions=["cpgrams.max-transfers"], hard=True)
    scored_session(batch["bela"], first, 10, deductions=["cpgrams.max-transfers", "x.y"])
    rows = {row.scenario.pk: row for row in selectors.scenario_stats()}
    row = rows[first.pk]
    # first: trainee 80 and 20, Asha 90 and 30, Bela 50 and 10
    assert (row.attempts, row.trainees, row.hard_fails) == (6, 3, 1)
    assert row.mean == pytest.approx((80 + 20 + 90 + 30 + 50 + 10) / 6)
    assert (row.passes, row.pass_mark) == (2, 60)
    assert row.common[0][:2] == ("cpgrams.max-transfers", 2)
    assert row.common[0][2] == "At most 3 transfers"  # the rulebook rule's title
    assert rows[second.pk].attempts == 2  # abandoned sessions are not attempts


def test_statistics_for_a_programme_use_its_minimum_and_its_officers(
    programme, batch, scenarios, department
):
    outsider = make_user(Role.TRAINEE, department=department)
    scored_session(outsider, scenarios[0], 100)
    rows = {row.scenario.pk: row for row in selectors.scenario_stats(programme=programme)}
    assert set(rows) == {s.pk for s in scenarios}
    assert rows[scenarios[0].pk].attempts == 4 and rows[scenarios[0].pk].pass_mark == 60


@pytest.mark.parametrize(
    ("role_fixture", "status"),
    [
        ("trainer", 200),
        ("course_director", 200),
        ("cell_admin", 200),
        ("trainee", 403),
        ("hod", 403),
    ],
)
def test_who_sees_the_statistics_and_the_review_page(client, request, seeded, role_fixture, status):
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("simulator:stats")).status_code == status
    assert client.get(reverse("simulator:review")).status_code == status


def test_the_statistics_page(client, trainer, programme, batch):
    client.force_login(trainer)
    body = client.get(reverse("simulator:stats")).content.decode()
    assert 'id="scenario-stats"' in body
    response = client.get(reverse("simulator:stats"), {"programme": programme.pk})
    assert response.status_code == 200 and response.context["programme"] == programme
    assert client.get(reverse("simulator:stats"), {"programme": "x"}).status_code == 404
    assert client.get(reverse("simulator:stats"), {"programme": "99999"}).status_code == 404


def test_the_review_page_lists_programmes_and_sessions(client, trainer, programme, batch):
    client.force_login(trainer)
    body = client.get(reverse("simulator:review")).content.decode()
    assert "Grievance redress batch" in body and "Asha Rao" in body


@pytest.mark.parametrize("n", [2, 30])
def test_the_statistics_read_in_a_fixed_number_of_queries(
    client, trainer, scenarios, department, django_assert_max_num_queries, n
):
    for _ in range(n):
        person = make_user(Role.TRAINEE, department=department)
        for scenario in scenarios:
            scored_session(person, scenario, 55, deductions=["a.b", "c.d"])
    client.force_login(trainer)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("simulator:stats")).status_code == 200


def test_the_statistics_page_names_rules_in_words_never_by_code(
    client, trainer, programme, batch, scenarios
):
    """Trainers read the most common deductions as rules; in Hindi a rulebook rule is
    named by its Hindi message (it has no Hindi title), never by its code."""
    from simulator.models import Rule

    scored_session(batch["asha"], scenarios[0], 30, deductions=["cpgrams.max-transfers"])
    Rule.objects.filter(code="cpgrams.max-transfers").update(message_hi="तीन से अधिक हस्तांतरण नहीं")
    client.force_login(trainer)
    body = client.get(reverse("simulator:stats")).content.decode()
    assert "At most 3 transfers" in body and "cpgrams.max-transfers" not in body
    client.cookies["django_language"] = "hi"
    text = client.get(reverse("simulator:stats")).content.decode()
    assert "तीन से अधिक हस्तांतरण नहीं" in text and "At most 3 transfers" not in text
    assert "cpgrams.max-transfers" not in text
