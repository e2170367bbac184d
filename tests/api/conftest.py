"""Fixtures for the API tests: one token-authenticated client per role, and a small world
(an open programme with one nomination from each of two departments, an enrolment and a
certificate of the trainee)."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from certificates.models import Certificate
from courses.enums import ProgrammeStatus
from courses.services import enrol
from lms.core.roles import Role
from nominations import services as nominations
from tests.factories import CourseFactory, make_user
from tests.nominations.factories import open_programme

ROLES = ("anonymous", "trainee", "hod_a", "hod_b", "trainer", "director", "cell")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # the verification rate limit counts in the cache
    yield
    cache.clear()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def users(trainee, hod, other_hod, trainer, course_director, cell_admin):
    return {
        "anonymous": None,
        "trainee": trainee,
        "hod_a": hod,
        "hod_b": other_hod,
        "trainer": trainer,
        "director": course_director,
        "cell": cell_admin,
    }


@pytest.fixture
def clients(users):
    return {role: client_for(user) for role, user in users.items()}


@pytest.fixture
def world(department, other_department, trainee, hod, other_hod, cell_admin):
    """Department A (REV) with the trainee nominated by its HOD, department B (HLT) with
    one officer nominated by its HOD, both submitted; a draft programme; the trainee
    enrolled in the course and holding one certificate."""
    # A course without lessons: one Wagtail page is enough here, and pages are slow to make.
    programme = open_programme(capacity=5, title="Charter workshop", course=CourseFactory())
    officer_b = make_user(
        Role.TRAINEE, department=other_department, level="cutting_edge", username="officer.b"
    )
    nomination_a = nominations.nominate(programme=programme, officer=trainee, actor=hod)
    nomination_b = nominations.nominate(programme=programme, officer=officer_b, actor=other_hod)
    draft = open_programme(
        course=programme.course, title="Draft batch", status=ProgrammeStatus.DRAFT
    )
    enrolment = enrol(user=trainee, course=programme.course)
    certificate = Certificate.objects.create(
        number="HIPA/SEV/2025-26/000001",
        holder=trainee,
        holder_name=trainee.get_full_name(),
        course=programme.course,
        course_title=programme.course.title,
        hours=6,
        issued_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    return SimpleNamespace(
        programme=programme,
        draft=draft,
        course=programme.course,
        officer_a=trainee,
        officer_b=officer_b,
        nomination_a=nomination_a,
        nomination_b=nomination_b,
        enrolment=enrolment,
        certificate=certificate,
    )


@pytest.fixture
def hrms_account(department):
    """A service account tied to department A, holding the "push officers" permission."""
    from django.contrib.auth.models import Permission

    from lms.accounts.models import User

    user = User.objects.create(username="hrms.rev", department=department)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="api", codename="push_officers")
    )
    return user
