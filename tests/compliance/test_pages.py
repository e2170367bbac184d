"""The HOD's compliance page (their department only), its downloads, "nominate these", and
the cell's state-wide view."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from compliance.enums import RoleKind
from lms.core.roles import Role
from nominations.models import Nomination
from tests.factories import make_user
from tests.factories.compliance import attended, finished_programme, hold_role, make_rule
from tests.nominations.factories import open_programme

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.date(2015, 1, 1)


@pytest.fixture
def setting(course, department, other_department, hod):
    today = timezone.localdate()
    rule = make_rule(courses=[course], name="RTS designated officers", starts_on=LONG_AGO)
    overdue = make_user(
        department=department, first_name="Asha", last_name="Overdue", level="middle"
    )
    hold_role(overdue, since=LONG_AGO)
    trained = make_user(department=department, first_name="Bina", last_name="Trained")
    hold_role(trained, since=LONG_AGO)
    attended(trained, finished_programme(course=course, ends_on=today))
    newcomer = make_user(department=department, first_name="Chand", last_name="New")
    hold_role(newcomer, since=today)
    stranger = make_user(department=other_department, first_name="Dara", last_name="Elsewhere")
    hold_role(stranger, since=LONG_AGO)
    return {
        "rule": rule,
        "overdue": overdue,
        "trained": trained,
        "newcomer": newcomer,
        "stranger": stranger,
    }


def test_the_hod_sees_their_department_by_state_and_never_another(client, hod, setting):
    client.force_login(hod)
    page = client.get("/compliance/").content.decode()
    assert "Asha Overdue" in page and "Bina Trained" in page and "Chand New" in page
    assert "Dara Elsewhere" not in page
    rows = client.get("/compliance/").context["page"].object_list
    assert {(row.officer.first_name, row.state) for row in rows} == {
        ("Asha", "overdue"),
        ("Bina", "compliant"),
        ("Chand", "not_yet_due"),
    }
    assert rows[0].officer.first_name == "Asha"  # who needs training first
    overdue_only = client.get("/compliance/", {"state": "overdue"}).context["page"].object_list
    assert [row.officer.first_name for row in overdue_only] == ["Asha"]
    rule = client.get("/compliance/").context["rules"][0]
    assert rule.counts["overdue"] == 1 and rule.counts["total"] == 3


def test_the_other_hod_sees_only_their_officer(client, other_hod, setting):
    client.force_login(other_hod)
    rows = client.get("/compliance/").context["page"].object_list
    assert [row.officer.first_name for row in rows] == ["Dara"]


def test_a_rule_for_another_department_is_not_shown(client, hod, course, other_department):
    make_rule(courses=[course], name="Health only", department=other_department)
    client.force_login(hod)
    response = client.get("/compliance/")
    assert [rule.name for rule in response.context["rules"]] == []


def test_downloads_escape_formulas(client, hod, setting):
    officer = setting["overdue"]
    officer.first_name = "=HYPERLINK(1)"
    officer.save()
    client.force_login(hod)
    csv_text = b"".join(client.get("/compliance/export/").streaming_content).decode()
    assert "'=HYPERLINK(1) Overdue" in csv_text
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    response = client.get("/compliance/export/", {"format": "xlsx", "state": "overdue"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[1] == "'=HYPERLINK(1) Overdue"
    assert sheet.max_row == 2


def test_nominate_these_goes_through_the_nomination_rules(client, hod, course, setting):
    programme = open_programme(course=course, levels=("middle",))
    late = make_user(
        Role.TRAINEE,
        department=hod.department,
        first_name="Eshan",
        last_name="Toplevel",
        level="top",
    )
    hold_role(late, since=LONG_AGO)
    client.force_login(hod)
    response = client.post(
        "/compliance/nominate/",
        {
            "rule": setting["rule"].pk,
            "programme": programme.pk,
            "officers": [setting["overdue"].pk, late.pk, setting["trained"].pk],
        },
    )
    assert response.status_code == 200
    outcome = response.context["outcome"]
    assert [o.first_name for o in outcome.nominated] == ["Asha"]
    assert [(o.first_name, why) for o, why in outcome.refused] == [
        ("Eshan", "Eshan Toplevel is not at a level this programme is for.")
    ]
    assert [o.first_name for o in response.context["skipped"]] == ["Bina"]  # compliant
    assert Nomination.objects.get(programme=programme).officer == setting["overdue"]
    assert "not at a level" in response.content.decode()


def test_nominate_these_refuses_another_departments_officer(client, hod, course, setting):
    programme = open_programme(course=course)
    client.force_login(hod)
    response = client.post(
        "/compliance/nominate/",
        {
            "rule": setting["rule"].pk,
            "programme": programme.pk,
            "officers": [setting["stranger"].pk],
        },
    )
    assert response.status_code == 404
    assert not Nomination.objects.filter(programme=programme).exists()


def test_nominate_these_needs_a_programme_of_the_rules_course(client, hod, other_course, setting):
    programme = open_programme(course=other_course)
    client.force_login(hod)
    response = client.post(
        "/compliance/nominate/",
        {
            "rule": setting["rule"].pk,
            "programme": programme.pk,
            "officers": [setting["overdue"].pk],
        },
    )
    assert response.status_code == 404


def test_the_rule_filter_offers_open_programmes_of_its_course(client, hod, course, setting):
    programme = open_programme(course=course)
    client.force_login(hod)
    response = client.get("/compliance/", {"rule": setting["rule"].pk})
    assert [p.pk for p in response.context["programmes"]] == [programme.pk]
    page = response.content.decode()
    assert f'name="officers" value="{setting["overdue"].pk}"' in page
    assert f'name="officers" value="{setting["trained"].pk}"' not in page


def test_the_cell_sees_every_department_by_rule(client, cell_admin, setting, department):
    client.force_login(cell_admin)
    response = client.get("/compliance/state/")
    assert response.status_code == 200
    rule = response.context["rules"][0]
    assert rule.counts["total"] == 4 and rule.counts["overdue"] == 2
    lines = {line["department"].pk: line for line in response.context["table"]}
    assert lines[department.pk]["cells"][0]["compliant"] == 1
    assert lines[department.pk]["total"]["overdue"] == 1


def test_pages_in_hindi(client, hod, setting):
    client.force_login(hod)
    client.cookies["django_language"] = "hi"
    response = client.get("/compliance/", HTTP_ACCEPT_LANGUAGE="hi")
    assert '<html lang="hi">' in response.content.decode()
    assert "Asha Overdue" in response.content.decode()


def test_role_kinds_are_the_statutory_roles():
    assert set(RoleKind.values) == {
        "rts_designated_officer",
        "first_appellate",
        "second_appellate",
        "gro",
        "pg_nodal",
        "cmw_nodal",
    }
