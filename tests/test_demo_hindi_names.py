"""The demo's topics, departments, offices, districts, officers and posts all have their
Hindi names, and seeding again fills a Hindi name left blank (a demo seeded before it had
one) without overwriting one the cell entered, nor adding anything."""

import pytest

from courses.models import Topic
from demo.seed import DEMO_USERS, SeedReport, seed_departments, seed_topics, seed_users
from lms.accounts.models import User
from lms.departments.models import Department, District, Office

pytestmark = pytest.mark.django_db
NAMED = (Topic, Department, Office, District)


def seed() -> SeedReport:
    report = SeedReport()
    seed_topics(report)
    seed_users(report, seed_departments(report), "demo-password")
    return report


def test_every_named_thing_of_the_demo_has_its_hindi_name():
    seed()
    for model in NAMED:
        assert model.objects.exists()
        assert not model.objects.filter(name_hi="").exists(), model.__name__
        assert model.objects.exclude(name_hi__regex=r"[\u0900-\u097F]").count() == 0
    users = User.objects.all()
    assert users.count() >= len(DEMO_USERS) + 6
    assert not users.filter(name_hi="").exists()
    assert not users.filter(designation_hi="").exists()
    assert User.objects.get(username="hod.revenue").designation_hi == "विशेष सचिव (नोडल अधिकारी)"
    assert Office.objects.get(name="Tehsil Office, Hisar").name_hi == "तहसील कार्यालय, हिसार"


def test_seeding_again_fills_blank_hindi_names_and_keeps_the_cells():
    seed()
    for model in NAMED:
        model.objects.update(name_hi="")
    User.objects.filter(username="trainee").update(designation_hi="", name_hi="")
    Department.objects.filter(code="REV").update(name_hi="राजस्व विभाग")  # the cell's own
    counts = {model: model.objects.count() for model in (*NAMED, User)}

    report = seed()

    assert {model: model.objects.count() for model in (*NAMED, User)} == counts
    assert set(report.created) == {"Hindi names filled in"}
    for model in NAMED:
        assert not model.objects.filter(name_hi="").exists(), model.__name__
    assert Topic.objects.get(slug="right-to-service").name_hi == "सेवा का अधिकार"
    assert Department.objects.get(code="REV").name_hi == "राजस्व विभाग"
    assert Department.objects.get(code="HLT").name_hi == "स्वास्थ्य एवं परिवार कल्याण"
    trainee = User.objects.get(username="trainee")
    assert (trainee.name_hi, trainee.designation_hi) == ("पूजा देवी", "नायब तहसीलदार")


def test_seeding_twice_changes_nothing():
    seed()
    assert seed().created == {}
