"""The mutation audit (simulator/audit.py, ``manage.py simulator_audit``): wrong plays
derived from every seeded scenario's key, played through the engine like a trainee.

The generator is tested to apply (the key scores 100; every scenario gets real wrong plays
of each kind that fits it), and the simulator issue's target is enforced: every wrong play
at least 15 below the key, every hard-rule break at most 40."""

import io

import pytest
from django.core.management import call_command

from simulator.audit import MARGIN, audit, mutations
from simulator.models import Scenario
from simulator.rubric import HARD_FAIL_CAP

pytestmark = pytest.mark.django_db


def test_the_key_scores_full_marks_and_every_wrong_play_loses(seeded, trainee, monday):
    """One pass of the audit over every seeded scenario (each pass replays hundreds of
    plays): the key scores 100, each scenario gets real wrong plays of the kinds that fit
    it, every wrong play scores at least MARGIN below the key and every hard-rule break at
    most HARD_FAIL_CAP."""
    for scenario in Scenario.objects.order_by("code"):
        row = audit(scenario, trainee, now=monday)
        assert row.key == 100, scenario.code
        kinds = {name.split(":")[0] for name in row.scores}
        assert {"stop-before", "late"} <= kinds, (scenario.code, kinds)
        assert len(row.scores) >= 3, (scenario.code, row.scores, row.same_as_key)
        assert row.margin >= MARGIN, (scenario.code, row.closest)
        assert row.hard_max[1] <= HARD_FAIL_CAP, (scenario.code, row.hard_max)


def test_the_generator_fits_each_kind_of_case(seeded):
    by_code = {s.code: {m.name for m in mutations(s)} for s in Scenario.objects.all()}
    bribe = by_code["cmw-mutation-bribe-allegation"]
    assert "reassign:back-to-accused" in bribe and any(n.startswith("reassign:") for n in bribe)
    sub_judice = by_code["cpgrams-land-sub-judice"]
    assert any(n.startswith("reason:") for n in sub_judice)
    assert "close-in-scope-as-out-of-scope" not in sub_judice
    pension = by_code["cpgrams-pension-wrong-department"]
    assert "close-in-scope-as-out-of-scope" in pension and any(
        n.startswith("office:") for n in pension
    )


def test_the_command_prints_a_line_per_scenario_and_the_summary(seeded):
    out = io.StringIO()
    call_command("simulator_audit", "cpgrams-pension-wrong-department", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("cpgrams-pension-wrong-department") and "key=100" in lines[0]
    assert "margin=" in lines[0] and "hard-rule-max=" in lines[0]
    assert lines[-1].startswith("min margin ")
