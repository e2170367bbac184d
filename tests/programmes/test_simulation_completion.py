"""Simulator scenarios assigned to a programme as counting toward completion: finalising
makes an officer attended only with the minimum score on every such scenario."""

import pytest

from nominations.enums import NominationState as S
from nominations.models import Nomination
from programmes import completion
from programmes import selectors as programme_selectors
from programmes import services as programme_services
from simulator.models import Scenario
from simulator.seed import seed_simulator
from tests.factories.simulator import assign, scored_session
from tests.programmes.helpers import attend_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def practised(ended_programme_factory, cell_admin):
    """Three officers who attended every session; scenario practice: the first met the
    minimum on both counting scenarios, the second on one only, the third never practised."""
    seed_simulator()
    first, second, third = Scenario.objects.order_by("code")[:3]
    programme, nominations = ended_programme_factory(sessions=1, confirmed=3, approved=0)
    assign(programme, first, second, counts_toward_completion=True, min_score=60)
    assign(programme, third, counts_toward_completion=False, min_score=90)  # practice only
    a, b, _c = (n.officer for n in nominations)
    scored_session(a, first, 75)
    scored_session(a, second, 60)
    scored_session(b, first, 95)
    scored_session(b, second, 40)
    attend_all(programme, nominations, cell_admin)
    return programme, nominations


def test_finalise_needs_the_counting_scenarios(practised, cell_admin):
    programme, nominations = practised
    preview = programme_selectors.finalise_preview(programme)
    expected = [S.ATTENDED, S.NO_SHOW, S.NO_SHOW]
    assert [
        {row.nomination.pk: row.state for row in preview.rows}[n.pk] for n in nominations
    ] == expected
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert counts[S.ATTENDED] == 1 and counts[S.NO_SHOW] == 2
    assert [Nomination.objects.get(pk=n.pk).state for n in nominations] == expected


def test_without_counting_scenarios_attendance_alone_decides(ended_programme_factory, cell_admin):
    seed_simulator()
    programme, nominations = ended_programme_factory(sessions=1, confirmed=2, approved=0)
    assign(programme, Scenario.objects.first(), counts_toward_completion=False, min_score=90)
    attend_all(programme, nominations, cell_admin)
    counts = programme_services.finalise_programme(programme=programme, actor=cell_admin)
    assert counts[S.ATTENDED] == 2


def test_the_single_officer_rule_agrees(practised):
    programme, nominations = practised
    for nomination, met in zip(nominations, (True, False, False), strict=True):
        nomination.programme = programme
        assert (
            completion.completion_rule_met(nomination=nomination, total_sessions=1, present=1)
            is met
        )
