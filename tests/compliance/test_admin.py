"""The cell keeps training rules, exemptions and roles held in the admin; exemptions and
roles are saved through the services, so they are audited. Other roles cannot."""

import datetime

import pytest
from django.urls import reverse

from compliance import services
from compliance.models import Exemption, RoleHeld, TrainingRule
from lms.core.models import AuditEntry
from tests.factories.compliance import hold_role, make_rule

pytestmark = pytest.mark.django_db


def test_the_cell_adds_a_rule_in_the_admin(client, cell_admin, course):
    client.force_login(cell_admin)
    assert client.get(reverse("training_rules:add")).status_code == 200
    response = client.post(
        reverse("training_rules:add"),
        {
            "name": "GROs: grievance redress",
            "name_hi": "शिकायत निवारण अधिकारी",
            "role_kinds": ["gro", "pg_nodal"],
            "designation": "",
            "level": "",
            "department": "",
            "courses": [course.pk],
            "due_within_days": "90",
            "valid_years": "3",
            "renewal_window_days": "60",
            "starts_on": "2025-04-01",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    rule = TrainingRule.objects.get()
    assert rule.role_kinds == ["gro", "pg_nodal"]
    assert list(rule.courses.all()) == [course]
    assert not rule.applies_to_existing


def test_an_exemption_in_the_admin_is_audited(client, cell_admin, course, trainee):
    rule = make_rule(courses=[course])
    client.force_login(cell_admin)
    response = client.post(
        reverse("training_exemptions:add"),
        {"officer": trainee.pk, "rule": rule.pk, "reason": "Retiring this month"},
    )
    assert response.status_code == 302
    exemption = Exemption.objects.get()
    assert exemption.granted_by == cell_admin
    entry = AuditEntry.objects.get(action="compliance.exempted")
    assert entry.actor == cell_admin and entry.note == "Retiring this month"
    response = client.post(reverse("training_exemptions:delete", args=[exemption.pk]))
    assert not Exemption.objects.exists()
    assert AuditEntry.objects.filter(action="compliance.exemption_removed").count() == 1


def test_roles_held_in_the_admin_are_audited_with_their_history(client, cell_admin, trainee):
    client.force_login(cell_admin)
    client.post(
        reverse("roles_held:add"),
        {
            "officer": trainee.pk,
            "kind": "rts_designated_officer",
            "scope": "Domicile certificate, caste certificate",
            "from_date": "2024-04-01",
            "to_date": "",
        },
    )
    role = RoleHeld.objects.get()
    assert role.set_by == cell_admin
    client.post(
        reverse("roles_held:edit", args=[role.pk]),
        {
            "officer": trainee.pk,
            "kind": "rts_designated_officer",
            "scope": role.scope,
            "from_date": "2024-04-01",
            "to_date": "2025-03-31",
        },
    )
    role.refresh_from_db()
    assert role.to_date == datetime.date(2025, 3, 31)
    change = AuditEntry.objects.get(action="compliance.role_changed")
    assert change.data["before"]["to"] is None and change.data["after"]["to"] == "2025-03-31"


@pytest.mark.parametrize("role_fixture", ["trainer", "course_director"])
def test_authors_cannot_keep_rules(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    for name in ("training_rules:index", "training_exemptions:index", "roles_held:index"):
        assert client.get(reverse(name)).status_code == 302


def test_the_hod_sets_roles_in_their_department_only(hod, trainee, other_hod):
    role = services.set_role(
        officer=trainee,
        kind="gro",
        scope="Tehsil office",
        from_date=datetime.date(2024, 1, 1),
        actor=hod,
    )
    assert role.set_by == hod
    with pytest.raises(services.ComplianceError):
        services.set_role(
            officer=trainee, kind="gro", from_date=datetime.date(2024, 1, 1), actor=other_hod
        )
    with pytest.raises(services.ComplianceError):
        services.end_role(role=role, actor=hod, to_date=datetime.date(2023, 1, 1))
    ended = services.end_role(role=role, actor=hod, to_date=datetime.date(2024, 6, 30))
    assert ended.to_date == datetime.date(2024, 6, 30)


def test_only_the_cell_exempts(hod, trainee, course, cell_admin):
    rule = make_rule(courses=[course])
    hold_role(trainee, since=datetime.date(2024, 1, 1))
    with pytest.raises(services.ComplianceError):
        services.exempt(officer=trainee, rule=rule, reason="Busy", actor=hod)
    with pytest.raises(services.ComplianceError):
        services.exempt(officer=trainee, rule=rule, reason=" ", actor=cell_admin)
    services.exempt(officer=trainee, rule=rule, reason="On leave", actor=cell_admin)
    with pytest.raises(services.ComplianceError):
        services.exempt(officer=trainee, rule=rule, reason="Again", actor=cell_admin)
