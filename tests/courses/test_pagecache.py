"""The page cache (courses/pagecache.py) never shows a learner something that has changed.

Each test first requests the pages (so the route, restrictions and outline are cached), then
changes the tree as an editor or the cell would, and requires the very next request to show
the change. A generated sequence of changes and visits compares every answer with the
answer of the same request with the cache off. Progress and roles stay per person."""

import random
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from courses import pagecache, services
from courses.models import LessonPage, ModulePage
from lms.accounts.models import User
from lms.core import roles
from lms.core.roles import Role
from tests.factories import LessonFactory, build_course, make_user

from .helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return build_course(modules=2, lessons_per_module=3, title="Grievance redress")


@pytest.fixture
def learner(client, course):
    user = make_user(Role.TRAINEE)
    services.enrol(user=user, course=course)
    client.force_login(user)
    return user


def warm(client, *urls):
    for url in urls:
        client.get(url)


def test_routes_come_from_the_cache_after_the_first_request(client, learner, course):
    lesson = lessons_of(course)[1]
    client.get(lesson.url)
    generation = pagecache.generation()
    assert generation is not None
    assert pagecache.get(generation, "route", "testserver", "80", "en", lesson.url.lstrip("/"))
    assert pagecache.get(generation, "course-tree", course.pk) is not None


def test_a_published_lesson_shows_at_once(client, learner, course):
    warm(client, course.url, lessons_of(course)[0].url)
    module = modules_of(course)[0]
    new = LessonFactory(parent=module, title="Appeals within thirty days", slug="appeals")
    assert "Appeals within thirty days" in client.get(course.url).content.decode()
    assert client.get(new.url).status_code == 200


def test_an_unpublished_lesson_is_gone_at_once(client, learner, course):
    lesson = lessons_of(course)[2]
    url = lesson.url
    warm(client, course.url, url)
    assert lesson.title in client.get(course.url).content.decode()
    lesson.unpublish()
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get(course.url).content.decode()


def test_a_renamed_lesson_shows_its_new_title_at_once(client, learner, course):
    lesson = lessons_of(course)[0]
    warm(client, course.url, lesson.url)
    lesson.title = "Disposal and feedback"
    lesson.save_revision().publish()
    assert "Disposal and feedback" in client.get(course.url).content.decode()
    assert "Disposal and feedback" in client.get(lesson.url).content.decode()


def test_a_renamed_topic_shows_at_once_on_its_courses(client, learner, course):
    """The course is kept in the cache with its topic (read in the same query)."""
    warm(client, course.url)
    topic = course.topic
    topic.name = "Public grievance redressal"
    topic.save()
    assert "Public grievance redressal" in client.get(course.url).content.decode()


def test_a_moved_lesson_is_served_at_its_new_address_only(client, learner, course):
    first, second = modules_of(course)
    lesson = lessons_of(course)[0]
    old_url = lesson.url
    warm(client, course.url, old_url)
    lesson.move(second, pos="last-child")
    moved = LessonPage.objects.get(pk=lesson.pk)
    assert moved.url != old_url
    # The old address is Wagtail's redirect (made on move) to the new one, not the old page.
    old = client.get(old_url)
    assert (old.status_code, old["Location"]) == (301, moved.url)
    assert client.get(moved.url).status_code == 200
    assert f'href="{moved.url}"' in client.get(course.url).content.decode()


def test_a_view_restriction_added_later_applies_at_once(client, learner, course):
    lesson = lessons_of(course)[0]
    warm(client, lesson.url)
    assert client.get(lesson.url).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=course.pk), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=Role.CELL_ADMIN.value)])
    assert client.get(lesson.url).status_code == 302  # to sign in as someone allowed
    restriction.groups.set([Group.objects.get(name=Role.TRAINEE.value)])
    assert client.get(lesson.url).status_code == 200
    restriction.delete()
    assert client.get(lesson.url).status_code == 200


def test_one_trainee_never_sees_another_trainees_progress(client, course):
    done, fresh = make_user(Role.TRAINEE), make_user(Role.TRAINEE)
    for user in (done, fresh):
        services.enrol(user=user, course=course)
    for lesson in lessons_of(course)[:4]:
        services.complete_lesson(user=done, lesson=lesson)
    client.force_login(done)
    assert "4 of 6 lessons done" in client.get(course.url).content.decode()
    client.get(lessons_of(course)[4].url)
    client.force_login(fresh)
    page = client.get(course.url).content.decode()
    assert "0 of 6 lessons done" in page
    assert "4 of 6" not in page


def test_a_role_taken_away_is_gone_at_the_next_request(client):
    cell = make_user(Role.CELL_ADMIN)
    client.force_login(cell)
    reports = reverse("reports:index")
    assert client.get(reports).status_code == 200
    cell.groups.remove(Group.objects.get(name=Role.CELL_ADMIN.value))
    assert client.get(reports).status_code == 403
    Group.objects.get(name=Role.CELL_ADMIN.value).user_set.add(cell)
    assert client.get(reports).status_code == 200
    Group.objects.get(name=Role.CELL_ADMIN.value).user_set.clear()
    assert client.get(reports).status_code == 403


def test_a_new_user_never_inherits_cached_roles_of_an_earlier_id(client):
    """SQLite hands a rolled-back user's id to the next user: roles cached for the earlier
    holder of the id (planted here under the id the next user will get) are not read."""
    trainee = make_user(Role.TRAINEE)
    planted = roles._roles_key(trainee.pk + 1)
    cache.set(planted, frozenset({Role.CELL_ADMIN.value}))
    newcomer = make_user(Role.TRAINEE)
    assert newcomer.pk == trainee.pk + 1
    client.force_login(newcomer)
    assert client.get(reverse("reports:index")).status_code == 403
    assert roles.role_names(User.objects.get(pk=newcomer.pk)) == {Role.TRAINEE.value}


def test_with_the_cache_off_nothing_is_stored(client, learner, course):
    cache.clear()
    with override_settings(PAGE_CACHE=False):
        assert pagecache.generation() is None
        assert client.get(lessons_of(course)[0].url).status_code == 200
        assert client.get(course.url).status_code == 200
    assert cache.get(pagecache.GENERATION_KEY) is None


def _snapshot(client, urls) -> list:
    out = []
    for url in urls:
        response = client.get(url)
        body = response.content.decode() if response.status_code == 200 else ""
        out.append(
            (
                url,
                response.status_code,
                sorted(set(re.findall(r'href="(/courses/[^"#]*)"', body))),
                sorted(set(re.findall(r"<h1[^>]*>([^<]*)</h1>", body))),
            )
        )
    return out


def test_generated_changes_answer_as_without_the_cache(client, learner, course):
    """Thirty random changes (publish, unpublish, rename, move, add), each followed by a
    visit of every address the course ever had: cached and uncached answers agree."""
    rng = random.Random(20261205)
    other = build_course(modules=1, lessons_per_module=2, title="Right to Service")
    services.enrol(user=learner, course=other)
    seen: set[str] = set()

    def addresses():
        pages = Page.objects.filter(depth__gte=3).exclude(url_path="").order_by("path")
        seen.update(p.url for p in pages.specific() if p.url)
        return sorted(seen)

    for step in range(30):
        lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
        modules = list(ModulePage.objects.descendant_of(course).order_by("path"))
        action = rng.choice(["publish", "unpublish", "rename", "move", "add"])
        lesson = rng.choice(lessons)
        if action == "unpublish" and lesson.live:
            lesson.unpublish()
        elif action in {"publish", "rename"}:
            lesson.title = f"Lesson {step}" if action == "rename" else lesson.title
            lesson.save_revision().publish()
        elif action == "move":
            lesson.move(rng.choice(modules), pos="last-child")
        else:
            LessonFactory(parent=rng.choice(modules), title=f"Added {step}", slug=f"added-{step}")
        urls = addresses()
        cached = _snapshot(client, urls)
        with override_settings(PAGE_CACHE=False):
            uncached = _snapshot(client, urls)
        assert cached == uncached, (step, action)
