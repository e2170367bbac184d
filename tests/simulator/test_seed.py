"""seed_simulator: the three rulebooks from the source documents, at least 12 scenarios
with valid answer keys, idempotent; wired into seed_demo."""

import pytest
from django.core.management import call_command

from simulator import seed_data, services
from simulator.enums import RuleKind
from simulator.models import (
    Category,
    EscalationLadder,
    Grievance,
    Office,
    Rule,
    Rulebook,
    Scenario,
    Service,
)
from simulator.scripts import validate_script

pytestmark = pytest.mark.django_db

MODELS = (Rulebook, Rule, EscalationLadder, Category, Service, Office, Scenario)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_command_is_idempotent(capsys):
    call_command("seed_simulator")
    first = counts()
    assert "Simulator data ready" in capsys.readouterr().out
    call_command("seed_simulator")
    assert counts() == first
    assert "nothing new" in capsys.readouterr().out
    assert first["Rulebook"] == 3
    assert first["Scenario"] >= 12


def test_a_rerun_leaves_admin_edits_alone(seeded):
    scenario = Scenario.objects.get(code="bihar-dead-animal-evening")
    scenario.title = "Edited by a trainer"
    scenario.save()
    Rule.objects.filter(code="cpgrams.max-transfers").update(message="Edited")
    call_command("seed_simulator")
    assert Scenario.objects.get(pk=scenario.pk).title == "Edited by a trainer"
    assert Rule.objects.get(code="cpgrams.max-transfers").message == "Edited"


def test_every_scenario_and_its_key_is_valid(seeded):
    scenarios = list(Scenario.objects.select_related("rulebook"))
    assert len(scenarios) >= 12
    for scenario in scenarios:
        scenario.full_clean()  # the same checks the admin form runs
        assert validate_script(scenario.script) == []
        if scenario.key_in_scope:
            assert scenario.key_category.rulebook_id == scenario.rulebook_id
            assert not scenario.key_category.children.exists(), scenario.code
            assert scenario.key_office.rulebook_id == scenario.rulebook_id
        assert scenario.key_mandatory_steps, scenario.code
        assert scenario.source, scenario.code


def test_scenarios_cover_the_cases_of_the_issue(seeded):
    by_rulebook = {
        code: Scenario.objects.filter(rulebook__code=code).count()
        for code in ("cpgrams-2024", "haryana-cm-window-rts", "bihar-ulb-charter")
    }
    assert all(n >= 4 for n in by_rulebook.values()), by_rulebook
    kinds = {item["kind"] for s in Scenario.objects.all() for item in s.script}
    assert {
        "citizen_callback",
        "feedback",
        "duplicate_complaint",
        "corruption_allegation",
        "appeal",
        "reopen",
    } <= kinds
    assert Scenario.objects.filter(key_in_scope=False).exists()
    assert Scenario.objects.filter(key_is_rts=True, key_citizen_applied=False).exists()
    assert Scenario.objects.filter(prior_transfers__gte=3).exists()
    assert Scenario.objects.filter(initial_state="disposed").exists()


def test_the_rulebooks_carry_the_source_figures(seeded):
    cpgrams = Rulebook.objects.get(code="cpgrams-2024")
    assert (cpgrams.disposal_amount, cpgrams.disposal_unit) == (21, "calendar_days")
    assert cpgrams.rules.get(kind=RuleKind.MAX_TRANSFERS).params == {"max": 3}
    appeal = cpgrams.appeal_ladder.levels.get()
    assert (appeal.limit_amount, appeal.limit_unit) == (30, "calendar_days")

    bihar = Rulebook.objects.get(code="bihar-ulb-charter")
    ladders = {
        ladder.code: [(lvl.authority, lvl.limit_amount) for lvl in ladder.levels.all()]
        for ladder in bihar.ladders.all()
    }
    assert ladders["corporation"] == [
        ("Addl. Municipal Commissioner / EO", 7),
        ("Municipal Commissioner", 7),
        ("DMA", 15),
    ]
    assert ladders["council-panchayat"] == [
        ("City Manager", 7),
        ("Section Head", 7),
        ("Executive Officer", 7),
        ("DMA", 15),
    ]
    limits = {
        s.code: (s.limit_amount, s.limit_unit) for s in Service.objects.filter(rulebook=bihar)
    }
    assert limits["garbage-lifting"] == (24, "hours")
    assert limits["dead-animal"] == (8, "hours")
    assert limits["water-new-connection"] == (30, "calendar_days")
    assert limits["trade-licence"] == (10, "working_days")

    cmw = Rulebook.objects.get(code="haryana-cm-window-rts")
    aas = [(lvl.limit_amount, lvl.limit_unit) for lvl in cmw.appeal_ladder.levels.all()]
    assert aas == [(30, "working_days"), (30, "working_days"), (None, "calendar_days")]
    assert cmw.rules.filter(kind=RuleKind.FORBID_RETURN_REASON).exists()
    for rule in Rule.objects.all():
        rule.full_clean()
        assert rule.source, rule.code


def test_every_row_says_where_it_comes_from():
    for data in seed_data.RULEBOOKS:
        assert data["source"]
        assert all(ladder["source"] for ladder in data["ladders"])
        assert all(rule["source"] for rule in data["rules"])
        assert all(service[-1] for service in data["services"])
    assert all(s["source"] for s in seed_data.SCENARIOS)


def test_every_seeded_scenario_starts(seeded, trainee, monday):
    for scenario in Scenario.objects.all():
        session = services.start_session(trainee=trainee, scenario=scenario, now=monday)
        grievance = Grievance.objects.get(session=session, is_primary=True)
        assert grievance.reg_no
        assert grievance.events.filter(action="register").exists()


def test_seed_demo_loads_the_simulator(db):
    from demo.seed import seed_demo

    seed_demo()
    assert Scenario.objects.count() >= 12
    first = counts()
    seed_demo()
    assert counts() == first
