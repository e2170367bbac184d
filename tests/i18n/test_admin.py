"""Editors make the Hindi version of a course in the admin ("Translate"), and the admin says
when one language version has changed after the other ("translation out of date")."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from courses.localisation import out_of_date_versions
from courses.models import CoursePage, LessonPage
from lms.core.roles import Role
from tests.factories import build_course, make_user

from .conftest import hindi, hindi_version, translate

pytestmark = pytest.mark.django_db

FLAG = "translation out of date"


@pytest.fixture
def course(english_catalogue):
    return build_course(title="Citizen's Charter", slug="charter", modules=1, lessons_per_module=2)


@pytest.fixture
def course_hi(course, hindi_catalogue):
    return translate(course, subtree=True, title="नागरिक चार्टर")


def republish(page, **fields):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


# ------------------------------------------------------------------ making the Hindi copy
def test_the_hindi_tree_gets_the_editors_permissions_and_the_review_workflow(hindi_catalogue):
    trainers = Group.objects.get(name=Role.TRAINER.value)
    assert GroupPagePermission.objects.filter(group=trainers, page=hindi_catalogue).exists()
    workflow = WorkflowPage.objects.get(page=hindi_catalogue).workflow
    assert workflow.name == "Course review"
    hindi_home = hindi_catalogue.get_parent()
    cell = Group.objects.get(name=Role.CELL_ADMIN.value)
    assert GroupPagePermission.objects.filter(group=cell, page=hindi_home).exists()


def test_a_trainer_translates_a_course_with_its_lessons_and_edits_the_copy(
    client, course, hindi_catalogue
):
    client.force_login(make_user(Role.TRAINER))
    url = reverse("simple_translation:submit_page_translation", args=[course.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [hindi().pk], "include_subtree": "on"})
    assert response.status_code == 302
    course_hi = hindi_version(course)
    assert course_hi.get_parent().pk == hindi_catalogue.pk
    assert LessonPage.objects.descendant_of(course_hi).count() == 2
    assert not course_hi.live  # a draft, to translate and send for review
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course_hi.pk]))
    assert edit.status_code == 200


def test_the_translate_button_is_offered_to_authors(client, course, hindi_catalogue):
    client.force_login(make_user(Role.COURSE_DIRECTOR))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert reverse("simple_translation:submit_page_translation", args=[course.pk]) in page


# ------------------------------------------------------------------ out of date
def test_versions_in_step_are_not_flagged(course, course_hi):
    assert out_of_date_versions(course) == []
    assert out_of_date_versions(course_hi) == []
    assert FLAG not in str(course_hi.status_string)


def test_changing_the_english_version_flags_the_hindi_one(course, course_hi):
    course = republish(course, summary="Seven components, not six.")
    course_hi = CoursePage.objects.get(pk=course_hi.pk)
    assert [page.pk for page in out_of_date_versions(course_hi)] == [course_hi.pk]
    assert [page.pk for page in out_of_date_versions(course)] == [course_hi.pk]
    assert str(course_hi.status_string) == f"live · {FLAG}"
    assert str(CoursePage.objects.get(pk=course.pk).status_string) == f"live · {FLAG}"

    # the Hindi editor brings the change across: in step again
    republish(course_hi, summary="सात घटक, छह नहीं।")
    assert out_of_date_versions(CoursePage.objects.get(pk=course_hi.pk)) == []
    assert out_of_date_versions(CoursePage.objects.get(pk=course.pk)) == []


def test_a_lesson_is_flagged_on_its_own(course, course_hi):
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    republish(lesson, title="Six components of a charter")
    lesson_hi = hindi_version(lesson)
    assert [page.pk for page in out_of_date_versions(lesson_hi)] == [lesson_hi.pk]
    assert out_of_date_versions(CoursePage.objects.get(pk=course_hi.pk)) == []


def test_changing_the_hindi_version_does_not_flag_the_english_source(course, course_hi):
    republish(course_hi, summary="एक नया सारांश।")
    assert out_of_date_versions(CoursePage.objects.get(pk=course.pk)) == []


def test_the_edit_view_warns_and_links_the_other_version(client, course, course_hi):
    republish(course, summary="Seven components, not six.")
    client.force_login(make_user(Role.TRAINER))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[course_hi.pk])).content.decode()
    assert "Translation out of date: the English version was published on" in page
    assert reverse("wagtailadmin_pages:edit", args=[course.pk]) in page

    page = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).content.decode()
    assert "Translation out of date: the Hindi version was last changed" in page
    assert reverse("wagtailadmin_pages:edit", args=[course_hi.pk]) in page


def test_the_page_listing_shows_the_flag(client, course, course_hi):
    republish(course, summary="Seven components, not six.")
    client.force_login(make_user(Role.CELL_ADMIN))
    hindi_catalogue = course_hi.get_parent()
    listing = client.get(reverse("wagtailadmin_explore", args=[hindi_catalogue.pk]))
    assert listing.status_code == 200
    assert FLAG in listing.content.decode()
    english = client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk]))
    assert FLAG in english.content.decode()


def test_a_course_without_translations_is_never_flagged(client, english_catalogue):
    lone = build_course(title="Right to Service", modules=0)
    republish(lone, summary="Changed.")
    assert out_of_date_versions(CoursePage.objects.get(pk=lone.pk)) == []
    client.force_login(make_user(Role.CELL_ADMIN))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[lone.pk])).content.decode()
    assert "Translation out of date" not in page
