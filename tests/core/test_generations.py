"""The generation counter behind the page and role caches (lms/core/generations.py)."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from courses import pagecache, services
from lms.core.generations import Generation
from lms.core.roles import Role
from tests.courses.helpers import lessons_of
from tests.factories import build_course, make_user


@pytest.mark.django_db
def test_advance_moves_the_number_on_and_a_lost_counter_restarts_elsewhere(
    django_capture_on_commit_callbacks,
):
    counter = Generation("test:generation")
    cache.delete(counter.key)
    first = counter.current()
    assert first is not None and counter.current() == first
    with django_capture_on_commit_callbacks(execute=True):
        counter.advance()
        assert counter.current() == first + 1  # at once
    assert counter.current() == first + 2  # and again after commit
    cache.delete(counter.key)  # evicted
    again = counter.current()
    assert again not in {None, first, first + 1, first + 2}


@pytest.mark.django_db
def test_pages_are_served_uncached_when_the_cache_keeps_nothing(client):
    """A cache that stores nothing (as the resilient Redis cache while Redis is down): no
    generation, so nothing is read from it, and pages are routed by Wagtail as before."""
    course = build_course(modules=1, lessons_per_module=2)
    user = make_user(Role.TRAINEE)
    client.force_login(user)
    dummy = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy, SESSION_ENGINE="django.contrib.sessions.backends.db"):
        client.force_login(user)
        assert pagecache.generation() is None
        services.enrol(user=user, course=course)
        for lesson in lessons_of(course):
            response = client.get(lesson.url)
            assert response.status_code == 200
            assert lesson.title in response.content.decode()
        assert client.get(course.url).status_code == 200
