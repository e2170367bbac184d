"""Dates, numbers and financial years the Indian way, in English and in Hindi."""

import datetime

import pytest
from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, localize

from courses import services
from courses.models import Enrolment
from lms.core.fy import financial_year_label
from lms.core.roles import Role
from tests.factories import UserFactory, build_course, make_user

DAY = datetime.date(2026, 12, 1)
MOMENT = timezone.make_aware(datetime.datetime(2026, 12, 1, 17, 5))


@pytest.mark.parametrize(
    ("language", "in_words", "month"),
    [("en", "1 December 2026", "Dec 2026"), ("hi", "1 दिसंबर 2026", "दिस 2026")],
)
def test_dates_are_day_month_year(language, in_words, month):
    with translation.override(language):
        assert date_format(DAY) == in_words
        assert localize(DAY) == in_words
        assert date_format(DAY, "SHORT_DATE_FORMAT") == "01/12/2026"
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "01/12/2026 17:05"
        assert date_format(MOMENT, "DATETIME_FORMAT") == f"{in_words}, 17:05"
        assert date_format(DAY, "M Y") == month  # the month labels of the report charts


def test_hindi_month_and_weekday_names_are_spelt_right():
    with translation.override("hi"):
        assert [date_format(datetime.date(2026, m, 1), "F") for m in (9, 11, 12)] == [
            "सितंबर",
            "नवंबर",
            "दिसंबर",
        ]
        # 30 November 2026 is a Monday, 3 December a Thursday
        assert date_format(datetime.date(2026, 11, 30), "l") == "सोमवार"
        assert date_format(datetime.date(2026, 12, 3), "l D") == "गुरुवार गुरु"


@pytest.mark.parametrize("language", ["en", "hi"])
def test_forms_read_day_first_dates(language):
    field = forms.DateField()
    with translation.override(language):
        assert field.clean("01/12/2026") == DAY
        assert field.clean("2026-12-01") == DAY  # what <input type="date"> sends


@pytest.mark.parametrize("language", ["en", "hi"])
def test_intcomma_groups_lakhs_and_crores(language):
    with translation.override(language):
        assert intcomma(10098) == "10,098"
        assert intcomma(123456789) == "12,34,56,789"


def test_financial_year_labels():
    assert financial_year_label(DAY) == "2026-27"
    assert financial_year_label(datetime.date(2027, 3, 31)) == "2026-27"
    assert financial_year_label(datetime.date(2027, 4, 1)) == "2027-28"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "hi"])
def test_pages_show_numeric_dates_as_dd_mm_yyyy(client, language):
    course = build_course(modules=1, lessons_per_module=1)
    trainee = make_user(Role.TRAINEE, preferred_language=language)
    services.enrol(user=trainee, course=course)
    Enrolment.objects.filter(user=trainee).update(completed_at=MOMENT)
    client.force_login(trainee)
    page = client.get(reverse("learning:dashboard")).content.decode()
    expected = "Completed on 01/12/2026." if language == "en" else "01/12/2026 को पूरा किया।"
    assert expected in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "hi"])
def test_financial_year_in_the_reports(client, language):
    client.force_login(make_user(Role.CELL_ADMIN, preferred_language=language))
    page = client.get(reverse("reports:index"), {"fy": "2026-27"}).content.decode()
    expected = "Financial year 2026-27" if language == "en" else "वित्तीय वर्ष 2026-27"
    assert expected in page


@pytest.mark.django_db
def test_officer_counts_above_999_are_grouped_the_indian_way(client, department):
    UserFactory.create_batch(1001, department=department, roles=[Role.TRAINEE])
    client.force_login(make_user(Role.HOD, department=department, level="top"))
    page = client.get(reverse("department:officers")).content.decode()
    assert "1,002 officers" in page  # the 1,001 and the HOD
