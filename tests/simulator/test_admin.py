"""Trainers and course directors author the simulator in the Wagtail admin; trainees and
HODs cannot; the rule params and scenario keys are validated on save."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from simulator.enums import RuleKind
from simulator.models import Rule, Rulebook, Scenario
from tests.factories.simulator import RuleFactory

pytestmark = pytest.mark.django_db

INDEXES = [
    "sim_scenarios:index",
    "sim_rulebooks:index",
    "sim_categories:index",
    "sim_services:index",
    "sim_offices:index",
    "sim_ladders:index",
    "sim_calendars:index",
]


@pytest.mark.parametrize("role_fixture", ["trainer", "course_director"])
def test_authors_open_every_simulator_screen(client, request, seeded, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    for name in INDEXES:
        assert client.get(reverse(name)).status_code == 200, name
        assert client.get(reverse(name), {"q": "Bihar"}).status_code == 200, name
    scenario = Scenario.objects.get(code="bihar-dead-animal-evening")
    assert client.get(reverse("sim_scenarios:edit", args=[scenario.pk])).status_code == 200
    assert client.get(reverse("sim_scenarios:add")).status_code == 200
    rulebook = Rulebook.objects.get(code="cpgrams-2024")
    page = client.get(reverse("sim_rulebooks:edit", args=[rulebook.pk]))
    assert page.status_code == 200
    assert "cpgrams.no-not-pertaining" in page.content.decode()


def test_only_course_directors_delete(trainer, course_director):
    assert not trainer.has_perm("simulator.delete_scenario")
    assert trainer.has_perm("simulator.change_scenario")
    assert course_director.has_perm("simulator.delete_scenario")
    assert course_director.has_perm("simulator.change_rulebook")


@pytest.mark.parametrize("role_fixture", ["trainee", "hod"])
def test_trainees_and_hods_have_no_authoring(client, request, seeded, role_fixture):
    user = request.getfixturevalue(role_fixture)
    assert not user.has_perm("simulator.view_scenario")
    client.force_login(user)
    response = client.get(reverse("sim_scenarios:index"))
    assert response.status_code == 302


def test_a_trainer_edits_a_scenario_through_the_admin(client, trainer, seeded):
    scenario = Scenario.objects.get(code="bihar-garbage-duplicate")
    client.force_login(trainer)
    url = reverse("sim_scenarios:edit", args=[scenario.pk])
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list):
            data[name] = value
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = field.prepare_value(value) if hasattr(field, "prepare_value") else value
    data["title"] = "Garbage, twice"
    data["script"] = '[{"kind": "weather", "payload": {}}]'
    response = client.post(url, data)
    assert response.status_code == 200  # re-rendered with the script error
    assert "kind must be one of" in response.content.decode()
    data["script"] = '[{"kind": "citizen_callback", "at_hours": 2, "payload": {"text": "Hello?"}}]'
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert Scenario.objects.get(pk=scenario.pk).title == "Garbage, twice"


def test_rule_params_are_validated(seeded):
    rulebook = Rulebook.objects.get(code="bihar-ulb-charter")
    rule = RuleFactory.build(rulebook=rulebook, kind=RuleKind.MAX_TRANSFERS, params={"max": "3"})
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule.params = {"max": 3, "colour": "red"}
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule.params = {"max": 3}
    rule.code = "Bad Code"
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule.code = "bihar.max-transfers"
    rule.full_clean()
    reopen = Rule(
        rulebook=rulebook,
        code="x.y",
        kind=RuleKind.REOPEN_WINDOW,
        title="t",
        message="m",
        params={"window": [3, "fortnights"]},
    )
    with pytest.raises(ValidationError):
        reopen.full_clean()


def test_a_scenario_key_must_fit_its_rulebook(seeded):
    scenario = Scenario.objects.get(code="bihar-garbage-duplicate")
    cpgrams_office = Rulebook.objects.get(code="cpgrams-2024").offices.first()
    scenario.key_office = cpgrams_office
    with pytest.raises(ValidationError) as error:
        scenario.full_clean()
    assert "key_office" in error.value.message_dict
    scenario = Scenario.objects.get(code="bihar-garbage-duplicate")
    scenario.key_category = scenario.rulebook.categories.get(code="swm")  # not a leaf
    scenario.key_forbidden_rules = ["nope.nope"]
    scenario.key_in_scope = False
    scenario.key_out_of_scope_reason = "because"
    with pytest.raises(ValidationError) as error:
        scenario.full_clean()
    assert {"key_category", "key_forbidden_rules", "key_out_of_scope_reason"} <= set(
        error.value.message_dict
    )
    assert Rule.objects.filter(rulebook=scenario.rulebook).exists()


def test_a_scenario_without_its_office_reports_a_field_error(seeded):
    rulebook = Rulebook.objects.get(code="bihar-ulb-charter")
    scenario = Scenario(
        code="no-office", title="No office", rulebook=rulebook, citizen_name="A", grievance_text="B"
    )
    with pytest.raises(ValidationError) as error:
        scenario.full_clean()
    assert "initial_office" in error.value.message_dict
