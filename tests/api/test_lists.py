"""List endpoints: pagination (page numbers, page_size at most 100) and a number of
queries that does not grow with the number of rows (1 row and 20 rows cost the same)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.enums import CertificateStatus
from certificates.models import Certificate
from courses.enums import EnrolmentSource
from courses.models import Enrolment
from lms.accounts.models import User
from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.api.conftest import client_for
from tests.factories import build_course, make_user
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8  # token + user, roles, count, page, prefetches: the same for 1 or 20 rows


def _officers(department, n, *, prefix="Q"):
    """``n`` active trainees of ``department`` in one INSERT (no roles needed)."""
    return User.objects.bulk_create(
        User(
            username=f"{prefix.lower()}{i}",
            first_name=f"{prefix}{i:03d}",
            employee_code=f"{prefix}{i:04d}",
            department=department,
            level="cutting_edge",
            is_active=True,
        )
        for i in range(n)
    )


@pytest.fixture
def course(db):
    return build_course(modules=1, lessons_per_module=2)


@pytest.fixture
def grow(course, department, trainee):
    """``grow(kind, n)``: add ``n`` rows of one list's kind (programmes, nominations of the
    trainee's department, the trainee's enrolments and certificates, officers)."""
    counter = iter(range(10_000))

    def make(kind, n):
        for _ in range(n):
            i = next(counter)
            if kind == "programmes":
                open_programme(course=course, title=f"Batch {i}", sessions=1)
            elif kind == "nominations":
                programme = open_programme(course=course, title=f"Batch {i}", sessions=1)
                Nomination.objects.create(
                    programme=programme,
                    officer=trainee,
                    department=department,
                    state=NominationState.SUBMITTED,
                )
            elif kind == "enrolments":
                Enrolment.objects.create(
                    user=trainee,
                    course=build_course(modules=1, lessons_per_module=1),
                    source=EnrolmentSource.SELF,
                )
            elif kind == "certificates":
                Certificate.objects.create(
                    number=f"HIPA/SEV/2025-26/{i:06d}",
                    holder=trainee,
                    holder_name="Trainee",
                    course=course,
                    course_title=course.title,
                    hours=6,
                    issued_on=timezone.localdate() - datetime.timedelta(days=i),
                    status=CertificateStatus.REVOKED,  # one valid per holder and course
                )
            elif kind == "officers":
                _officers(department, 1, prefix=f"G{i}x")

    return make


LISTS = [
    ("programmes", "/api/programmes/", "anonymous"),
    ("programmes", "/api/programmes/", "cell"),
    ("programmes", "/api/programmes/?open_for_nomination=true", "hod_a"),
    ("nominations", "/api/nominations/", "trainee"),
    ("nominations", "/api/nominations/", "hod_a"),
    ("nominations", "/api/nominations/", "cell"),
    ("nominations", "/api/nominations/mine/", "trainee"),
    ("enrolments", "/api/enrolments/", "trainee"),
    ("certificates", "/api/certificates/", "trainee"),
    ("officers", "/api/officers/", "hod_a"),
    ("officers", "/api/officers/", "cell"),
    ("officers", "/api/reports/department/never-trained/", "hod_a"),
]


@pytest.mark.parametrize(("kind", "url", "role"), LISTS, ids=[f"{u}-{r}" for _k, u, r in LISTS])
def test_query_count_does_not_grow_with_rows(
    kind, url, role, users, grow, django_assert_max_num_queries
):
    client = client_for(users[role])

    def measure():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"page_size": 100})
        assert response.status_code == 200
        return len(queries), response.json()["count"]

    grow(kind, 1)
    client.get(url)  # warm caches that are filled once per process (content types)
    one, count_one = measure()
    grow(kind, 19)
    twenty, count_twenty = measure()
    assert count_twenty >= count_one + 19
    assert twenty == one, f"{one} queries for the first rows, {twenty} for twenty more"
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url, {"page_size": 100})


def test_page_numbers_and_page_size(cell_admin, department):
    _officers(department, 30)
    client = client_for(cell_admin)
    first = client.get("/api/officers/", {"page_size": 10, "q": "Q0"}).json()
    assert first["count"] == 30
    assert len(first["results"]) == 10
    assert "page=2" in first["next"] and first["previous"] is None
    third = client.get("/api/officers/", {"page_size": 10, "page": 3, "q": "Q0"}).json()
    assert len(third["results"]) == 10 and third["next"] is None
    names = [r["first_name"] for r in first["results"] + third["results"]]
    assert names == sorted(names)
    assert client.get("/api/officers/", {"page": 99, "q": "Q0"}).status_code == 404
    default = client.get("/api/officers/", {"q": "Q0"}).json()
    assert len(default["results"]) == 25


def test_page_size_is_capped_at_100(cell_admin, department):
    _officers(department, 105)
    # "Q0" matches all 105 (codes Q0000..Q0104) and no generated name of another user.
    response = client_for(cell_admin).get("/api/officers/", {"page_size": 1000, "q": "Q0"})
    body = response.json()
    assert body["count"] == 105
    assert len(body["results"]) == 100


def test_officer_filters(cell_admin, department):
    _officers(department, 3)
    make_user(Role.TRAINEE, department=department, level="top", first_name="Zed")
    client = client_for(cell_admin)
    top = client.get("/api/officers/", {"level": "top"}).json()["results"]
    assert [r["first_name"] for r in top] == ["Zed"]
    assert client.get("/api/officers/", {"employee_code": "Q0001"}).json()["count"] == 1
    assert client.get("/api/officers/", {"level": "senior"}).status_code == 400
