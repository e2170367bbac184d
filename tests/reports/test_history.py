"""Reports keep history: a past year never changes when officers are transferred, promoted
or re-posted after their training. Programmes are finalised through the services, and the
expected figures are counted here from what the test created, not read back from the report.
"""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.enums import ProgrammeMode
from courses.models import Enrolment
from lms.accounts.models import User
from lms.core.enums import Gender, Level
from lms.core.models import AuditEntry
from lms.core.roles import Role
from nominations import services as nominations
from nominations.enums import NominationState
from nominations.models import Nomination
from reports import selectors
from tests.factories import DistrictFactory, OfficeFactory, build_course, make_user
from tests.nominations.factories import open_programme
from tests.reports.helpers import finalised

S = NominationState
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(cell_admin, department, other_department):
    """Two departments with their HODs; ten officers of mixed levels and genders; three
    programmes finalised in FY 2024-25 (two) and 2025-26 (one)."""
    department.code, other_department.code = "REV", "HLT"
    department.save()
    other_department.save()
    for dept in (department, other_department):
        make_user(Role.HOD, department=dept, username=f"hod-{dept.code}", level=Level.TOP)
    district = DistrictFactory(name="Gurugram")
    office = OfficeFactory(department=department, district=district, name="Tehsil office")

    def officer(name, dept, level, gender):
        return make_user(
            Role.TRAINEE,
            username=name,
            department=dept,
            level=level,
            gender=gender,
            designation="Naib Tehsildar" if dept == department else "Medical Officer",
            cadre="Haryana Civil Service",
            office=office if dept == department else None,
            district=district,
        )

    L, G = Level, Gender
    r = [
        officer("r1", department, L.MIDDLE, G.FEMALE),
        officer("r2", department, L.CUTTING_EDGE, G.MALE),
        officer("r3", department, L.CUTTING_EDGE, G.FEMALE),
        officer("r4", department, L.MIDDLE, G.MALE),
        officer("r5", department, L.CUTTING_EDGE, G.MALE),
        officer("r6", department, L.CUTTING_EDGE, G.FEMALE),
    ]
    h = [
        officer("h1", other_department, L.MIDDLE, G.FEMALE),
        officer("h2", other_department, L.CUTTING_EDGE, G.MALE),
        officer("h3", other_department, L.CUTTING_EDGE, G.FEMALE),
        officer("h4", other_department, L.MIDDLE, G.MALE),
    ]
    a = finalised(
        ends_on=datetime.date(2024, 6, 10),
        present=[*r[:4], h[0], h[1]],
        absent=[r[4]],
        cell=cell_admin,
    )
    b = finalised(
        ends_on=datetime.date(2024, 11, 20),
        present=[r[0], h[2]],
        cell=cell_admin,
        mode=ProgrammeMode.ONLINE,
    )
    c = finalised(ends_on=datetime.date(2025, 5, 5), present=[h[3], r[5]], cell=cell_admin)
    return {"r": r, "h": h, "programmes": (a, b, c), "dept": department, "other": other_department}


def everything() -> dict:
    """Every figure the reports show for the past years, as plain data."""
    result = {"yearly": selectors.yearly_table()}
    for fy in ("2024-25", "2025-26"):
        result[fy] = {
            "summary": {k: v for k, v in selectors.fy_summary(fy).items() if k != "target"},
            "coverage": selectors.department_coverage(fy),
            **{by: selectors.breakdown(fy, by) for by in selectors.BREAKDOWNS},
        }
    for dept in User.objects.values_list("department_id", flat=True).distinct():
        result[f"hod-{dept}"] = selectors.department_dashboard(dept)["trained"]
    return result


def as_map(rows, value="participants"):
    return {row["key"]: (row[value], row["officers"]) for row in rows}


def test_the_fixture_figures_are_what_was_done(world):
    dept, other = world["dept"].name, world["other"].name
    assert as_map(selectors.breakdown("2024-25", "department")) == {dept: (5, 4), other: (3, 3)}
    assert as_map(selectors.breakdown("2024-25", "level")) == {
        "middle": (4, 3),  # r1 twice, r4, h1
        "cutting_edge": (4, 4),  # r2, r3, h2, h3
    }
    assert as_map(selectors.breakdown("2024-25", "gender")) == {"female": (5, 4), "male": (3, 3)}
    assert as_map(selectors.breakdown("2024-25", "mode")) == {"classroom": (6, 6), "online": (2, 2)}
    summary = selectors.fy_summary("2024-25")
    assert (summary["programmes"], summary["participants"], summary["officers"]) == (2, 8, 7)
    assert summary["no_show_rate"] == round(100 * 1 / 9, 1)
    coverage = {
        row["name"]: (row["nominated"], row["trained"])
        for row in selectors.department_coverage("2024-25")
    }
    assert coverage == {dept: (5, 4), other: (3, 3)}


def test_transfers_and_promotions_after_finalising_change_no_past_figure(world, client, cell_admin):
    before = everything()
    r, h, other = world["r"], world["h"], world["other"]
    new_office = OfficeFactory(department=other, name="Civil hospital")
    # Through the Wagtail admin, as the cell would: r1 moves to Health and is promoted.
    client.force_login(cell_admin)
    r1 = r[0]
    r1.department, r1.office, r1.level, r1.designation = (
        other,
        new_office,
        Level.TOP,
        "Deputy Director",
    )
    r1.save()
    # Through the HRMS push as well as plain saves: transfers, promotions, a new cadre.
    for officer, changes in (
        (r[1], {"department": other, "office": None}),
        (
            h[0],
            {"level": Level.TOP, "gender": Gender.OTHER, "designation": "Chief Medical Officer"},
        ),
        (h[2], {"department": world["dept"], "cadre": "Indian Administrative Service"}),
        (r[5], {"level": Level.MIDDLE, "district": DistrictFactory(name="Hisar")}),
    ):
        for name, value in changes.items():
            setattr(officer, name, value)
        officer.save()
    after = everything()
    assert after == before
    audits = AuditEntry.objects.filter(action="particulars.changed")
    assert audits.count() == 5
    moved = audits.get(object_id=str(r1.pk))
    assert moved.data["changes"]["department"] == [world["dept"].pk, other.pk]
    assert moved.data["changes"]["level"] == [Level.MIDDLE, Level.TOP]
    assert "transfer" in moved.note


def test_the_admin_edit_of_an_officer_is_audited_with_who_did_it(world, client, cell_admin):
    from django.urls import reverse

    r1, other = world["r"][0], world["other"]
    client.force_login(cell_admin)
    url = reverse("officers:edit", args=[r1.pk])
    form = client.get(url).context["form"]
    data = {
        name: getattr(value, "pk", value)
        for name in form.fields
        if (value := form.initial.get(name)) is not None
    }
    data.update({"department": other.pk, "office": "", "level": Level.TOP})
    before = everything()
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    r1.refresh_from_db()
    assert (r1.department_id, r1.level) == (other.pk, Level.TOP)
    entry = AuditEntry.objects.get(action="particulars.changed", object_id=str(r1.pk))
    assert entry.actor_id == cell_admin.pk
    assert everything() == before


def test_open_records_follow_the_officer_and_final_ones_do_not(world):
    r1 = world["r"][0]
    upcoming = open_programme(capacity=3, levels=())
    hod_rev = User.objects.get(username="hod-REV")
    live = nominations.nominate(programme=upcoming, officer=r1, actor=hod_rev)
    course = build_course(modules=1, lessons_per_module=1)
    open_enrolment = Enrolment.objects.create(user=r1, course=course)
    done_course = build_course(modules=1, lessons_per_module=1)
    done = Enrolment.objects.create(
        user=r1, course=done_course, completed_at=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
    )
    assert (live.officer_level, open_enrolment.department_id) == (Level.MIDDLE, world["dept"].pk)
    r1.level, r1.department, r1.office = Level.TOP, world["other"], None
    r1.save()
    live.refresh_from_db()
    open_enrolment.refresh_from_db()
    done.refresh_from_db()
    assert live.officer_level == Level.TOP and live.officer_office_id is None
    assert live.department_id == world["dept"].pk  # the nominating department keeps the seat
    assert (open_enrolment.officer_level, open_enrolment.department_id) == (
        Level.TOP,
        world["other"].pk,
    )
    assert (done.officer_level, done.department_id) == (Level.MIDDLE, world["dept"].pk)
    final = Nomination.objects.filter(officer=r1, state=S.ATTENDED)
    assert final.count() == 2 and {n.officer_level for n in final} == {Level.MIDDLE}


def test_a_save_that_changes_no_particular_is_not_audited(world):
    r1 = world["r"][0]
    r1.first_name, r1.mobile = "Renamed", "9876543210"
    r1.save()
    r1.save(update_fields=["last_login"])
    assert not AuditEntry.objects.filter(action="particulars.changed").exists()


PARTICULAR_VALUES = {
    "level": st.sampled_from(Level.values),
    "gender": st.sampled_from(Gender.values),
    "designation": st.sampled_from(["Assistant", "Deputy Director", "Clerk"]),
    "cadre": st.sampled_from(["", "HCS", "IAS"]),
    "department": st.sampled_from(["REV", "HLT"]),
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moves=st.lists(
        st.tuples(
            st.sampled_from(["r1", "r2", "r3", "r4", "r5", "r6", "h1", "h2", "h3", "h4"]),
            st.sampled_from(sorted(PARTICULAR_VALUES)).flatmap(
                lambda name: st.tuples(st.just(name), PARTICULAR_VALUES[name])
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_sequence_of_changes_leaves_every_past_figure_alone(world, moves):
    from lms.departments.models import Department

    before = everything()
    with transaction.atomic():
        for username, (name, value) in moves:
            officer = User.objects.get(username=username)
            if name == "department":
                value = Department.objects.get(code=value)
                officer.office = None
            setattr(officer, name, value)
            officer.save()
        assert everything() == before
        transaction.set_rollback(True)


def test_the_data_migration_fills_existing_rows_from_todays_values(world):
    """Rows made before the facts existed: blank them, run the migration's function."""
    Nomination.objects.update(officer_level="", officer_gender="", officer_designation="")
    Enrolment.objects.update(officer_level="", department=None)
    for module in (
        "nominations.migrations.0002_nomination_officer_facts",
        "courses.migrations.0005_enrolment_officer_facts",
    ):
        importlib.import_module(module).fill_from_current_values(django_apps, None)
    r1 = world["r"][0]
    for item in Nomination.objects.filter(officer=r1):
        assert (item.officer_level, item.officer_gender, item.officer_designation) == (
            r1.level,
            r1.gender,
            r1.designation,
        )
    assert not Nomination.objects.filter(officer_level="").exists()
    enrolments = Enrolment.objects.filter(user=r1)
    assert enrolments and all(
        (e.officer_level, e.department_id) == (r1.level, r1.department_id) for e in enrolments
    )
