"""Sign-in, profile, and the department scope of officers for each role."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts import selectors, services
from lms.accounts.models import User
from lms.core.csv import safe_cell
from lms.core.models import AuditEntry
from lms.core.roles import Role, has_role, is_hod, is_staff_author
from tests.factories import OfficeFactory, make_user
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

DEPARTMENT_URLS = ["department:officers", "department:officers_export"]


# ------------------------------------------------------------------ sign-in
def test_sign_in_and_out(client, trainee):
    response = client.post(reverse("accounts:login"), {"username": "trainee", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("learning:dashboard")
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("learning:dashboard")).status_code == 302


def test_bad_password_keeps_username_and_explains(client, trainee):
    response = client.post(reverse("accounts:login"), {"username": "trainee", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="trainee"' in page and 'role="alert"' in page


def test_password_reset_email_link_sets_a_new_password(client, trainee):
    client.post(reverse("accounts:password_reset"), {"email": trainee.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "A-much-longer-pass-2026", "new_password2": "A-much-longer-pass-2026"},
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.check_password("A-much-longer-pass-2026")


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.gov.in"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:password_reset_done"
    )
    assert mail.outbox == []


@pytest.mark.parametrize("weak", ["12345", "password123", "trainee12345"])
def test_password_change_rejects_weak_passwords(client, trainee, weak):
    client.force_login(trainee)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak},
    )
    assert response.status_code == 200 and "field-error" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.check_password(PASSWORD)


# ------------------------------------------------------------------ profile
def test_profile_shows_particulars_and_saves_contact_details(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert trainee.employee_code in page and trainee.department.name in page
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Pooja",
            "last_name": "Devi",
            "email": "pooja@example.gov.in",
            "mobile": "9812345678",
            "preferred_language": "hi",
            "level": "top",
            "employee_code": "HACK",
            "designation": "Chief Secretary",
        },
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.mobile, trainee.preferred_language) == ("9812345678", "hi")
    assert trainee.level == "cutting_edge" and trainee.designation == "Assistant"
    assert trainee.employee_code != "HACK"
    assert AuditEntry.objects.filter(action="profile.updated", object_id=str(trainee.pk)).exists()


@pytest.mark.parametrize("mobile", ["12345", "5123456789", "98123456789", "98123abcde"])
def test_profile_rejects_bad_mobile_and_keeps_input(client, trainee, mobile):
    client.force_login(trainee)
    response = client.post(
        reverse("accounts:profile"),
        {
            "first_name": "Kept",
            "last_name": "Name",
            "email": "kept@example.gov.in",
            "mobile": mobile,
            "preferred_language": "en",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'class="field-error" id="id_mobile_error"' in page
    assert 'value="Kept"' in page and 'value="kept@example.gov.in"' in page
    trainee.refresh_from_db()
    assert trainee.first_name != "Kept"


def test_update_profile_service_refuses_other_actors_and_fields(trainee, hod):
    with pytest.raises(services.AccountError):
        services.update_profile(user=trainee, actor=hod, data={"mobile": "9812345678"})
    with pytest.raises(services.AccountError):
        services.update_profile(user=trainee, actor=trainee, data={"department": None})


def test_profile_needs_login(client):
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_office_must_belong_to_the_officers_department(trainee, other_department):
    from django.core.exceptions import ValidationError

    trainee.office = OfficeFactory(department=other_department)
    with pytest.raises(ValidationError, match="office"):
        trainee.full_clean()


# ------------------------------------------------------------------ roles
def test_role_truth_table(trainee, hod, trainer, course_director, cell_admin):
    from django.contrib.auth.models import AnonymousUser

    superuser = make_user(is_superuser=True)
    assert has_role(cell_admin, Role.CELL_ADMIN) and has_role(superuser, Role.CELL_ADMIN)
    assert not has_role(AnonymousUser(), Role.TRAINEE)
    assert is_hod(hod) and not is_hod(trainee)
    assert not is_hod(make_user(Role.HOD, department=None))
    assert [is_staff_author(u) for u in (trainee, hod, trainer, course_director, cell_admin)] == [
        False,
        False,
        True,
        True,
        True,
    ]


# ------------------------------------------------------------------ department scope
@pytest.fixture
def two_departments(department, other_department, hod, other_hod):
    ours = [make_user(Role.TRAINEE, department=department, first_name=f"Ours{n}") for n in range(3)]
    theirs = [
        make_user(Role.TRAINEE, department=other_department, first_name=f"Theirs{n}")
        for n in range(2)
    ]
    make_user(Role.TRAINEE, department=department, first_name="Retired", is_active=False)
    return ours, theirs


def test_hod_lists_only_their_departments_active_officers(client, hod, two_departments):
    client.force_login(hod)
    page = client.get(reverse("department:officers")).content.decode()
    assert all(f"Ours{n}" in page for n in range(3))
    assert "Theirs" not in page and "Retired" not in page
    assert set(selectors.officers_visible_to(user=hod).values_list("department", flat=True)) == {
        hod.department_id
    }


def test_hod_cannot_open_another_departments_officer(client, hod, two_departments):
    _ours, theirs = two_departments
    client.force_login(hod)
    assert client.get(reverse("department:officer", args=[theirs[0].pk])).status_code == 404
    assert (
        client.get(reverse("department:officer", args=[two_departments[0][0].pk])).status_code
        == 200
    )


@pytest.mark.parametrize("fixture", ["trainee", "trainer", "course_director"])
@pytest.mark.parametrize("name", DEPARTMENT_URLS + ["department:officer"])
def test_other_roles_are_forbidden(client, request, two_departments, fixture, name):
    client.force_login(request.getfixturevalue(fixture))
    args = [two_departments[0][0].pk] if name == "department:officer" else []
    assert client.get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize("name", DEPARTMENT_URLS)
def test_anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_hod_without_department_is_forbidden(client):
    client.force_login(make_user(Role.HOD, department=None))
    assert client.get(reverse("department:officers")).status_code == 403


def test_cell_admin_sees_and_filters_every_department(
    client, cell_admin, two_departments, other_department
):
    client.force_login(cell_admin)
    page = client.get(reverse("department:officers")).content.decode()
    assert "Ours0" in page and "Theirs0" in page
    page = client.get(
        reverse("department:officers"), {"department": other_department.pk}
    ).content.decode()
    assert "Theirs0" in page and "Ours0" not in page


def test_search_level_filter_and_pagination(client, hod, department):
    for n in range(30):
        make_user(
            Role.TRAINEE,
            department=department,
            first_name=f"Clerk{n:02d}",
            level="middle" if n % 2 else "cutting_edge",
        )
    client.force_login(hod)
    page = client.get(reverse("department:officers")).content.decode()
    assert "Page 1 of 2" in page
    page = client.get(reverse("department:officers"), {"q": "Clerk07"}).content.decode()
    assert "Clerk07" in page and "Clerk08" not in page
    page = client.get(
        reverse("department:officers"), {"level": "middle", "q": "Clerk"}
    ).content.decode()
    assert "Clerk01" in page and "Clerk02" not in page


def test_csv_export_is_scoped_and_escapes_formulas(client, hod, department, two_departments):
    make_user(Role.TRAINEE, department=department, first_name="Evil", designation='=HYPERLINK("x")')
    client.force_login(hod)
    response = client.get(reverse("department:officers_export"))
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeff")
    assert "'=HYPERLINK" in body and "Theirs" not in body and "Ours0" in body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+91", "'+91"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (5, "5"),
        (-5, "-5"),
        (True, "Yes"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_officer_list_and_export_queries_do_not_grow(
    client, hod, department, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        make_user(Role.TRAINEE, department=department, office=OfficeFactory(department=department))
    client.force_login(hod)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("department:officers"))
    with CaptureQueriesContext(connection) as small_csv:
        b"".join(client.get(reverse("department:officers_export")).streaming_content)
    for _ in range(40):
        make_user(Role.TRAINEE, department=department, office=OfficeFactory(department=department))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("department:officers"))
    with django_assert_max_num_queries(len(small_csv.captured_queries)):
        b"".join(client.get(reverse("department:officers_export")).streaming_content)
    assert User.objects.filter(department=department).count() > 45


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}
