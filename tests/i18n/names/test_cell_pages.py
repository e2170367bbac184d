"""The cell's pages in Hindi show the Hindi names of departments, topics and posts (the
programme desk, attendance, the officers of all departments, the reports); a name with no
Hindi entered is shown as entered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from courses.enums import ProgrammeStatus
from lms.core.roles import Role
from nominations.enums import NominationState
from reports import selectors
from tests.factories import build_course, make_user
from tests.i18n.names.helpers import (
    PLANNING,
    POST,
    REVENUE,
    TOPIC,
    page,
    shown,
)
from tests.nominations.factories import open_programme
from tests.nominations.fixtures_cell import approve, confirm, sessions_today
from tests.reports.helpers import programme as ended_programme
from tests.reports.helpers import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def cell(client, cell_admin):
    client.force_login(cell_admin)
    return client


@pytest.fixture
def roll(revenue, planning, hod, cell_admin):
    """A programme with a quota for each department and a confirmed officer of each, the
    Revenue one with a Hindi post, the Planning one without."""
    programme = open_programme(capacity=5, sessions=1, quotas={revenue: 2, planning: 2})
    hod.refresh_from_db()
    other_hod = make_user(Role.HOD, department=planning, level="top")
    ours = make_user(Role.TRAINEE, department=revenue, level="cutting_edge", designation=POST[0])
    ours.designation_hi = POST[1]
    ours.save(update_fields=["designation_hi"])
    theirs = make_user(
        Role.TRAINEE, department=planning, level="cutting_edge", designation="Patwari"
    )
    confirm(approve(programme, [ours], hod=hod, cell_admin=cell_admin))
    confirm(approve(programme, [theirs], hod=other_hod, cell_admin=cell_admin))
    return programme


def test_the_programme_desk_shows_hindi_department_names_and_posts(cell, roll):
    body = page(cell, reverse("cell:programme", args=[roll.pk]))
    shown(body, REVENUE[1], REVENUE[0])
    shown(body, POST[1], POST[0])
    # no Hindi name entered: as entered, marked as English
    assert f'<span lang="en">{PLANNING}</span>' in body
    assert '<span lang="en">Patwari</span>' in body


def test_the_programme_desk_in_english_keeps_the_english_names(cell, roll):
    body = page(cell, reverse("cell:programme", args=[roll.pk]), "en")
    assert REVENUE[0] in body and REVENUE[1] not in body
    assert POST[0] in body and POST[1] not in body


def test_the_attendance_grid_shows_hindi_department_names(cell, roll):
    (today,) = sessions_today(roll)
    body = page(cell, reverse("cell:attendance", args=[roll.pk, today.pk]))
    shown(body, REVENUE[1], REVENUE[0])
    assert f'<span lang="en">{PLANNING}</span>' in body


def test_the_officers_of_all_departments_show_hindi_names(cell, revenue, planning):
    make_user(Role.TRAINEE, department=revenue, designation=POST[0], designation_hi=POST[1])
    make_user(Role.TRAINEE, department=planning)
    body = page(cell, reverse("department:officers"))
    shown(body, REVENUE[1], REVENUE[0])
    shown(body, POST[1], POST[0])
    assert f'<option value="{revenue.pk}">{REVENUE[1]}</option>' in body
    assert f'<option value="{planning.pk}" lang="en">{PLANNING}</option>' in body
    assert f'<span lang="en">{PLANNING}</span>' in body  # the department column


@pytest.fixture
def trained(revenue, planning, topics):
    """2024-25: one officer of each department trained, in a course of each topic."""
    named, bare = topics
    for department, topic in ((revenue, named), (planning, bare)):
        item = ended_programme(
            datetime.date(2024, 6, 15), course=build_course(modules=1, topic=topic)
        )
        assert item.status == ProgrammeStatus.COMPLETED
        officer = make_user(Role.TRAINEE, department=department)
        record(item, officer, NominationState.ATTENDED)


def test_the_report_shows_hindi_departments_and_topics(cell, trained):
    body = page(cell, reverse("reports:index") + "?fy=2024-25")
    shown(body, REVENUE[1], REVENUE[0])
    shown(body, TOPIC[1], TOPIC[0])
    # the coverage table and the department breakdown, as entered when no Hindi name is
    assert body.count(f'<span lang="en">{PLANNING}</span>') >= 2


def test_breakdown_labels_follow_the_language_and_keep_the_english_key(trained):
    with translation.override("hi"):
        rows = selectors.breakdown("2024-25", "department")
    assert {r["key"]: r["label"] for r in rows} == {REVENUE[0]: REVENUE[1], PLANNING: PLANNING}
    with translation.override("en"):
        rows = selectors.breakdown("2024-25", "topic")
    assert {r["label"] for r in rows} == {TOPIC[0], "IS 15700 certification"}
