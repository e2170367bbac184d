"""Course pages in English and Hindi (Wagtail localisation): the catalogue and the learning
pages show the version in the language being shown, fall back to English where there is no
Hindi version, and keep one enrolment and one progress across both."""

import re
from html import unescape

import pytest
from django.urls import reverse

from courses import selectors, services
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from lms.core.roles import Role
from tests.factories import build_course, make_user

from .conftest import hindi_version, translate

pytestmark = pytest.mark.django_db

CATALOGUE = "/courses/"


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def card_titles(page):
    return [unescape(t) for t in re.findall(r'<h3><a href="[^"]*">([^<]+)</a></h3>', page)]


@pytest.fixture
def charter(english_catalogue):
    return build_course(
        title="Citizen's Charter", slug="charter", summary="Six components of a charter."
    )


@pytest.fixture
def grievances(english_catalogue):
    return build_course(title="Grievance redress", slug="grievances", summary="Thirty days.")


@pytest.fixture
def charter_hi(charter, hindi_catalogue):
    """The Hindi version of the charter course, its modules and lessons."""
    course = translate(
        charter,
        subtree=True,
        title="नागरिक चार्टर",
        summary="नागरिक चार्टर के छह घटक।",
    )
    for n, lesson in enumerate(LessonPage.objects.descendant_of(course).order_by("path"), 1):
        lesson.title = f"पाठ {n}"
        lesson.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def in_hindi(client):
    client.cookies["django_language"] = "hi"
    return client


def test_hindi_visitors_see_the_hindi_version_and_english_where_there_is_none(
    client, charter, charter_hi, grievances
):
    english = html(client.get(CATALOGUE))
    assert card_titles(english) == ["Citizen's Charter", "Grievance redress"]

    hindi = html(in_hindi(client).get(CATALOGUE))
    assert card_titles(hindi) == ["नागरिक चार्टर", "Grievance redress"]
    assert "<h1>पाठ्यक्रम</h1>" in hindi


def test_both_versions_have_one_address(client, charter, charter_hi, grievances):
    assert charter_hi.url == charter.url == "/courses/charter/"
    assert "<h1>Citizen&#x27;s Charter</h1>" in html(client.get(charter.url))
    assert "<h1>नागरिक चार्टर</h1>" in html(in_hindi(client).get(charter.url))
    # no Hindi version: the English course, inside the Hindi interface
    page = html(client.get(grievances.url))
    assert "<h1>Grievance redress</h1>" in page and 'lang="hi"' in page


def test_a_draft_hindi_version_is_not_shown(client, charter, hindi_catalogue):
    translate(charter, title="मसौदा", publish=False)
    assert card_titles(html(in_hindi(client).get(CATALOGUE))) == ["Citizen's Charter"]
    assert "<h1>Citizen&#x27;s Charter</h1>" in html(client.get(charter.url))


def test_the_home_page_links_the_catalogue_in_the_language_shown(client, charter, charter_hi):
    page = html(in_hindi(client).get("/"))
    assert "नागरिक चार्टर" in page and "Citizen&#x27;s Charter" not in page


def test_enrolment_and_progress_are_shared_by_both_versions(client, charter, charter_hi):
    trainee = make_user(Role.TRAINEE)
    client.force_login(trainee)
    in_hindi(client)
    response = client.post(reverse("learning:enrol", args=[charter_hi.pk]))
    enrolment = Enrolment.objects.get(user=trainee)
    assert enrolment.course_id == charter.pk  # kept on the English course
    first_hi = LessonPage.objects.live().descendant_of(charter_hi).order_by("path").first()
    assert response.url == first_hi.url

    lesson_page = html(client.get(first_hi.url))
    assert "<h1>पाठ 1</h1>" in lesson_page
    client.post(reverse("learning:complete_lesson", args=[first_hi.pk]))
    first_en = LessonPage.objects.live().descendant_of(charter).order_by("path").first()
    assert list(LessonCompletion.objects.values_list("lesson_id", flat=True)) == [first_en.pk]
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_id == first_en.pk

    # the same progress in English
    client.cookies["django_language"] = "en"
    course_page = html(client.get(charter.url))
    assert "1 of 4 lessons done (25%)" in course_page
    hindi_page = html(in_hindi(client).get(charter.url))
    assert "पाठ 1" in hindi_page and "Enrol" not in hindi_page
    outline = selectors.course_outline(course=charter_hi, user=trainee)
    assert [lesson.is_done for lesson in outline.lessons] == [True, False, False, False]


def test_my_learning_names_courses_in_the_language_shown(client, charter, charter_hi):
    trainee = make_user(Role.TRAINEE)
    services.enrol(user=trainee, course=charter)
    client.force_login(trainee)
    assert "Citizen&#x27;s Charter" in html(client.get(reverse("learning:dashboard")))
    page = html(in_hindi(client).get(reverse("learning:dashboard")))
    assert "नागरिक चार्टर" in page


def test_a_lesson_without_a_hindi_version_falls_back_to_english(client, charter, charter_hi):
    lesson_hi = LessonPage.objects.descendant_of(charter_hi).order_by("path").last()
    lesson_hi.unpublish()
    lesson_en = LessonPage.objects.descendant_of(charter).order_by("path").last()
    client.force_login(make_user(Role.TRAINER))
    page = html(in_hindi(client).get(lesson_en.url))
    assert f"<h1>{lesson_en.title}</h1>" in page


def test_hindi_version_of_a_page_is_linked_as_a_translation(charter, charter_hi):
    assert charter_hi.translation_key == charter.translation_key
    assert charter_hi.locale.language_code == "hi"
    assert hindi_version(charter).pk == charter_hi.pk


def test_programmes_and_tests_chosen_from_the_hindi_version_stay_on_the_english_course(
    charter, charter_hi
):
    from assessments.models import Assessment
    from courses.models import ModulePage
    from tests.nominations.factories import open_programme

    programme = open_programme(course=charter_hi)
    programme.refresh_from_db()
    assert programme.course_id == charter.pk

    module_hi = ModulePage.objects.child_of(charter_hi).first()
    test = Assessment.objects.create(
        title="पश्च-परीक्षा", course=charter_hi, module=module_hi, kind="post_test"
    )
    test.refresh_from_db()
    assert test.course_id == charter.pk
    assert test.module_id == ModulePage.objects.child_of(charter).first().pk


def test_a_hindi_slug_of_its_own_still_reaches_the_right_version(client, charter, charter_hi):
    charter_hi.slug = "nagrik-charter"
    charter_hi.save_revision().publish()
    charter_hi = CoursePage.objects.get(pk=charter_hi.pk)
    assert charter_hi.url == "/courses/nagrik-charter/"
    # the English address in Hindi, and the Hindi address in English
    assert "<h1>नागरिक चार्टर</h1>" in html(in_hindi(client).get("/courses/charter/"))
    client.cookies["django_language"] = "en"
    assert "<h1>Citizen&#x27;s Charter</h1>" in html(client.get("/courses/nagrik-charter/"))
    assert client.get("/courses/no-such-course/").status_code == 404
    assert in_hindi(client).get("/courses/no-such-course/").status_code == 404
