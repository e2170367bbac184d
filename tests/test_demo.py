"""seed_demo builds the curriculum from the source documents, idempotently."""

import pytest
from django.core.management import CommandError, call_command

from courses.models import CoursePage, LessonPage, ModulePage, Programme, Topic
from demo.seed import DEMO_PASSWORD, seed_demo
from lms.accounts.models import User
from lms.core.roles import Role, has_role
from lms.departments.models import Department
from nominations.enums import NominationState
from nominations.models import Nomination


@pytest.fixture
def seeded(db):
    return seed_demo()


def test_curriculum_covers_the_required_courses(seeded):
    slugs = set(CoursePage.objects.values_list("slug", flat=True))
    assert {
        "citizens-charter",
        "grievance-redress",
        "right-to-service",
        "service-standards",
    } <= slugs
    charter = CoursePage.objects.get(slug="citizens-charter")
    text = " ".join(str(lesson.body) for lesson in LessonPage.objects.descendant_of(charter))
    for fact in [
        "Vision and mission",
        "Expectations from the citizen",
        "Member Secretary",
        "Continuous improvement",
        "Minister in charge",
    ]:
        assert fact.lower() in text.lower(), fact
    assert Topic.objects.count() == 6
    assert Department.objects.count() >= 12
    assert ModulePage.objects.count() >= 10


def test_bihar_tables_are_real_tables_with_the_source_figures(seeded):
    course = CoursePage.objects.get(slug="service-standards")
    tables = [
        block.value
        for lesson in LessonPage.objects.descendant_of(course).specific()
        for block in lesson.body
        if block.block_type == "table"
    ]
    rows = [tuple(row) for table in tables for row in table["data"]]
    assert ("Lifting of garbage", "Within 24 hours") in rows
    assert ("New connections", "30 days from submission of application") in rows
    assert any(row[0] == "Corporations" and "DMA (15 days)" in row for row in rows)
    assert any(row[0] == "परिषद / पंचायत" for row in rows), "the Hindi lesson keeps its table"


def test_every_knowledge_check_points_at_an_existing_option(seeded):
    for lesson in LessonPage.objects.specific():
        for block in lesson.body:
            if block.block_type == "knowledge_check":
                assert 1 <= block.value["correct_option"] <= len(block.value["options"])


def test_demo_users_hold_their_roles(seeded):
    expected = {
        "celladmin": Role.CELL_ADMIN,
        "trainer": Role.TRAINER,
        "director": Role.COURSE_DIRECTOR,
        "hod.revenue": Role.HOD,
        "hod.health": Role.HOD,
        "trainee": Role.TRAINEE,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert has_role(user, role), username
        assert user.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="hod.revenue").department.code == "REV"
    assert [login[0] for login in seeded.logins][:6] == list(expected)


def test_demo_programmes_exercise_the_workflow(seeded):
    assert Programme.objects.count() == 3
    states = set(Nomination.objects.values_list("state", flat=True))
    assert {
        NominationState.ATTENDED,
        NominationState.NO_SHOW,
        NominationState.APPROVED,
        NominationState.WAITLISTED,
        NominationState.SUBMITTED,
    } <= states


def test_seed_demo_is_idempotent(seeded):
    counts = (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        User.objects.count(),
        Programme.objects.count(),
        Nomination.objects.count(),
    )
    again = seed_demo()
    assert again.created == {}
    assert counts == (
        CoursePage.objects.count(),
        LessonPage.objects.count(),
        User.objects.count(),
        Programme.objects.count(),
        Nomination.objects.count(),
    )


@pytest.mark.django_db
def test_command_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_demo_reports_hold_the_brochures_past_years_and_keep_the_cells_edits(seeded):
    from reports import selectors
    from reports.models import HistoricalFigure

    assert seeded.created["imported past years"] == 11
    imported = [row for row in selectors.yearly_table()["rows"] if row["imported"]]
    assert [row["year"] for row in imported][:2] == ["2013-14", "2014-15"]
    assert sum(r["programmes"] for r in imported) == 263
    assert sum(r["participants"] for r in imported) == 10098
    HistoricalFigure.objects.filter(financial_year="2013-14").update(programmes=6)
    HistoricalFigure.objects.filter(financial_year="2014-15").delete()
    again = seed_demo()
    assert again.created == {"imported past years": 1}  # only the deleted year comes back
    assert HistoricalFigure.objects.get(financial_year="2013-14").programmes == 6
    assert HistoricalFigure.objects.get(financial_year="2014-15").participants == 1706
