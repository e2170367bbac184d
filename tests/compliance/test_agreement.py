"""The database's compliance states (``selectors.covered_officers``) agree with the pure
definition (``rules.state_for``) on generated officers, roles, completions, revoked
certificates, exemptions and dates (leap days among them). The oracle here works from the
generated facts, not from what the database annotated."""

import datetime
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance import rules, selectors
from compliance.enums import RoleKind
from compliance.models import Exemption
from tests.factories import make_user
from tests.factories.accounts import DepartmentFactory
from tests.factories.compliance import (
    attended,
    certificate,
    completed_online,
    finished_programme,
    hold_role,
    make_rule,
)

D = datetime.date
LEAP_DAYS = [D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2028, 2, 29), D(2025, 2, 28)]
days = st.one_of(st.dates(D(2019, 6, 1), D(2031, 12, 31)), st.sampled_from(LEAP_DAYS))
KINDS = [RoleKind.RTS_DESIGNATED_OFFICER, RoleKind.GRO]

terms_shapes = st.fixed_dictionaries(
    {
        "due_within_days": st.integers(0, 400),
        "valid_years": st.sampled_from([None, 1, 2, 3, 4]),
        "renewal_window_days": st.integers(0, 200),
        "starts_on": days,
        "applies_to_existing": st.booleans(),
        "about_roles": st.booleans(),
    }
)
role_shapes = st.fixed_dictionaries(
    {
        "kind": st.sampled_from([KINDS[0], KINDS[0], KINDS[1]]),
        "since": days,
        "length": st.one_of(st.none(), st.integers(0, 2000)),
    }
)
completion_shapes = st.fixed_dictionaries(
    {"on": days, "ours": st.booleans(), "revoked": st.booleans(), "reissued": st.booleans()}
)
officer_shapes = st.fixed_dictionaries(
    {
        "roles": st.lists(role_shapes, max_size=2),
        "programmes": st.lists(completion_shapes, max_size=3),
        "online": st.lists(completion_shapes, max_size=1),
        "exempt": st.booleans(),
    }
)
counter = itertools.count()


def near(pivot, terms, shape, free):
    """A day at one of the first officer's boundaries (deadline, window, expiry), so that
    the generated days hit the edges where off-by-one mistakes live."""
    window = datetime.timedelta(days=terms["renewal_window_days"])
    since = shape["roles"][0]["since"] if shape["roles"] and terms["about_roles"] else None
    initial = rules.anchor(
        rules.Terms(**{k: v for k, v in terms.items() if k != "about_roles"}), since
    )
    initial += datetime.timedelta(days=terms["due_within_days"])
    done = [c["on"] for c in shape["programmes"] + shape["online"]]
    expiry = None
    if done and terms["valid_years"]:
        expiry = rules.add_years(max(done), terms["valid_years"])
    return {
        "initial": initial,
        "initial_window": initial - window,
        "expiry": expiry,
        "expiry_window": expiry - window if expiry else None,
    }.get(pivot) or free


def expected(shape, officer, rule, today):
    """The standing by the generated facts alone, or None when the rule does not cover."""
    since = None
    if rule.role_kinds:
        held = [
            role["since"]
            for role in shape["roles"]
            if role["kind"] in rule.role_kinds
            and role["since"] <= today
            and (
                role["length"] is None
                or today <= role["since"] + datetime.timedelta(role["length"])
            )
        ]
        if not held:
            return None
        since = min(held)
    counted = [
        c["on"]
        for c in shape["programmes"] + shape["online"]
        if c["ours"] and c["on"] <= today and (not c["revoked"] or c["reissued"])
    ]
    return rules.state_for(
        terms=rules.Terms.of(rule),
        today=today,
        since=since,
        latest=max(counted, default=None),
        exempt=shape["exempt"],
    ).state


@pytest.mark.django_db
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    terms=terms_shapes,
    people=st.lists(officer_shapes, min_size=1, max_size=4),
    today=days,
    pivot=st.sampled_from(["free", "initial", "initial_window", "expiry", "expiry_window"]),
    delta=st.integers(-1, 1),
)
def test_database_agrees_with_state_for(
    course, other_course, cell_admin, terms, people, today, pivot, delta
):
    today = near(pivot, terms, people[0], today) + datetime.timedelta(days=delta)
    about_roles = terms.pop("about_roles")
    n = next(counter)
    department = DepartmentFactory(name=f"Generated {n}", code=f"G{n}")
    rule = make_rule(courses=[course], role_kinds=[KINDS[0]] if about_roles else [], **terms)
    officers = []
    for i, shape in enumerate(people):
        officer = make_user(department=department, employee_code=f"G{n}-{i}")
        for role in shape["roles"]:
            until = None
            if role["length"] is not None:
                until = role["since"] + datetime.timedelta(days=role["length"])
            hold_role(officer, kind=role["kind"], since=role["since"], until=until)
        for c in shape["programmes"]:
            taught = course if c["ours"] else other_course
            programme = finished_programme(course=taught, ends_on=c["on"])
            attended(officer, programme)
            if c["revoked"]:
                old = certificate(officer, taught, programme=programme, revoked=True)
                if c["reissued"]:
                    old.replaced_by = certificate(officer, taught, programme=programme)
                    old.save()
        for c in shape["online"]:
            taught = course if c["ours"] else other_course
            completed_online(officer, taught, on=c["on"])
            if c["revoked"]:
                old = certificate(officer, taught, revoked=True)
                if c["reissued"]:
                    old.replaced_by = certificate(officer, taught)
                    old.save()
        if shape["exempt"]:
            Exemption.objects.create(officer=officer, rule=rule, reason="Generated")
        officers.append((officer, shape))
    found = {
        fact.id: fact.state
        for fact in selectors.facts(rule, today=today, department_id=department.pk)
    }
    wanted = {
        officer.pk: state
        for officer, shape in officers
        if (state := expected(shape, officer, rule, today)) is not None
    }
    assert found == wanted
