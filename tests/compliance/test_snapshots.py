"""The monthly snapshots behind the cell's trend: a past month's snapshot holds, per
department and rule, the states ``rules.state_for`` gives on the month's last day (checked
on generated officers, roles, completions and exemptions); taking it again gives the same
rows; the beat task and the command take it; the state page shows the last twelve months."""

import datetime
import itertools
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance import months, selectors, services, tasks
from compliance.models import ComplianceSnapshot, Exemption
from lms.core.roles import Role
from tests.compliance.test_agreement import KINDS, expected, officer_shapes, terms_shapes
from tests.factories import make_user
from tests.factories.accounts import DepartmentFactory
from tests.factories.compliance import (
    attended,
    completed_online,
    finished_programme,
    hold_role,
    make_rule,
)

pytestmark = pytest.mark.django_db
D = datetime.date
LATER = D(2032, 1, 1)  # every generated month is over by then
counter = itertools.count()


def snapshot_counts(month, department, rule) -> dict[str, int]:
    row = ComplianceSnapshot.objects.filter(month=month, department=department, rule=rule).first()
    if row is None:
        return {}
    counts = {state: getattr(row, state) for state in ("compliant", "due", "overdue")}
    counts |= {state: getattr(row, state) for state in ("not_yet_due", "exempt")}
    return {state: n for state, n in counts.items() if n}


def build(shape, officer, course, other_course, rule):
    for role in shape["roles"]:
        until = None
        if role["length"] is not None:
            until = role["since"] + datetime.timedelta(days=role["length"])
        hold_role(officer, kind=role["kind"], since=role["since"], until=until)
    for c in shape["programmes"]:
        taught = course if c["ours"] else other_course
        attended(officer, finished_programme(course=taught, ends_on=c["on"]))
    for c in shape["online"]:
        completed_online(officer, course if c["ours"] else other_course, on=c["on"])
    if shape["exempt"]:
        Exemption.objects.create(officer=officer, rule=rule, reason="Generated")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    terms=terms_shapes,
    people=st.lists(officer_shapes, min_size=1, max_size=5),
    month=st.dates(D(2019, 6, 1), D(2031, 11, 30)),
)
def test_a_past_months_snapshot_is_state_for_on_its_last_day(
    course, other_course, terms, people, month
):
    # no revoked certificates here (the agreement test covers them): none is made below
    people = [
        {
            **shape,
            **{
                kind: [{**c, "revoked": False} for c in shape[kind]]
                for kind in ("programmes", "online")
            },
        }
        for shape in people
    ]
    about_roles = terms.pop("about_roles")
    n = next(counter)
    department = DepartmentFactory(name=f"Snapshot {n}", code=f"SN{n}")
    rule = make_rule(
        courses=[course],
        role_kinds=[KINDS[0]] if about_roles else [],
        department=department,
        **terms,
    )
    officers = []
    for i, shape in enumerate(people):
        officer = make_user(department=department, employee_code=f"SN{n}-{i}")
        build(shape, officer, course, other_course, rule)
        officers.append((officer, shape))

    services.take_snapshot(month=month, today=LATER)

    last_day = months.month_end(month)
    wanted = Counter(
        state
        for officer, shape in officers
        if (state := expected(shape, officer, rule, last_day)) is not None
    )
    if rule.starts_on > last_day:
        wanted = Counter()  # not in force yet: no snapshot row
    assert snapshot_counts(months.month_start(month), department, rule) == dict(wanted)


@pytest.fixture
def population(course, department, other_department):
    """A rule for RTS designated officers (90 days, 3 years, window 60, from 2024) and, in
    two departments, officers overdue, due, compliant, not yet due and exempt on 31 May
    2025."""
    rule = make_rule(
        courses=[course], name="RTS", due_within_days=90, renewal_window_days=60, starts_on=D(2024, 1, 1)
    )  # fmt: skip
    made = {}
    for name, dept, since, trained in (
        ("overdue", department, D(2024, 1, 1), None),  # deadline 31 Mar 2024
        ("late", department, D(2025, 3, 1), None),  # deadline 30 May 2025: overdue 31 May
        ("due", department, D(2025, 4, 1), None),  # deadline 30 Jun 2025: due on 31 May
        ("new", department, D(2025, 5, 20), None),  # deadline 18 Aug 2025: not yet due
        ("trained", department, D(2024, 1, 1), D(2024, 6, 1)),
        ("elsewhere", other_department, D(2024, 1, 1), None),
        ("exempt", other_department, D(2024, 1, 1), None),
    ):
        officer = make_user(Role.TRAINEE, department=dept, first_name=name)
        hold_role(officer, since=since)
        if trained:
            attended(officer, finished_programme(course=course, ends_on=trained))
        made[name] = officer
    Exemption.objects.create(officer=made["exempt"], rule=rule, reason="Retiring")
    return rule, made


@pytest.fixture
def on_day(monkeypatch):
    """``on_day(date)``: the local date is ``date`` for the rest of the test."""

    def move(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return move


def rows():
    return sorted(
        ComplianceSnapshot.objects.values_list(
            "month", "department_id", "rule_id", "compliant", "due", "overdue", "not_yet_due",
            "exempt",
        )
    )  # fmt: skip


def test_the_snapshot_counts_each_department_and_taking_it_again_changes_nothing(
    population, department, other_department
):
    rule, made = population
    assert services.take_snapshot(month=D(2025, 5, 1), today=D(2025, 6, 1)) == 2
    may = D(2025, 5, 1)
    assert rows() == [
        (may, department.pk, rule.pk, 1, 1, 2, 1, 0),
        (may, other_department.pk, rule.pk, 0, 0, 1, 0, 1),
    ]
    first = rows()
    assert services.take_snapshot(month=D(2025, 5, 17), today=D(2025, 6, 1)) == 2
    assert rows() == first  # idempotent: the same rows, none added

    # training recorded late (a programme that ended in May) replaces May's counts
    attended(made["overdue"], finished_programme(course=rule.courses.get(), ends_on=may))
    services.take_snapshot(month=may, today=D(2025, 6, 1))
    assert rows() == [
        (may, department.pk, rule.pk, 2, 1, 1, 1, 0),
        (may, other_department.pk, rule.pk, 0, 0, 1, 0, 1),
    ]


def test_a_month_not_over_is_refused_and_a_retired_rule_keeps_its_rows(population):
    rule, _made = population
    with pytest.raises(services.ComplianceError, match="not over yet"):
        services.take_snapshot(month=D(2025, 6, 1), today=D(2025, 6, 29))
    assert services.take_snapshot(month=D(2025, 6, 1), today=D(2025, 6, 30)) == 2
    rule.is_active = False
    rule.save()
    assert services.take_snapshot(month=D(2025, 6, 1), today=D(2025, 7, 1)) == 0
    assert ComplianceSnapshot.objects.filter(rule=rule).count() == 2


def test_the_beat_task_takes_the_month_just_ended(population, on_day):
    on_day(D(2025, 6, 1))
    assert tasks.take_monthly_snapshot() == 2
    assert set(ComplianceSnapshot.objects.values_list("month", flat=True)) == {D(2025, 5, 1)}


def test_the_command_backfills(population, on_day, capsys):
    on_day(D(2025, 6, 10))
    call_command("compliance_snapshot", "--month", "2024-03")
    assert set(ComplianceSnapshot.objects.values_list("month", flat=True)) == {D(2024, 3, 1)}
    call_command("compliance_snapshot", "--months", "3")
    assert set(ComplianceSnapshot.objects.values_list("month", flat=True)) == {
        D(2024, 3, 1),
        D(2025, 3, 1),
        D(2025, 4, 1),
        D(2025, 5, 1),
    }
    assert "2025-05: 2 rows" in capsys.readouterr().out
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("compliance_snapshot", "--month", "May 2025")
    with pytest.raises(CommandError, match="not over yet"):
        call_command("compliance_snapshot", "--month", "2025-06")


def test_the_trend_is_twelve_months_in_one_query(population, django_assert_num_queries):
    rule, _made = population
    for month in (D(2024, 8, 1), D(2025, 5, 1)):
        services.take_snapshot(month=month, today=D(2025, 6, 1))
    with django_assert_num_queries(1):
        trend = selectors.monthly_trend(today=D(2025, 6, 15))
    assert [m.month for m in trend] == months.months_before(D(2025, 6, 15), 12)
    assert trend[0].month == D(2024, 6, 1) and trend[-1].month == D(2025, 5, 1)
    shown = {m.month: (m.total, m.counts and m.counts["compliant"]) for m in trend if m.counts}
    # August 2024: the trained officer is compliant, the others overdue or not yet in role
    assert shown == {D(2024, 8, 1): (4, 1), D(2025, 5, 1): (7, 1)}
    assert trend[-1].compliant_percent == 14  # 1 of 7
    assert trend[1].counts is None


def test_the_state_page_shows_the_trend(client, cell_admin, population, on_day):
    rule, _made = population
    on_day(D(2025, 6, 10))
    services.take_snapshot(month=D(2025, 5, 1))
    client.force_login(cell_admin)
    response = client.get("/compliance/state/")
    page = response.content.decode()
    assert "No snapshot for this month." in page
    trend = response.context["trend"]
    assert len(trend) == 12 and trend[-1].total == 7
    assert '<th scope="row">May 2025</th><td>7</td><td>1</td><td>1</td><td>3</td>' in page
    assert 'style="width: 14%"' in page
    other = make_rule(courses=list(rule.courses.all()), name="Nobody", starts_on=D(2030, 1, 1))
    response = client.get("/compliance/state/", {"trend_rule": other.pk})
    assert response.context["trend_rule"] == other
    assert all(month.counts is None for month in response.context["trend"])


def test_required_officers_by_rule_in_force(population, department, other_department, other_course):
    figures = selectors.officers_required(today=D(2025, 5, 31))
    # seven covered, one exempt from their only rule: six required, one compliant
    assert figures == {"required": 6, "compliant": 1, "overdue": 3}
    by_department = selectors.officers_required(today=D(2025, 5, 31), by_department=True)
    assert by_department == {
        department.pk: {"required": 5, "compliant": 1, "overdue": 2},
        other_department.pk: {"required": 1, "compliant": 0, "overdue": 1},
    }
    # before the rule is in force, nobody is required
    empty = {"required": 0, "compliant": 0, "overdue": 0}
    assert selectors.officers_required(today=D(2023, 12, 31)) == empty
    # a second rule the trained officer is overdue on: compliant on one rule is not enough
    make_rule(courses=[other_course], name="Every officer", role_kinds=[])
    figures = selectors.officers_required(today=D(2025, 5, 31))
    assert figures == {"required": 7, "compliant": 0, "overdue": 7}


@pytest.mark.django_db(transaction=True)
def test_the_migration_adds_and_removes_the_table():
    executor = MigrationExecutor(connection)
    executor.migrate([("compliance", "0001_initial")])
    assert "compliance_compliancesnapshot" not in connection.introspection.table_names()
    executor = MigrationExecutor(connection)
    executor.migrate([("compliance", "0002_compliance_snapshot")])
    assert "compliance_compliancesnapshot" in connection.introspection.table_names()
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, "compliance_compliancesnapshot"
        )
    unique = [c["columns"] for c in constraints.values() if c["unique"] and not c["primary_key"]]
    assert ["month", "department_id", "rule_id"] in unique
