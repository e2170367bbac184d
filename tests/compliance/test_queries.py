"""The compliance reads run a fixed number of queries, whatever the number of officers."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance import selectors
from compliance.models import RoleHeld
from lms.accounts.models import User
from tests.factories.accounts import DepartmentFactory
from tests.factories.compliance import attended, finished_programme, make_rule

pytestmark = pytest.mark.django_db


def department_of(size, course, tag):
    department = DepartmentFactory(name=f"Size {size}", code=f"S{size}")
    officers = User.objects.bulk_create(
        User(username=f"{tag}{i}", first_name=f"Officer {i}", department=department, password="!")
        for i in range(size)
    )
    RoleHeld.objects.bulk_create(
        RoleHeld(officer=o, kind="rts_designated_officer", from_date=datetime.date(2020, 1, 1))
        for o in officers
    )
    programme = finished_programme(course=course, ends_on=datetime.date(2023, 1, 1))
    for officer in officers[::50]:
        attended(officer, programme)
    return department


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_one_officer_or_five_hundred_cost_the_same_queries(course, other_course):
    expiring = make_rule(courses=[course])
    forever = make_rule(courses=[course, other_course], valid_years=None)
    small = department_of(1, course, "s")
    large = department_of(500, course, "l")
    today = datetime.date(2026, 6, 1)

    def rows(department):
        return lambda: selectors.department_rows(department_id=department.pk, today=today)

    def counts(department):
        return lambda: selectors.state_counts(today=today, department_id=department.pk)

    assert len(selectors.department_rows(department_id=large.pk, today=today)) == 1000
    # the rules, their courses, one per rule, the officers
    assert queries(rows(small)) == queries(rows(large)) == 5
    assert queries(counts(small)) == queries(counts(large)) == 4
    state = selectors.state_counts(today=today)
    # trained on 1 January 2023: expired after three years, or trained for good
    assert state[(large.pk, expiring.pk)]["overdue"] == 500
    assert state[(large.pk, forever.pk)]["overdue"] == 490
    assert state[(large.pk, forever.pk)]["compliant"] == 10


def test_the_pages_query_count_does_not_grow(client, course, hod):
    make_rule(courses=[course])

    def officers(first, last):
        made = User.objects.bulk_create(
            User(username=f"p{i}", first_name=f"P {i}", department=hod.department, password="!")
            for i in range(first, last)
        )
        RoleHeld.objects.bulk_create(
            RoleHeld(officer=o, kind="rts_designated_officer", from_date=datetime.date(2020, 1, 1))
            for o in made
        )

    officers(0, 1)
    client.force_login(hod)
    client.get("/compliance/")  # the session and the user's roles, once
    one = queries(lambda: client.get("/compliance/"))
    officers(1, 500)
    response = client.get("/compliance/")
    assert response.context["page"].paginator.count == 500
    assert queries(lambda: client.get("/compliance/")) == one
