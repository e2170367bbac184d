"""One set of eligibility rules, three readers: the HOD's list of officers to choose from
(``selectors.eligible_officers``), the upload preview (``bulk.check_rows``) and the services
(``nominate``, ``substitute``). On generated officers and programmes, all three must agree
with ``eligibility.rule_broken``."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.core.enums import Level
from lms.core.roles import Role
from nominations import bulk, eligibility, selectors, services
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import make_user
from tests.factories.accounts import DepartmentFactory
from tests.nominations.factories import open_programme

LEVELS = list(Level.values)
officer_shapes = st.fixed_dictionaries(
    {
        "where": st.sampled_from(["ours", "other", "none"]),
        "active": st.booleans(),
        "level": st.sampled_from(LEVELS + [""]),
        "nominated": st.sampled_from([None, NominationState.SUBMITTED, NominationState.REJECTED]),
    }
)
programme_shapes = st.fixed_dictionaries(
    {
        "levels": st.lists(st.sampled_from(LEVELS), unique=True, max_size=3),
        "quotas": st.sampled_from(["none", "ours", "other only"]),
    }
)
counter = itertools.count()


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(shape=programme_shapes, people=st.lists(officer_shapes, min_size=1, max_size=6))
def test_every_reader_agrees_with_the_rules(cell_admin, shape, people):
    n = next(counter)
    ours = DepartmentFactory(name=f"Ours {n}", code=f"O{n}")
    other = DepartmentFactory(name=f"Other {n}", code=f"X{n}")
    hod = make_user(Role.HOD, department=ours, level="top")
    quotas = {"none": None, "ours": {ours: 50, other: 5}, "other only": {other: 5}}
    programme = open_programme(capacity=100, levels=shape["levels"], quotas=quotas[shape["quotas"]])
    officers = []
    for i, person in enumerate(people):
        department = {"ours": ours, "other": other, "none": None}[person["where"]]
        officer = make_user(
            Role.TRAINEE,
            department=department,
            is_active=person["active"],
            level=person["level"],
            employee_code=f"E{n}-{i}",
        )
        if person["nominated"]:
            Nomination.objects.create(
                programme=programme,
                officer=officer,
                department=department or ours,
                state=person["nominated"],
                nominated_by=hod,
            )
        officers.append(officer)

    def rule(officer):
        return eligibility.rule_broken(programme=programme, officer=officer, department_id=ours.pk)

    listed = set(selectors.eligible_officers(programme=programme, department_id=ours.pk))
    rows = bulk.check_rows(
        programme=programme,
        department_id=ours.pk,
        rows=[
            {"number": i, "employee_code": o.employee_code, "note": ""}
            for i, o in enumerate(officers, 2)
        ],
    )
    for officer, row in zip(officers, rows, strict=True):
        broken = rule(officer)
        assert (officer in listed) == (broken is None), (officer, broken)
        assert row.ok == (broken is None), (officer, broken, row.error)
        if broken:
            assert row.error == eligibility.message(broken)
    # the service, for the cell (any department): the same verdict, the same words
    for officer in officers:
        broken = eligibility.rule_broken(programme=programme, officer=officer)
        if broken is None:
            services.nominate(programme=programme, officer=officer, actor=cell_admin)
        else:
            with pytest.raises(services.NominationError) as refusal:
                services.nominate(programme=programme, officer=officer, actor=cell_admin)
            assert str(refusal.value) == eligibility.message(broken, officer)


def test_the_upload_preview_names_a_department_without_seats(
    department, other_department, officer_factory
):
    """The preview used to accept an officer whose department has no seats in the
    programme (the import then failed); it now says so on the row, as the service does."""
    programme = open_programme(capacity=5, quotas={other_department: 2})
    officer = officer_factory(department, employee_code="REV777")
    [row] = bulk.check_rows(
        programme=programme,
        department_id=department.pk,
        rows=[{"number": 2, "employee_code": "REV777", "note": ""}],
    )
    assert not row.ok
    assert row.error == "This programme has no seats for the officer's department."
    assert officer not in selectors.eligible_officers(
        programme=programme, department_id=department.pk
    )
