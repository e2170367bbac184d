"""The batch leaderboard in Hindi shows each officer's post and department by their Hindi
names, and a name with no Hindi entered as entered (marked lang="en")."""

import pytest
from django.conf import settings
from django.urls import reverse

from lms.core.roles import Role
from simulator.models import Scenario
from tests.factories import DepartmentFactory, make_user
from tests.factories.simulator import assign, confirm_in, scored_session
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(seeded):
    """A batch of two officers who each played the assigned scenario: one of a department
    and post with Hindi names, one of a department and post without."""
    programme = open_programme(title="Grievance redress batch")
    scenario = Scenario.objects.order_by("code").first()
    revenue = DepartmentFactory(name="Revenue and Disaster Management", name_hi="राजस्व विभाग")
    planning = DepartmentFactory(name="Town and Country Planning", name_hi="")
    named = make_user(
        Role.TRAINEE, department=revenue, designation="Tehsildar", designation_hi="तहसीलदार"
    )
    bare = make_user(Role.TRAINEE, department=planning, designation="Patwari")
    confirm_in(programme, named, bare)
    assign(programme, scenario, min_score=60)
    scored_session(named, scenario, 80)
    scored_session(bare, scenario, 70)
    return programme


def leaderboard(client, user, programme, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("simulator:leaderboard", kwargs={"programme_id": programme.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_the_leaderboard_in_hindi_shows_hindi_posts_and_departments(client, trainer, board):
    body = leaderboard(client, trainer, board, "hi")
    assert "तहसीलदार, राजस्व विभाग" in body
    assert "Tehsildar" not in body and "Revenue and Disaster Management" not in body
    assert '<span lang="en">Patwari</span>, <span lang="en">Town and Country Planning</span>' in (
        body
    )


def test_the_leaderboard_in_english_shows_the_english_names(client, trainer, board):
    body = leaderboard(client, trainer, board, "en")
    assert "Tehsildar, Revenue and Disaster Management" in body
    assert "तहसीलदार" not in body and "राजस्व विभाग" not in body
