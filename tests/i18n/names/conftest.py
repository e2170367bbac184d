"""Departments, topics and an officer with a Hindi name entered, and without."""

import pytest

from lms.core.roles import Role
from tests.factories import DistrictFactory, OfficeFactory, TopicFactory, make_user
from tests.i18n.names.helpers import BARE_TOPIC, DISTRICT, OFFICE, PLANNING, POST, REVENUE, TOPIC


@pytest.fixture
def revenue(department):
    department.name, department.name_hi = REVENUE
    department.save()
    return department


@pytest.fixture
def planning(other_department):
    other_department.name, other_department.name_hi = PLANNING, ""
    other_department.save()
    return other_department


@pytest.fixture
def officer(revenue):
    district = DistrictFactory(name=DISTRICT[0], name_hi=DISTRICT[1])
    office = OfficeFactory(department=revenue, name=OFFICE[0], name_hi=OFFICE[1], district=district)
    return make_user(
        Role.TRAINEE,
        department=revenue,
        office=office,
        district=district,
        designation=POST[0],
        designation_hi=POST[1],
        first_name="Pooja",
        last_name="Devi",
    )


@pytest.fixture
def topics(db):
    named = TopicFactory(name=TOPIC[0], name_hi=TOPIC[1], slug="right-to-service")
    bare = TopicFactory(name=BARE_TOPIC, name_hi="", slug="is-15700")
    return named, bare
