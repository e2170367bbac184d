"""The programme admin's coordinator field: a searchable chooser of the cell's staff (cell
administrators and trainers) showing username and department, not a drop-down of every
account by name."""

import json

import pytest
from django.urls import reverse

from lms.core.roles import Role
from programmes.wagtail_hooks import ProgrammeAdminForm, programme_viewset
from tests.factories import make_user
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db

CHOOSE = "coordinator_chooser:choose"
RESULTS = "coordinator_chooser:choose_results"


@pytest.fixture
def people(department, cell_admin, trainer, trainee, hod):
    trainer.first_name, trainer.last_name = "Anil", "Sharma"
    trainer.department = department
    trainer.save()
    director = make_user(Role.COURSE_DIRECTOR, department=None, username="director")
    gone = make_user(Role.TRAINER, username="retired.trainer", is_active=False)
    return {
        "cell_admin": cell_admin,
        "trainer": trainer,
        "trainee": trainee,
        "hod": hod,
        "director": director,
        "gone": gone,
    }


def test_the_edit_form_uses_the_coordinator_chooser_limited_to_cell_staff(client, people):
    programme = open_programme()
    client.force_login(people["cell_admin"])
    response = client.get(reverse(programme_viewset.get_url_name("edit"), args=[programme.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert isinstance(form, ProgrammeAdminForm)
    field = form.fields["coordinator"]
    assert type(field.widget).__name__ == "UserChooserWidget"
    assert set(field.queryset) == {people["cell_admin"], people["trainer"]}
    page = response.content.decode()
    assert reverse(CHOOSE) in page and "Choose a coordinator" in page
    # no drop-down listing every account
    assert f'<option value="{people["trainee"].pk}"' not in page


def test_a_non_staff_coordinator_is_refused_but_an_earlier_one_stays_valid(people):
    programme = open_programme(coordinator=people["trainee"])  # chosen before this change
    data = _form_data(programme)
    form_class = programme_viewset._edit_handler.get_form_class()
    kept = form_class(data=data, instance=programme, for_user=people["cell_admin"])
    assert "coordinator" not in kept.errors
    other = open_programme(title="Another batch")
    refused = form_class(
        data={**_form_data(other), "coordinator": str(people["hod"].pk)},
        instance=other,
        for_user=people["cell_admin"],
    )
    assert "coordinator" in refused.errors
    chosen = form_class(
        data={**_form_data(other), "coordinator": str(people["trainer"].pk)},
        instance=other,
        for_user=people["cell_admin"],
    )
    assert "coordinator" not in chosen.errors


def _form_data(programme) -> dict:
    return {"coordinator": str(programme.coordinator_id or "")}


def _results(client, **params) -> str:
    response = client.get(reverse(RESULTS), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_chooser_lists_staff_with_username_and_department_and_searches(
    client, people, department
):
    client.force_login(people["cell_admin"])
    modal = client.get(reverse(CHOOSE))
    assert modal.status_code == 200
    html = json.loads(modal.content)["html"]
    assert "Anil Sharma" in html and "trainer" in html and department.name in html
    assert people["cell_admin"].username in html
    for absent in ("trainee", "hod", "director", "gone"):
        assert f">{people[absent].username}<" not in html, absent
    # search by name, username or department
    assert "Anil Sharma" in _results(client, q="anil")
    assert "Anil Sharma" in _results(client, q=department.name.split()[0])
    found = _results(client, q=people["cell_admin"].username)
    assert people["cell_admin"].username in found and "Anil Sharma" not in found
    assert "Anil Sharma" not in _results(client, q=people["trainee"].username)


def test_choosing_returns_username_and_department(client, people, department):
    client.force_login(people["cell_admin"])
    url = reverse("coordinator_chooser:chosen", args=[people["trainer"].pk])
    result = json.loads(client.get(url).content)["result"]
    assert result["title"] == f"Anil Sharma (trainer) · {department.name}"
    # a trainee cannot be chosen by typing their id into the address
    url = reverse("coordinator_chooser:chosen", args=[people["trainee"].pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ["trainer", "director"])
def test_only_those_who_schedule_programmes_open_the_chooser(client, people, role):
    client.force_login(people[role])
    assert client.get(reverse(CHOOSE)).status_code in (302, 403)
