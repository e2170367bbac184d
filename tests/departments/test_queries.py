"""The officer list and its CSV export run a fixed number of queries however many
officers the department has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.core.roles import Role
from tests.factories import DistrictFactory, OfficeFactory, make_user

pytestmark = pytest.mark.django_db

OFFICERS = "/department/officers/"
EXPORT = "/department/officers/export.csv"


def add_officers(department, count):
    """Officers with their own office and district, so a lazy load would show."""
    for _ in range(count):
        make_user(
            Role.TRAINEE,
            department=department,
            office=OfficeFactory(department=department),
            district=DistrictFactory(),
        )


def open_list(client):
    response = client.get(OFFICERS)
    assert response.status_code == 200
    return response


def open_export(client):
    response = client.get(EXPORT)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def count_queries(action, client) -> int:
    with CaptureQueriesContext(connection) as context:
        action(client)
    return len(context)


@pytest.mark.parametrize("viewer", ["hod", "cell_admin"])
@pytest.mark.parametrize("action", [open_list, open_export], ids=["list", "export"])
def test_queries_do_not_grow_from_5_to_50_officers(
    client, request, department, viewer, action, django_assert_num_queries
):
    client.force_login(request.getfixturevalue(viewer))
    add_officers(department, 5)
    action(client)  # warm caches (content types, session) before counting
    with_5 = count_queries(action, client)
    assert with_5 <= 8  # session, user, roles, count, one page or one export query, ...

    add_officers(department, 45)
    with django_assert_num_queries(with_5):  # exactly as many with 50 officers
        action(client)
    assert count_queries(action, client) == with_5


def test_export_lists_all_50_rows_in_those_queries(client, hod, department):
    add_officers(department, 50)
    client.force_login(hod)
    lines = open_export(client).decode("utf-8").strip().splitlines()
    assert len(lines) == 1 + 51  # header, 50 officers and the HOD
