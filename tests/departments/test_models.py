import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from lms.departments.models import Department, District, Office
from tests.factories import DepartmentFactory, DistrictFactory, OfficeFactory

pytestmark = pytest.mark.django_db


def test_department_str_is_its_name(department):
    assert str(department) == "Revenue and Disaster Management"


def test_office_str_names_the_department_code(department):
    office = OfficeFactory(department=department, name="Tehsil Office Sohna")
    assert str(office) == "Tehsil Office Sohna (REV)"


def test_district_str_is_its_name():
    assert str(DistrictFactory(name="Gurugram")) == "Gurugram"


def test_office_names_are_unique_within_a_department_only(department, other_department):
    OfficeFactory(department=department, name="District Office")
    OfficeFactory(department=other_department, name="District Office")  # allowed
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeFactory(department=department, name="District Office")


def test_department_code_and_name_are_unique(department):
    with pytest.raises(IntegrityError), transaction.atomic():
        DepartmentFactory(code="REV")
    with pytest.raises(IntegrityError), transaction.atomic():
        DepartmentFactory(name="Revenue and Disaster Management")


def test_ordering_is_by_name(department, other_department):
    assert [d.code for d in Department.objects.all()] == ["HLT", "REV"]
    OfficeFactory(department=department, name="B office")
    OfficeFactory(department=department, name="A office")
    OfficeFactory(department=other_department, name="Z office")
    assert [o.name for o in Office.objects.all()] == ["Z office", "A office", "B office"]
    District.objects.all().delete()
    DistrictFactory(name="Rohtak")
    DistrictFactory(name="Ambala")
    assert list(District.objects.values_list("name", flat=True)) == ["Ambala", "Rohtak"]


def test_deleting_a_district_keeps_its_offices(department):
    district = DistrictFactory(name="Nuh")
    office = OfficeFactory(department=department, district=district)
    district.delete()
    office.refresh_from_db()
    assert office.district is None


def test_the_shown_name_is_the_hindi_one_on_a_hindi_page_when_entered():
    named = Department(name="Revenue", name_hi="राजस्व विभाग")
    unnamed = District(name="Gurugram")
    with translation.override("hi"):
        assert (named.shown_name, unnamed.shown_name) == ("राजस्व विभाग", "Gurugram")
    with translation.override("en"):
        assert named.shown_name == "Revenue"
