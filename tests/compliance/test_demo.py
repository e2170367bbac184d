"""The demo's mandatory training: two rules and officers in every state, so the HOD's and
the cell's pages show real numbers; seeding again adds nothing."""

import pytest
from django.db import transaction
from django.utils import timezone

from compliance import selectors
from compliance.enums import ComplianceState
from compliance.models import RoleHeld, TrainingRule
from demo.compliance import GRO_RULE, RTS_RULE
from demo.seed import seed_demo
from lms.accounts.models import User
from lms.core.models import AuditEntry

C = ComplianceState


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return _seeded_once


def test_the_demo_has_both_rules_and_officers_in_every_state(seeded):
    assert set(TrainingRule.objects.values_list("name", flat=True)) == {RTS_RULE, GRO_RULE}
    totals = selectors.totals(selectors.state_counts(today=timezone.localdate()), by=1)
    rts = totals[TrainingRule.objects.get(name=RTS_RULE).pk]
    gro = totals[TrainingRule.objects.get(name=GRO_RULE).pk]
    assert rts[C.OVERDUE] > 0 and rts[C.DUE] > 0 and rts[C.NOT_YET_DUE] > 0
    assert rts[C.COMPLIANT] == 3 and rts[C.EXEMPT] == 1
    assert gro[C.OVERDUE] > 0 and gro[C.NOT_YET_DUE] > 0
    assert AuditEntry.objects.filter(action="compliance.role_set").count() == (
        RoleHeld.objects.count()
    )


def test_the_revenue_hod_sees_their_officers_and_can_nominate(seeded, client):
    hod = User.objects.get(username="hod.revenue")
    client.force_login(hod)
    rule = TrainingRule.objects.get(name=RTS_RULE)
    response = client.get("/compliance/", {"rule": rule.pk})
    rows = response.context["page"].object_list
    assert rows and {row.officer.department_id for row in rows} == {hod.department_id}
    assert {row.state for row in rows} >= {C.OVERDUE, C.DUE, C.COMPLIANT}
    assert [p.title for p in response.context["programmes"]] == [
        "Right to Service and the Auto Appeal System"
    ]


def test_seeding_again_adds_no_compliance_data(seeded):
    again = seed_demo()
    assert not {"training rules", "roles held", "exemptions"} & set(again.created)
