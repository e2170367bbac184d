"""Every endpoint for every role: the expected status. Anonymous callers get 401 on private
endpoints; a role that may not use an endpoint gets 403; an object outside the caller's
scope is a 404."""

import pytest
from django.db import transaction

from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.api.conftest import ROLES
from tests.factories import make_user

pytestmark = pytest.mark.django_db

A, T, HA, HB, TR, D, C = ROLES  # anonymous, trainee, hod_a, hod_b, trainer, director, cell


def expect(default, **overrides):
    """{role: status}: ``default`` for every role, except those named."""
    table = dict.fromkeys(ROLES, default)
    table.update(overrides)
    return table


# (name, method, path template, body, {role: status})
READS = [
    ("programmes", "get", "/api/programmes/", None, expect(200)),
    ("programme", "get", "/api/programmes/{programme}/", None, expect(200)),
    ("draft programme", "get", "/api/programmes/{draft}/", None, expect(404, cell=200)),
    ("nominations", "get", "/api/nominations/", None, expect(200, anonymous=401)),
    ("my nominations", "get", "/api/nominations/mine/", None, expect(200, anonymous=401)),
    (
        "nomination of A",
        "get",
        "/api/nominations/{nomination_a}/",
        None,
        expect(404, anonymous=401, trainee=200, hod_a=200, cell=200),
    ),
    (
        "nomination of B",
        "get",
        "/api/nominations/{nomination_b}/",
        None,
        expect(404, anonymous=401, hod_b=200, cell=200),
    ),
    ("enrolments", "get", "/api/enrolments/", None, expect(200, anonymous=401)),
    (
        "enrolment",
        "get",
        "/api/enrolments/{enrolment}/",
        None,
        expect(404, anonymous=401, trainee=200),
    ),
    ("certificates", "get", "/api/certificates/", None, expect(200, anonymous=401)),
    ("verify", "get", "/api/certificates/verify/{serial}/", None, expect(200)),
    ("verify unknown", "get", "/api/certificates/verify/nope/", None, expect(404)),
    ("verify by number", "get", "/api/certificates/verify/?q={number}", None, expect(200)),
    ("yearly report", "get", "/api/reports/yearly/", None, expect(403, anonymous=401, cell=200)),
    ("FY report", "get", "/api/reports/fy/2025-26/", None, expect(403, anonymous=401, cell=200)),
    (
        "department report",
        "get",
        "/api/reports/department/",
        None,
        expect(403, anonymous=401, hod_a=200, hod_b=200),
    ),
    (
        "never trained",
        "get",
        "/api/reports/department/never-trained/",
        None,
        expect(403, anonymous=401, hod_a=200, hod_b=200),
    ),
    (
        "officers",
        "get",
        "/api/officers/",
        None,
        expect(403, anonymous=401, hod_a=200, hod_b=200, cell=200),
    ),
    ("schema", "get", "/api/schema/", None, expect(200)),
    ("docs", "get", "/api/docs/", None, expect(200)),
]

WRITES = [
    (
        "nominate an officer of A",
        "post",
        "/api/nominations/",
        {"programme": "{programme}", "officer": "{new_officer_a}"},
        expect(403, anonymous=401, hod_a=201, hod_b=404),
    ),
    (
        "decide",
        "post",
        "/api/nominations/{nomination_a}/decide/",
        {"decision": "approved"},
        expect(403, anonymous=401, cell=200),
    ),
    (
        "confirm",
        "post",
        "/api/nominations/{approved_a}/confirm/",
        {},
        expect(404, anonymous=401, trainee=200),
    ),
    (
        "decline",
        "post",
        "/api/nominations/{approved_a}/decline/",
        {"note": "On leave"},
        expect(404, anonymous=401, trainee=200),
    ),
    (
        "withdraw",
        "post",
        "/api/nominations/{nomination_a}/withdraw/",
        {},
        expect(403, anonymous=401, trainee=403, hod_a=200, hod_b=404, cell=200),
    ),
    (
        "enrol",
        "post",
        "/api/enrolments/",
        {"course": "{course}"},
        expect(201, anonymous=401, trainee=200),
    ),
    (
        "push an officer",
        "put",
        "/api/officers/",
        {"employee_code": "REV900", "department": "REV", "first_name": "Asha"},
        expect(403, anonymous=401, cell=201),
    ),
]

CASES = [
    pytest.param(method, path, body, table, id=name)
    for name, method, path, body, table in READS + WRITES
]


def _ids(world, department):
    new_officer = make_user(
        Role.TRAINEE, department=department, level="cutting_edge", username="new.officer.a"
    )
    # The trainee's own approved nomination (to another programme: one live per programme).
    approved = Nomination.objects.create(
        programme=world.draft,
        officer=world.officer_a,
        department=department,
        state=NominationState.APPROVED,
    )
    return {
        "programme": world.programme.pk,
        "draft": world.draft.pk,
        "nomination_a": world.nomination_a.pk,
        "nomination_b": world.nomination_b.pk,
        "approved_a": approved.pk,
        "enrolment": world.enrolment.pk,
        "serial": world.certificate.serial,
        "number": world.certificate.number,
        "course": world.course.pk,
        "new_officer_a": new_officer.pk,
    }


def _fill(value, ids):
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if filled.isdigit() and value.startswith("{") else filled
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body", "table"), CASES)
def test_endpoint_by_role(clients, users, world, department, method, path, body, table):
    """Each role in turn, each inside a savepoint rolled back afterwards, so that one
    role's successful write does not change what the next one meets."""
    ids = _ids(world, department)
    got = {}
    for role in ROLES:
        with transaction.atomic():
            response = getattr(clients[role], method)(
                _fill(path, ids), _fill(body, ids), format="json"
            )
            got[role] = response.status_code
            transaction.set_rollback(True)
    assert got == table
