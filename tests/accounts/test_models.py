"""The User model's own rules: office within the department, mobile numbers, blank codes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from lms.accounts.models import User, mobile_validator
from lms.core.roles import Role
from tests.factories import OfficeFactory, make_user

pytestmark = pytest.mark.django_db


def test_office_from_another_department_is_rejected(trainee, other_department):
    trainee.office = OfficeFactory(department=other_department)
    with pytest.raises(ValidationError) as raised:
        trainee.full_clean()
    assert raised.value.message_dict == {
        "office": ["The office must belong to the officer's department."]
    }


def test_office_error_is_reported_with_other_field_errors(trainee, other_department):
    trainee.office = OfficeFactory(department=other_department)
    trainee.mobile = "12345"
    with pytest.raises(ValidationError) as raised:
        trainee.full_clean()
    assert set(raised.value.message_dict) == {"office", "mobile"}


def test_office_of_the_officers_own_department_is_accepted(trainee, department):
    trainee.office = OfficeFactory(department=department)
    trainee.full_clean()


def test_office_check_is_skipped_when_the_office_is_not_being_validated(trainee, other_department):
    """A form without the office field must not be blocked by it."""
    trainee.office = OfficeFactory(department=other_department)
    trainee.full_clean(exclude=["office"])


def test_moving_an_officer_to_another_department_flags_the_old_office(trainee, department):
    trainee.office = OfficeFactory(department=department)
    trainee.save()
    trainee.department = make_user(Role.TRAINEE).department
    with pytest.raises(ValidationError, match="office"):
        trainee.full_clean()


@pytest.mark.parametrize("mobile", ["9812345678", "8012345678", "7012345678", "6012345678"])
def test_valid_indian_mobiles(mobile):
    mobile_validator(mobile)


@pytest.mark.parametrize(
    "mobile",
    [
        "12345",
        "5123456789",
        "0981234567",
        "98123456789",
        "98123abcde",
        "+919812345678",
        " 981234567",
    ],
)
def test_invalid_mobiles(mobile):
    with pytest.raises(ValidationError, match="10-digit Indian mobile"):
        mobile_validator(mobile)


@pytest.mark.parametrize("mobile", ["5123456789", "9812345678\n", "981-234-5678"])
def test_model_validation_rejects_bad_mobiles(trainee, mobile):
    trainee.mobile = mobile
    with pytest.raises(ValidationError) as raised:
        trainee.full_clean()
    assert set(raised.value.message_dict) == {"mobile"}


def test_blank_employee_code_becomes_null_so_many_officers_can_lack_one(department):
    first = make_user(Role.TRAINEE, department=department, employee_code=None)
    second = make_user(Role.TRAINEE, department=department, employee_code=None)
    second.employee_code = ""
    second.full_clean()
    second.save()
    assert second.employee_code is None and first.employee_code is None


def test_employee_code_is_unique(department):
    make_user(Role.TRAINEE, department=department, employee_code="REV-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user(Role.TRAINEE, department=department, employee_code="REV-1")


def test_str_is_the_full_name_or_the_username():
    assert str(User(username="pd", first_name="Pooja", last_name="Devi")) == "Pooja Devi"
    assert str(User(username="pd")) == "pd"


def test_department_cannot_be_deleted_while_it_has_officers(trainee, department):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        department.delete()
