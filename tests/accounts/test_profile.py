"""The officer's own profile: service particulars shown read-only, contact details and
language editable, every change audited."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.accounts import services
from lms.accounts.models import User
from lms.core.models import AuditEntry
from lms.core.roles import Role
from tests.factories import DistrictFactory, OfficeFactory, make_user

pytestmark = pytest.mark.django_db

PROFILE = "/accounts/profile/"


@pytest.fixture
def officer(department):
    return make_user(
        Role.TRAINEE,
        department=department,
        office=OfficeFactory(department=department, name="Tehsil Office Sohna"),
        district=DistrictFactory(name="Gurugram"),
        username="pooja",
        first_name="Pooja",
        last_name="Devi",
        email="pooja@example.gov.in",
        mobile="9812345678",
        designation="Naib Tehsildar",
        level="middle",
        employee_code="REV-0042",
    )


def valid_data(**overrides):
    data = {
        "first_name": "Pooja",
        "last_name": "Sharma",
        "email": "pooja.sharma@example.gov.in",
        "mobile": "7012345678",
        "preferred_language": "hi",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PROFILE}"
    assert client.post(PROFILE, valid_data()).status_code == 302


def test_profile_shows_the_service_particulars(client, officer):
    client.force_login(officer)
    response = client.get(PROFILE)
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "pooja",
        "REV-0042",
        "Naib Tehsildar",
        "Middle",
        "Revenue and Disaster Management",
        "Tehsil Office Sohna",
        "Gurugram",
    ):
        assert f"<dd>{text}</dd>" in page
    # The editable part holds the current contact details and nothing else.
    assert 'value="9812345678"' in page and 'value="pooja@example.gov.in"' in page
    form = response.context["form"]
    assert list(form.fields) == [
        "first_name",
        "last_name",
        "name_hi",
        "email",
        "mobile",
        "preferred_language",
    ]


def test_missing_particulars_show_a_dash(client, department):
    bare = make_user(Role.TRAINEE, department=None, designation="", level="", employee_code=None)
    client.force_login(bare)
    page = client.get(PROFILE).content.decode()
    # code, designation, its Hindi, level, department, office, district
    assert page.count("<dd>—</dd>") == 7


def test_valid_post_saves_and_writes_an_audit_row(client, officer):
    client.force_login(officer)
    response = client.post(PROFILE, valid_data())
    assert response.status_code == 302 and response["Location"] == PROFILE
    officer.refresh_from_db()
    assert (officer.last_name, officer.email, officer.mobile, officer.preferred_language) == (
        "Sharma",
        "pooja.sharma@example.gov.in",
        "7012345678",
        "hi",
    )
    entry = AuditEntry.objects.get(action="profile.updated")
    assert entry.actor == officer and entry.object_id == str(officer.pk)
    assert entry.content_type.model_class() is User
    assert entry.data == {"fields": ["email", "last_name", "mobile", "preferred_language"]}
    # Hindi was chosen: the confirmation, and the pages from now on, are in Hindi.
    assert "आपकी प्रोफ़ाइल सहेज ली गई है।" in client.get(PROFILE).content.decode()


def test_saving_unchanged_details_writes_no_audit_row(client, officer):
    client.force_login(officer)
    response = client.post(
        PROFILE,
        valid_data(
            last_name="Devi",
            email="pooja@example.gov.in",
            mobile="9812345678",
            preferred_language="en",
        ),
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.exists()


def test_mobile_may_be_left_blank(client, officer):
    client.force_login(officer)
    assert client.post(PROFILE, valid_data(mobile="")).status_code == 302
    officer.refresh_from_db()
    assert officer.mobile == ""


@pytest.mark.parametrize(
    "mobile", ["12345", "5123456789", "98123456789", "98123abcde", "+919812345678"]
)
def test_invalid_mobile_shows_a_field_error_and_keeps_everything_entered(client, officer, mobile):
    client.force_login(officer)
    response = client.post(PROFILE, valid_data(mobile=mobile))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"mobile"}
    assert '<p class="field-error" id="id_mobile_error">' in page
    assert 'href="#id_mobile"' in page  # the error summary links to the field
    assert 'aria-invalid="true" aria-describedby="id_mobile_error"' in page
    # Nothing the officer typed is lost.
    assert 'value="Sharma"' in page
    assert 'value="pooja.sharma@example.gov.in"' in page
    assert f'value="{mobile}"' in page
    assert '<option value="hi" selected>' in page
    # ... and nothing was saved.
    officer.refresh_from_db()
    assert (officer.last_name, officer.mobile) == ("Devi", "9812345678")
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", ""), ("email", "not-an-email"), ("first_name", ""), ("preferred_language", "fr")],
)
def test_other_invalid_input_is_reported_on_its_field(client, officer, field, value):
    client.force_login(officer)
    response = client.post(PROFILE, valid_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {field}
    assert f'id="id_{field}_error"' in response.content.decode()
    officer.refresh_from_db()
    assert officer.last_name == "Devi"


def test_service_particulars_cannot_be_changed_by_posting_them(client, officer, other_department):
    client.force_login(officer)
    foreign_office = OfficeFactory(department=other_department)
    response = client.post(
        PROFILE,
        valid_data(
            department=other_department.pk,
            office=foreign_office.pk,
            district=DistrictFactory().pk,
            level="top",
            employee_code="HACKED-1",
            designation="Chief Secretary",
            username="admin",
            is_staff="on",
            is_superuser="on",
            extra_time_factor="3.00",
        ),
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.department.code == "REV" and officer.office.name == "Tehsil Office Sohna"
    assert officer.district.name == "Gurugram"
    assert (officer.level, officer.employee_code, officer.designation) == (
        "middle",
        "REV-0042",
        "Naib Tehsildar",
    )
    assert officer.username == "pooja" and not officer.is_staff and not officer.is_superuser
    assert officer.extra_time_factor == 1
    assert officer.mobile == "7012345678"  # the allowed part was saved
    assert AuditEntry.objects.get().data["fields"] == [
        "email",
        "last_name",
        "mobile",
        "preferred_language",
    ]


def test_officer_whose_office_the_cell_moved_can_still_save(client, officer, other_department):
    """The cell moved the officer's office to another department in the admin; the
    mismatch is the cell's to correct and must not break the officer's profile (it raised
    ValueError: 'ProfileForm' has no field named 'office')."""
    officer.office.department = other_department
    officer.office.save()
    client.force_login(officer)
    response = client.post(PROFILE, valid_data())
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.mobile == "7012345678"


# ------------------------------------------------------------------ service
def test_update_profile_applies_allowed_fields(officer):
    services.update_profile(user=officer, actor=officer, data={"mobile": "6012345678"})
    officer.refresh_from_db()
    assert officer.mobile == "6012345678"
    assert AuditEntry.objects.get().data == {"fields": ["mobile"]}


def test_update_profile_refuses_another_actor(officer, hod, cell_admin):
    for actor in (hod, cell_admin):
        with pytest.raises(services.AccountError):
            services.update_profile(user=officer, actor=actor, data={"mobile": "6012345678"})
    officer.refresh_from_db()
    assert officer.mobile == "9812345678" and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "field", ["department", "level", "employee_code", "designation", "is_superuser", "username"]
)
def test_update_profile_refuses_fields_outside_the_profile(officer, field):
    with pytest.raises(services.AccountError, match=field):
        services.update_profile(
            user=officer, actor=officer, data={"mobile": "6012345678", field: None}
        )
    officer.refresh_from_db()
    assert officer.mobile == "9812345678" and not AuditEntry.objects.exists()


def test_update_profile_validates_and_saves_nothing_when_invalid(officer):
    with pytest.raises(ValidationError) as raised:
        services.update_profile(user=officer, actor=officer, data={"mobile": "5123456789"})
    assert "mobile" in raised.value.message_dict
    officer.refresh_from_db()
    assert officer.mobile == "9812345678" and not AuditEntry.objects.exists()


def test_update_profile_with_no_change_writes_nothing(officer):
    with CaptureQueriesContext(connection) as queries:
        services.update_profile(user=officer, actor=officer, data={"mobile": "9812345678"})
    writes = [q["sql"] for q in queries if q["sql"].upper().startswith(("UPDATE", "INSERT"))]
    assert writes == []
    assert not AuditEntry.objects.exists()


# ------------------------------------------------------------------ the name in Devanagari
def test_the_officer_enters_their_name_in_devanagari(client, officer):
    """For the Hindi text of certificates; typed in a field marked as Hindi."""
    client.force_login(officer)
    page = client.get(PROFILE).content.decode()
    assert 'name="name_hi"' in page and 'lang="hi"' in page
    response = client.post(PROFILE, valid_data(last_name="Devi", name_hi="  पूजा   देवी "))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.name_hi == "पूजा देवी" and officer.hindi_name == "पूजा देवी"
    entry = AuditEntry.objects.get(action="profile.updated")
    assert "name_hi" in entry.data["fields"]


@pytest.mark.parametrize("name", ["Pooja Devi", "पूजा Devi", "पूजा1", "..."])
def test_a_name_in_hindi_must_be_in_devanagari(client, officer, name):
    client.force_login(officer)
    response = client.post(PROFILE, valid_data(name_hi=name))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"name_hi"}
    officer.refresh_from_db()
    assert officer.name_hi == ""


def test_without_a_hindi_name_the_name_is_used_as_entered(officer):
    assert officer.hindi_name == "Pooja Devi"


def test_the_hindi_designation_is_shown_but_kept_by_the_cell(client, officer):
    officer.designation_hi = "नायब तहसीलदार"
    officer.save()
    client.force_login(officer)
    page = client.get(PROFILE).content.decode()
    assert '<dd><span lang="hi">नायब तहसीलदार</span></dd>' in page
    with pytest.raises(services.AccountError):
        services.update_profile(user=officer, actor=officer, data={"designation_hi": "तहसीलदार"})


def test_the_cell_sets_the_hindi_name_and_designation_in_the_officers_admin(
    client, officer, cell_admin
):
    from django.urls import reverse

    client.force_login(cell_admin)
    url = reverse("officers:edit", args=[officer.pk])
    form = client.get(url).context["form"]
    assert {"name_hi", "designation_hi"} <= set(form.fields)
    data = {
        name: getattr(value, "pk", value)
        for name in form.fields
        if (value := form.initial.get(name)) is not None
    }
    data.update({"name_hi": "पूजा देवी", "designation_hi": "नायब तहसीलदार"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    officer.refresh_from_db()
    assert (officer.name_hi, officer.designation_hi) == ("पूजा देवी", "नायब तहसीलदार")
    data["designation_hi"] = "Naib Tehsildar"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "designation_hi" in response.context["form"].errors


def test_in_hindi_the_department_and_district_have_their_hindi_names(client, officer, settings):
    officer.department.name_hi = "राजस्व एवं आपदा प्रबंधन विभाग"
    officer.department.save()
    officer.preferred_language = "hi"
    officer.save()
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    page = client.get(PROFILE).content.decode()
    assert "<dd>राजस्व एवं आपदा प्रबंधन विभाग</dd>" in page
    # No Hindi name entered for the district: shown as entered, marked as English.
    assert '<dd><span lang="en">Gurugram</span></dd>' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    officer.preferred_language = "en"
    officer.save()
    assert "<dd>Revenue and Disaster Management</dd>" in client.get(PROFILE).content.decode()
