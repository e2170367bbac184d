"""Enrolments with progress, certificates (own list, public verification and its rate
limit) and the reports as JSON."""

import datetime

import pytest
from django.utils import timezone

from certificates import services as certificate_services
from courses.enums import ProgrammeStatus
from courses.models import LessonPage
from courses.services import complete_lesson, enrol
from lms.core.fy import financial_year_label
from lms.core.roles import Role
from nominations.enums import NominationState
from tests.api.conftest import client_for
from tests.factories import build_course, make_user
from tests.reports.helpers import programme as completed_programme
from tests.reports.helpers import record

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------- enrolments
def test_enrolments_show_progress(trainee):
    course = build_course(modules=2, lessons_per_module=2)
    enrol(user=trainee, course=course)
    first = LessonPage.objects.live().descendant_of(course).order_by("path").first()
    complete_lesson(user=trainee, lesson=first)
    response = client_for(trainee).get("/api/enrolments/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["course"]["id"] == course.pk
    assert (row["lessons_done"], row["lessons_total"], row["percent"]) == (1, 4, 25)
    assert row["completed"] is False
    for lesson in LessonPage.objects.live().descendant_of(course):
        complete_lesson(user=trainee, lesson=lesson)
    (row,) = client_for(trainee).get("/api/enrolments/").json()["results"]
    assert (row["lessons_done"], row["completed"], row["percent"]) == (4, True, 100)


def test_enrolments_are_only_ones_own(clients, world):
    assert [r["id"] for r in clients["trainee"].get("/api/enrolments/").json()["results"]] == [
        world.enrolment.pk
    ]
    assert clients["hod_a"].get("/api/enrolments/").json()["results"] == []


def test_enrol_refusals_are_400_and_unknown_courses_404(trainee):
    course = build_course(modules=1, lessons_per_module=1, self_enrolment=False)
    client = client_for(trainee)
    response = client.post("/api/enrolments/", {"course": course.pk})
    assert response.status_code == 400
    assert "scheduled programmes only" in response.json()["detail"]
    assert client.post("/api/enrolments/", {"course": 999999}).status_code == 404
    assert client.post("/api/enrolments/", {"course": "x"}).status_code == 400


# ---------------------------------------------------------------- certificates
def test_certificates_list_only_own(clients, world, other_department):
    other = make_user(Role.TRAINEE, department=other_department)
    world.certificate.__class__.objects.create(
        number="HIPA/SEV/2025-26/000002",
        holder=other,
        holder_name="Someone Else",
        course=world.course,
        course_title=world.course.title,
        hours=6,
        issued_on=timezone.localdate(),
    )
    rows = clients["trainee"].get("/api/certificates/").json()["results"]
    assert [row["number"] for row in rows] == ["HIPA/SEV/2025-26/000001"]
    assert rows[0]["download_url"] is None  # no PDF rendered in this test
    assert clients["cell"].get("/api/certificates/").json()["results"] == []


def test_verify_shows_what_the_page_shows(world):
    client = client_for(None)
    response = client.get(f"/api/certificates/verify/{world.certificate.serial}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    body = response.json()
    assert body["number"] == world.certificate.number
    assert body["holder_name"] == world.certificate.holder_name
    assert body["valid"] is True and body["status"] == "valid"
    assert "holder" not in body and "serial" not in body and "grade" not in body
    by_number = client.get("/api/certificates/verify/", {"q": world.certificate.number})
    assert by_number.json()["number"] == world.certificate.number
    assert client.get("/api/certificates/verify/", {"q": ""}).status_code == 400


def test_revoked_certificate_is_reported_revoked(world, cell_admin):
    certificate_services.revoke(
        certificate=world.certificate, reason="Issued in error", actor=cell_admin
    )
    body = client_for(None).get(f"/api/certificates/verify/{world.certificate.serial}/").json()
    assert body["valid"] is False
    assert body["status"] == "revoked"
    assert body["revoked_on"] == timezone.localdate().isoformat()


def test_verify_is_rate_limited_together_with_the_page(world, settings, client):
    settings.VERIFY_RATE_LIMIT = 3
    api = client_for(None)
    assert client.get(f"/verify/{world.certificate.serial}/").status_code == 200  # the page
    assert api.get(f"/api/certificates/verify/{world.certificate.serial}/").status_code == 200
    assert api.get("/api/certificates/verify/unknown/").status_code == 404
    response = api.get(f"/api/certificates/verify/{world.certificate.serial}/")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert client.get(f"/verify/{world.certificate.serial}/").status_code == 429


# ---------------------------------------------------------------- reports
@pytest.fixture
def finished_year(department, other_department):
    """Two completed programmes in FY 2024-25: three completions in department A, one
    in B, and a no-show."""
    first = completed_programme(datetime.date(2024, 6, 14), title="June batch")
    second = completed_programme(datetime.date(2025, 1, 10), title="January batch")
    a = [make_user(Role.TRAINEE, department=department, level="middle") for _ in range(2)]
    b = make_user(Role.TRAINEE, department=other_department, level="top")
    record(first, a[0], NominationState.ATTENDED)
    record(first, a[1], NominationState.ATTENDED)
    record(second, a[0], NominationState.ATTENDED)
    record(second, b, NominationState.ATTENDED)
    record(second, make_user(Role.TRAINEE, department=other_department), NominationState.NO_SHOW)
    return first, second


def test_yearly_table(clients, finished_year):
    body = clients["cell"].get("/api/reports/yearly/").json()
    (row,) = [r for r in body["rows"] if r["year"] == "2024-25"]
    assert row == {
        "year": "2024-25",
        "programmes": 2,
        "participants": 4,
        "unique_officers": 3,
        "imported": False,
        "counting": "computed",
        "overlap": False,
        "imported_figures": None,
        "computed_figures": {"programmes": 2, "participants": 4},
    }
    assert body["total"]["year"] == "TOTAL"
    assert (body["total"]["unique_years"], body["total"]["years"]) == (1, 1)


def test_financial_year_report(clients, finished_year):
    response = clients["cell"].get("/api/reports/fy/2024-25/")
    assert response.status_code == 200
    body = response.json()
    assert body["fy"] == "2024-25"
    assert body["summary"]["programmes"] == 2
    assert body["summary"]["participants"] == 4
    assert body["summary"]["officers"] == 3
    assert body["summary"]["no_show_rate"] == 20.0
    by = {item["by"]: item for item in body["breakdowns"]}
    assert {"department", "level", "gender", "mode", "topic", "month"} <= set(by)
    departments = {row["label"]: row["participants"] for row in by["department"]["rows"]}
    assert departments == {"Revenue and Disaster Management": 3, "Health": 1}
    levels = {row["key"]: row["officers"] for row in by["level"]["rows"]}
    assert levels == {"middle": 2, "top": 1}
    months = [row["key"] for row in by["month"]["rows"]]
    assert months == ["6", "1"]  # financial-year order, April first
    coverage = {row["name"]: row["trained"] for row in body["coverage"]}
    assert coverage["Revenue and Disaster Management"] == 2


def test_financial_year_must_be_a_real_label(clients):
    assert clients["cell"].get("/api/reports/fy/2024-26/").status_code == 400
    assert clients["cell"].get("/api/reports/fy/1900-01/").status_code == 400  # out of range
    assert clients["cell"].get("/api/reports/fy/२०२४-२५/").json()["fy"] == "2024-25"
    assert clients["cell"].get("/api/reports/fy/2024/").status_code == 404


def test_hod_gets_own_department_figures(clients, finished_year, department, hod):
    body = clients["hod_a"].get("/api/reports/department/").json()
    assert body["department"]["code"] == "REV"
    assert body["trained"] == [
        {"year": "2024-25", "level": "middle", "level_label": "Middle", "officers": 2}
    ]
    never = clients["hod_a"].get("/api/reports/department/never-trained/").json()
    assert never["count"] == body["never_trained"]
    assert all(row["department"]["code"] == "REV" for row in never["results"])
    other = clients["hod_b"].get("/api/reports/department/").json()
    assert other["department"]["code"] == "HLT"
    assert other["trained"][0]["officers"] == 1


def test_programme_filters(clients, world):
    course_id = world.course.pk
    get = clients["anonymous"].get
    label = financial_year_label(world.programme.ends_on)
    assert [r["id"] for r in get("/api/programmes/", {"fy": label}).json()["results"]] == [
        world.programme.pk
    ]
    assert get("/api/programmes/", {"fy": "2001-02"}).json()["count"] == 0
    assert get("/api/programmes/", {"fy": "2001-03"}).status_code == 400
    assert get("/api/programmes/", {"course": course_id}).json()["count"] == 1
    assert get("/api/programmes/", {"mode": "online"}).json()["count"] == 0
    assert get("/api/programmes/", {"mode": "classroom"}).json()["count"] == 1
    assert get("/api/programmes/", {"open_for_nomination": "true"}).json()["count"] == 1
    assert get("/api/programmes/", {"status": "draft"}).json()["count"] == 0  # not public
    assert clients["cell"].get("/api/programmes/", {"status": "draft"}).json()["count"] == 1
    detail = get(f"/api/programmes/{world.programme.pk}/").json()
    assert detail["window_open"] is True
    assert len(detail["sessions"]) == 2
    assert "online_link" not in detail


def test_open_for_nomination_respects_quotas_for_hods(clients, world, other_department):
    from courses.models import DepartmentQuota

    DepartmentQuota.objects.create(programme=world.programme, department=other_department, seats=2)
    params = {"open_for_nomination": "true"}
    assert clients["hod_a"].get("/api/programmes/", params).json()["count"] == 0
    assert clients["hod_b"].get("/api/programmes/", params).json()["count"] == 1
    assert clients["anonymous"].get("/api/programmes/", params).json()["count"] == 1


def test_completed_programmes_are_not_public(clients, world):
    from courses.models import Programme

    Programme.objects.filter(pk=world.programme.pk).update(status=ProgrammeStatus.COMPLETED)
    assert clients["trainee"].get(f"/api/programmes/{world.programme.pk}/").status_code == 404
    assert clients["cell"].get(f"/api/programmes/{world.programme.pk}/").status_code == 200
