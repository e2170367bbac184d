"""The learner pages: catalogue, course, lesson, module, enrol/complete endpoints, dashboard."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses import services
from courses.models import Enrolment, LessonCompletion
from lms.core.enums import Level
from lms.core.roles import Role
from tests.factories import CourseFactory, TopicFactory, build_course, make_user

from .helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db

CATALOGUE = "/courses/"
DASHBOARD = reverse("learning:dashboard")


def enrol_url(course_or_id):
    return reverse("learning:enrol", args=[getattr(course_or_id, "pk", course_or_id)])


def complete_url(lesson_or_id):
    return reverse("learning:complete_lesson", args=[getattr(lesson_or_id, "pk", lesson_or_id)])


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def card_titles(page):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', page)


# ------------------------------------------------------------------ catalogue and home
def test_catalogue_is_public_and_lists_published_courses(client):
    build_course(title="Charter basics", modules=1, lessons_per_module=1, duration_hours=3)
    build_course(title="Grievance redress", modules=2, lessons_per_module=2)
    build_course(title="Withdrawn").unpublish()
    page = html(client.get(CATALOGUE))
    assert card_titles(page) == ["Charter basics", "Grievance redress"]
    assert "2 courses" in page
    assert "3.0 hours · 1 lesson ·" in page and "4 lessons" in page


def test_catalogue_asks_only_anonymous_visitors_to_sign_in(client):
    build_course(title="Charter basics", modules=1, lessons_per_module=1)
    anonymous = html(client.get(CATALOGUE))
    assert "Sign in to enrol" in anonymous
    assert f'href="{reverse("accounts:login")}?next=/courses/"' in anonymous
    client.force_login(make_user(Role.TRAINEE))
    signed_in = html(client.get(CATALOGUE))
    assert "Sign in to enrol" not in signed_in and "Courses of the Sevottam Cell." in signed_in


def test_the_old_catalogue_intro_loses_its_sign_in_sentence(client):
    """Migration 0006: the intro written by the platform, on the page and in its revisions."""
    import importlib

    from django.apps import apps

    from courses.models import CatalogueIndexPage

    migration = importlib.import_module("courses.migrations.0006_catalogue_intro_without_sign_in")
    catalogue = CatalogueIndexPage.objects.get(locale__language_code="en")
    catalogue.intro = migration.OLD
    catalogue.save_revision().publish()
    migration.forwards(apps, None)
    catalogue.refresh_from_db()
    assert catalogue.intro == migration.NEW
    assert catalogue.get_latest_revision_as_object().intro == migration.NEW
    client.force_login(make_user(Role.TRAINEE))
    assert "Sign in to enrol" not in html(client.get(CATALOGUE))


def test_catalogue_filters_by_topic_level_and_search(client):
    charter = TopicFactory(name="Charter", slug="charter")
    grm = TopicFactory(name="Grievances", slug="grm")
    build_course(title="Charter for leaders", topic=charter, target_levels=[Level.TOP])
    build_course(title="Charter at the desk", topic=charter, target_levels=[Level.CUTTING_EDGE])
    build_course(
        title="Complaint handling",
        topic=grm,
        target_levels=[Level.CUTTING_EDGE],
        summary="Redress within thirty days.",
    )

    page = html(client.get(CATALOGUE, {"topic": "charter"}))
    assert card_titles(page) == ["Charter for leaders", "Charter at the desk"]
    assert '<option value="charter" selected>' in page

    page = html(client.get(CATALOGUE, {"level": Level.CUTTING_EDGE}))
    assert card_titles(page) == ["Charter at the desk", "Complaint handling"]
    assert '<option value="cutting_edge" selected>' in page

    page = html(client.get(CATALOGUE, {"topic": "charter", "level": Level.TOP}))
    assert card_titles(page) == ["Charter for leaders"]

    page = html(client.get(CATALOGUE, {"q": "thirty"}))
    assert card_titles(page) == ["Complaint handling"]
    assert 'value="thirty"' in page

    page = html(client.get(CATALOGUE, {"q": "zebra"}))
    assert card_titles(page) == [] and "No course matches these filters." in page


def test_catalogue_search_with_a_stray_quote_does_not_fail(client):
    build_course(title="Complaint handling")
    page = html(client.get(CATALOGUE, {"q": 'complaint "'}))
    assert card_titles(page) == ["Complaint handling"]


def test_catalogue_paginates_twelve_a_page_and_keeps_the_filters(client):
    topic = TopicFactory(slug="rts")
    for n in range(13):
        build_course(title=f"RTS course {n:02d}", topic=topic, modules=1, lessons_per_module=1)
    build_course(title="Elsewhere", modules=1, lessons_per_module=1)

    first = html(client.get(CATALOGUE, {"topic": "rts"}))
    assert "13 courses" in first and "Page 1 of 2" in first
    assert card_titles(first) == [f"RTS course {n:02d}" for n in range(12)]
    assert 'href="?topic=rts&amp;page=2" rel="next"' in first

    second = html(client.get(CATALOGUE, {"topic": "rts", "page": 2}))
    assert card_titles(second) == ["RTS course 12"]
    assert "Page 2 of 2" in second and 'rel="prev"' in second and 'rel="next"' not in second

    assert card_titles(html(client.get(CATALOGUE, {"topic": "rts", "page": "x"}))) == card_titles(
        first
    )
    assert card_titles(html(client.get(CATALOGUE, {"topic": "rts", "page": 99}))) == [
        "RTS course 12"
    ]
    everything = html(client.get(CATALOGUE))
    assert "14 courses" in everything


def test_home_page_features_published_courses(client):
    build_course(title="Featured course")
    build_course(title="Not yet").unpublish()
    page = html(client.get("/"))
    assert "Featured course" in page and "Not yet" not in page
    assert 'href="/courses/"' in page


# ------------------------------------------------------------------ course page
def test_course_page_for_anonymous_invites_sign_in_and_hides_lesson_links(client):
    course = build_course(modules=1, lessons_per_module=2)
    page = html(client.get(course.url))
    assert "Sign in to enrol" in page
    assert f'href="/accounts/login/?next={course.url}"' in page
    assert enrol_url(course) not in page
    for lesson in lessons_of(course):
        assert lesson.title in page and f'href="{lesson.url}"' not in page
    assert 'role="progressbar"' not in page


def test_course_page_for_a_signed_in_learner_offers_the_enrol_form(client, trainee):
    course = build_course()
    client.force_login(trainee)
    page = html(client.get(course.url))
    assert f'<form method="post" action="{enrol_url(course)}">' in page
    assert "Sign in to enrol" not in page


def test_programme_only_course_explains_nomination_instead_of_enrol(client, trainee):
    course = build_course(self_enrolment=False)
    client.force_login(trainee)
    page = html(client.get(course.url))
    assert "Your HOD nominates officers" in page
    assert enrol_url(course) not in page


def test_course_page_for_an_enrolled_learner_shows_progress(client, trainee):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lessons[0])
    client.force_login(trainee)
    page = html(client.get(course.url))
    assert 'role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="25"' in page
    assert "1 of 4 lessons done (25%)" in page
    assert 'aria-valuenow="50" aria-label="Progress in' in page  # first module: 1 of 2
    assert 'aria-valuenow="0" aria-label="Progress in' in page  # second module: 0 of 2
    for lesson in lessons:
        assert f'href="{lesson.url}"' in page
    assert page.count('<li class="done">') == 1
    assert "Continue where you left off" in page
    assert enrol_url(course) not in page


def test_course_page_start_button_when_no_lesson_was_opened(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    page = html(client.get(course.url))
    assert f'<a class="button" href="{lessons_of(course)[0].url}">Start the course</a>' in page


def test_course_page_after_completion(client, trainee):
    course = build_course(modules=1, lessons_per_module=1)
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lessons_of(course)[0])
    client.force_login(trainee)
    page = html(client.get(course.url))
    assert "Completed on" in page and 'aria-valuenow="100"' in page
    assert "Continue where you left off" not in page


@pytest.mark.parametrize("role", [Role.TRAINER, Role.COURSE_DIRECTOR, Role.CELL_ADMIN])
def test_course_page_links_lessons_for_authors(client, role):
    course = build_course(modules=1, lessons_per_module=2)
    client.force_login(make_user(role))
    page = html(client.get(course.url))
    for lesson in lessons_of(course):
        assert f'href="{lesson.url}"' in page


# ------------------------------------------------------------------ lesson page access
def test_lesson_page_sends_anonymous_visitors_to_sign_in(client):
    lesson = lessons_of(build_course())[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={lesson.url}"


@pytest.mark.parametrize("role", [Role.TRAINEE, Role.HOD])
def test_lesson_page_sends_learners_who_are_not_enrolled_to_the_course(client, role, department):
    course = build_course()
    lesson = lessons_of(course)[0]
    other_course = build_course()
    user = make_user(role, department=department)
    services.enrol(user=user, course=other_course)  # enrolled elsewhere does not count
    client.force_login(user)
    response = client.get(lesson.url)
    assert response.status_code == 302 and response["Location"] == course.url
    assert messages_of(response) == ["Enrol in the course to open its lessons."]


@pytest.mark.parametrize("role", [Role.TRAINER, Role.COURSE_DIRECTOR, Role.CELL_ADMIN])
def test_authors_open_lessons_without_enrolling(client, role):
    course = build_course(modules=1, lessons_per_module=2)
    lesson = lessons_of(course)[1]
    client.force_login(make_user(role))
    page = html(client.get(lesson.url))
    assert f"<h1>{lesson.title}</h1>" in page
    assert not Enrolment.objects.exists()


def test_enrolled_lesson_page_has_navigation_and_the_complete_button(client, trainee):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)

    page = html(client.get(lessons[1].url))
    assert "Lesson 2 of 4" in page
    assert f'<a rel="prev" href="{lessons[0].url}">← {lessons[0].title}</a>' in page
    assert f'<a rel="next" href="{lessons[2].url}">{lessons[2].title} →</a>' in page
    assert f'<form method="post" action="{complete_url(lessons[1])}">' in page
    assert "Mark as complete and continue" in page
    assert f'<strong aria-current="page">{lessons[1].title}</strong>' in page
    assert modules_of(course)[0].title in page  # breadcrumb names the module

    first = html(client.get(lessons[0].url))
    assert 'rel="prev"' not in first and f'href="{lessons[1].url}">' in first
    last = html(client.get(lessons[-1].url))
    assert 'rel="next"' not in last and "Lesson 4 of 4" in last


def test_a_done_lesson_says_so_instead_of_offering_the_button(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    lesson = lessons_of(course)[0]
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lesson)
    client.force_login(trainee)
    page = html(client.get(lesson.url))
    assert "You have completed this lesson." in page
    assert complete_url(lesson) not in page


def test_an_unpublished_lesson_is_not_found(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    lesson = lessons_of(course)[1]
    url = lesson.url
    services.enrol(user=trainee, course=course)
    lesson.unpublish()
    client.force_login(trainee)
    assert client.get(url).status_code == 404


# ------------------------------------------------------------------ continue where you left off
def test_opening_a_lesson_is_remembered_and_offered_to_continue(client, trainee):
    course = build_course(modules=2, lessons_per_module=2)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    html(client.get(lessons[2].url))

    enrolment = Enrolment.objects.get(user=trainee)
    assert enrolment.last_lesson_id == lessons[2].pk and enrolment.last_activity_at

    dashboard = html(client.get(DASHBOARD))
    assert (
        f'<a class="button" href="{lessons[2].url}">Continue: {lessons[2].title}</a>' in dashboard
    )
    course_page = html(client.get(course.url))
    assert (
        f'<a class="button" href="{lessons[2].url}">Continue where you left off</a>' in course_page
    )


def test_an_author_opening_a_lesson_records_nothing(client, trainer):
    course = build_course()
    client.force_login(trainer)
    html(client.get(lessons_of(course)[0].url))
    assert not Enrolment.objects.exists()


def test_dashboard_falls_back_to_the_course_when_the_last_lesson_is_withdrawn(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    html(client.get(lessons[1].url))
    lessons[1].unpublish()
    dashboard = html(client.get(DASHBOARD))
    assert "Continue:" not in dashboard
    assert f'<a class="button" href="{course.url}">Open course</a>' in dashboard


# ------------------------------------------------------------------ enrol endpoint
def test_enrol_post_enrols_and_opens_the_first_lesson(
    client, trainee, mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(title="Charter basics")
    client.force_login(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(enrol_url(course))
    assert response.status_code == 302
    assert response["Location"] == lessons_of(course)[0].url
    assert messages_of(response) == ["You are enrolled in Charter basics."]
    assert Enrolment.objects.filter(user=trainee, course=course).count() == 1
    assert [m.subject for m in mailoutbox] == ["Enrolled: Charter basics"]


def test_enrol_again_resumes_at_the_first_lesson_not_done(client, trainee):
    course = build_course(modules=1, lessons_per_module=3)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lessons[0])
    client.force_login(trainee)
    response = client.post(enrol_url(course))
    assert response["Location"] == lessons[1].url
    assert Enrolment.objects.count() == 1


def test_enrol_in_a_course_without_lessons_lands_on_the_course(client, trainee):
    course = build_course(modules=0)
    client.force_login(trainee)
    response = client.post(enrol_url(course))
    assert response["Location"] == course.url
    assert Enrolment.objects.filter(user=trainee).exists()


def test_enrol_in_a_programme_only_course_is_refused_with_a_message(client, trainee):
    course = build_course(self_enrolment=False)
    client.force_login(trainee)
    response = client.post(enrol_url(course))
    assert response.status_code == 302 and response["Location"] == course.url
    assert "scheduled programmes only" in messages_of(response)[0]
    assert not Enrolment.objects.exists()


def test_enrol_requires_sign_in(client):
    course = build_course()
    response = client.post(enrol_url(course))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Enrolment.objects.exists()


def test_enrol_for_a_missing_unpublished_or_draft_course_is_404(client, trainee):
    withdrawn = build_course()
    withdrawn.unpublish()
    draft = CourseFactory(live=False)
    lesson = lessons_of(build_course())[0]
    client.force_login(trainee)
    assert client.post(enrol_url(999999)).status_code == 404
    assert client.post(enrol_url(withdrawn)).status_code == 404
    assert client.post(enrol_url(draft)).status_code == 404
    assert client.post(enrol_url(lesson.pk)).status_code == 404  # a page, but not a course
    assert not Enrolment.objects.exists()


def test_post_only_endpoints_refuse_get(client, trainee):
    course = build_course()
    lesson = lessons_of(course)[0]
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    assert client.get(enrol_url(build_course())).status_code == 405
    assert client.get(complete_url(lesson)).status_code == 405
    assert Enrolment.objects.count() == 1
    assert not LessonCompletion.objects.exists()


# ------------------------------------------------------------------ complete endpoint
def test_complete_redirects_to_the_next_lesson_across_modules(client, trainee):
    course = build_course(modules=2, lessons_per_module=1)
    first, second = lessons_of(course)
    services.enrol(user=trainee, course=course)
    client.force_login(trainee)
    response = client.post(complete_url(first))
    assert response.status_code == 302 and response["Location"] == second.url
    assert LessonCompletion.objects.filter(user=trainee, lesson=first).exists()


def test_completing_the_last_lesson_returns_to_the_course_with_a_message(client, trainee):
    course = build_course(title="Charter basics", modules=1, lessons_per_module=2)
    first, last = lessons_of(course)
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=first)
    client.force_login(trainee)
    response = client.post(complete_url(last), follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    page = html(response)
    assert "You have completed Charter basics." in page
    assert "Completed on" in page
    assert Enrolment.objects.get().completed_at is not None


def test_completing_the_last_lesson_with_gaps_goes_to_the_first_lesson_not_done(client, trainee):
    course = build_course(modules=1, lessons_per_module=3)
    lessons = lessons_of(course)
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lessons[0])
    client.force_login(trainee)
    response = client.post(complete_url(lessons[2]))
    assert response["Location"] == lessons[1].url
    assert Enrolment.objects.get().completed_at is None


def test_completing_again_after_the_course_is_done_goes_back_to_the_course(client, trainee):
    course = build_course(modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    services.enrol(user=trainee, course=course)
    services.complete_lesson(user=trainee, lesson=lesson)
    client.force_login(trainee)
    response = client.post(complete_url(lesson))
    assert response["Location"] == course.url
    assert messages_of(response) == []


def test_complete_without_enrolment_shows_the_reason(client, trainee):
    course = build_course()
    lesson = lessons_of(course)[0]
    client.force_login(trainee)
    response = client.post(complete_url(lesson), follow=True)
    assert response.redirect_chain == [(lesson.url, 302), (course.url, 302)]
    assert "Enrol in the course before completing its lessons." in html(response)
    assert not LessonCompletion.objects.exists()


def test_complete_requires_sign_in(client):
    lesson = lessons_of(build_course())[0]
    response = client.post(complete_url(lesson))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not LessonCompletion.objects.exists()


def test_complete_for_a_missing_or_unpublished_lesson_is_404(client, trainee):
    course = build_course(modules=1, lessons_per_module=2)
    services.enrol(user=trainee, course=course)
    withdrawn = lessons_of(course)[1]
    withdrawn.unpublish()
    client.force_login(trainee)
    assert client.post(complete_url(999999)).status_code == 404
    assert client.post(complete_url(withdrawn)).status_code == 404
    assert client.post(complete_url(course.pk)).status_code == 404  # a page, but not a lesson
    assert not LessonCompletion.objects.exists()


# ------------------------------------------------------------------ module page
def test_module_url_redirects_to_its_section_of_the_course_outline(client):
    course = build_course(modules=2, lessons_per_module=1)
    second = modules_of(course)[1]
    response = client.get(second.url)
    assert response.status_code == 302
    assert response["Location"] == f"{course.url}#module-{second.pk}"
    assert f'id="module-{second.pk}"' in html(client.get(course.url))


# ------------------------------------------------------------------ dashboard
def test_dashboard_requires_sign_in(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={DASHBOARD}"


def test_dashboard_without_enrolments_suggests_courses(client, trainee):
    build_course(title="Suggested course")
    client.force_login(trainee)
    page = html(client.get(DASHBOARD))
    assert "You are not enrolled in any course yet." in page
    assert "Suggested course" in page
    assert "0 enrolled · 0 not started · 0 in progress · 0 completed" in page


def test_a_course_at_nought_percent_is_not_started_not_in_progress(client, trainee):
    untouched = build_course(title="Untouched", modules=1, lessons_per_module=3)
    started = build_course(title="Begun", modules=1, lessons_per_module=3)
    for course in (untouched, started):
        services.enrol(user=trainee, course=course)
    services.record_lesson_visit(  # opened, nothing done: still 0%
        user=trainee, lesson=lessons_of(untouched)[0], course=untouched
    )
    services.complete_lesson(user=trainee, lesson=lessons_of(started)[0])
    client.force_login(trainee)
    page = html(client.get(DASHBOARD))
    assert "2 enrolled · 1 not started · 1 in progress · 0 completed" in page
    cards = {
        title: page.split(f">{title}</a>", 1)[1].split("</article>", 1)[0]
        for title in ("Untouched", "Begun")
    }
    assert "Not started" in cards["Untouched"] and "In progress" not in cards["Untouched"]
    assert "In progress" in cards["Begun"] and "Not started" not in cards["Begun"]


def test_dashboard_shows_each_enrolment_with_its_progress(client, trainee):
    started = build_course(title="Started", modules=1, lessons_per_module=4)
    finished = build_course(title="Finished", modules=1, lessons_per_module=1)
    theirs = build_course(title="Someone else's")
    for course in (started, finished):
        services.enrol(user=trainee, course=course)
    services.enrol(user=make_user(Role.TRAINEE), course=theirs)
    services.complete_lesson(user=trainee, lesson=lessons_of(started)[0])
    services.complete_lesson(user=trainee, lesson=lessons_of(finished)[0])
    client.force_login(trainee)
    page = html(client.get(DASHBOARD))
    assert "2 enrolled · 0 not started · 1 in progress · 1 completed" in page
    assert "1 of 4 lessons done (25%)" in page and 'aria-valuenow="25"' in page
    assert "1 of 1 lessons done (100%)" in page and "Completed on" in page
    assert "Someone else" not in page
    assert page.index("Started") < page.index("Finished")  # in progress first


# ------------------------------------------------------------------ the whole journey
def test_learner_journey_from_course_page_to_completion(client, trainee):
    course = build_course(title="Charter basics", modules=2, lessons_per_module=1)
    first, second = lessons_of(course)
    client.force_login(trainee)

    assert enrol_url(course) in html(client.get(course.url))
    assert client.post(enrol_url(course))["Location"] == first.url
    assert "Mark as complete" in html(client.get(first.url))
    assert client.post(complete_url(first))["Location"] == second.url
    html(client.get(second.url))
    dashboard = html(client.get(DASHBOARD))
    assert "1 of 2 lessons done (50%)" in dashboard and f'href="{second.url}"' in dashboard

    response = client.post(complete_url(second), follow=True)
    assert response.redirect_chain == [(course.url, 302)]
    assert "You have completed Charter basics." in html(response)
    assert "1 enrolled · 0 not started · 0 in progress · 1 completed" in html(client.get(DASHBOARD))
