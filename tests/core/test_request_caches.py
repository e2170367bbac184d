"""What a process keeps between round trips to the shared cache (issue: learner pages near
the floor of a request): each generation read once per request (lms/core/generations.py),
page-cache entries held in the process under their generation (courses/pagecache.py), and
one Redis client per connection pool (lms/core/cache.py).

Each shortcut is checked against what another process does meanwhile: a counter it moves on
is seen by this process's next request, never half-way through one."""

import os
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from courses import pagecache, services
from courses.models import LessonPage
from lms.core import roles
from lms.core.generations import RequestGenerationsMiddleware
from lms.core.roles import Role
from tests.courses.helpers import lessons_of
from tests.factories import build_course, make_user


def _in_a_request(view):
    """Run ``view()`` as the middleware runs a request; its return value."""
    seen = {}

    def get_response(request):
        seen["value"] = view()
        return HttpResponse()

    RequestGenerationsMiddleware(get_response)(RequestFactory().get("/"))
    return seen["value"]


def _moved_on_elsewhere(key):
    """Another process moves a counter on: straight in the shared cache."""
    cache.incr(key)


@pytest.mark.django_db
def test_a_request_reads_every_generation_once_in_one_round_trip():
    pagecache.generation()  # both counters exist
    roles._generation.current()
    spy = mock.Mock(wraps=caches["default"])
    with mock.patch("lms.core.generations.cache", spy):
        numbers = _in_a_request(
            lambda: (
                [pagecache.generation() for _ in range(5)]
                + [roles._generation.current() for _ in range(5)]
            )
        )
    assert spy.get_many.call_count == 1
    assert set(spy.get_many.call_args.args[0]) >= {pagecache.GENERATION_KEY, "roles:generation"}
    assert spy.get.call_count == 0
    assert len(set(numbers[:5])) == 1 and len(set(numbers[5:])) == 1
    assert numbers[0] != numbers[5]


@pytest.mark.django_db
def test_a_counter_the_request_moves_on_is_read_again():
    def view():
        before = pagecache.generation()
        pagecache.bump()
        return before, pagecache.generation()

    before, after = _in_a_request(view)
    assert after == before + 1


@pytest.mark.django_db
def test_another_process_moving_a_counter_shows_at_the_next_request_not_within():
    def view():
        before = pagecache.generation()
        _moved_on_elsewhere(pagecache.GENERATION_KEY)
        return before, pagecache.generation()

    before, during = _in_a_request(view)
    assert during == before  # the request finishes on the number it began with
    assert _in_a_request(pagecache.generation) == before + 1


@pytest.mark.django_db
def test_outside_a_request_every_read_asks_the_shared_cache():
    before = pagecache.generation()
    _moved_on_elsewhere(pagecache.GENERATION_KEY)
    assert pagecache.generation() == before + 1


@pytest.mark.django_db
def test_an_entry_is_held_in_the_process_and_each_read_is_a_fresh_copy():
    gen = pagecache.generation()
    pagecache.put(gen, {"lessons": ["Charter"]}, "held-test")
    cache.delete(pagecache.key(gen, "held-test"))  # gone from the shared cache
    first = pagecache.get(gen, "held-test")
    assert first == {"lessons": ["Charter"]}
    first["lessons"].append("changed by one request")
    assert pagecache.get(gen, "held-test") == {"lessons": ["Charter"]}


@pytest.mark.django_db
def test_an_entry_read_from_the_shared_cache_is_held_after(monkeypatch):
    gen = pagecache.generation()
    cache.set(pagecache.key(gen, "from-elsewhere"), ["stored by another process"])
    assert pagecache.get(gen, "from-elsewhere") == ["stored by another process"]
    cache.delete(pagecache.key(gen, "from-elsewhere"))
    assert pagecache.get(gen, "from-elsewhere") == ["stored by another process"]


@pytest.mark.django_db
def test_held_entries_expire_and_the_oldest_make_room(monkeypatch):
    gen = pagecache.generation()
    monkeypatch.setattr(pagecache, "LOCAL_ENTRIES", 3)
    for n in range(5):
        pagecache.put(gen, n, "bounded", n)
        cache.delete(pagecache.key(gen, "bounded", n))
    assert [pagecache.get(gen, "bounded", n) for n in range(5)] == [None, None, 2, 3, 4]

    monkeypatch.setattr(pagecache, "LOCAL_SECONDS", -1)  # stored already expired
    pagecache.put(gen, "short-lived", "expiring")
    cache.delete(pagecache.key(gen, "expiring"))
    assert pagecache.get(gen, "expiring") is None


@pytest.mark.django_db
def test_a_lesson_changed_by_another_process_shows_at_the_next_request(client):
    """The other process writes the row and moves the generation on; this process holds the
    old page and outline under the old number, and must not serve them."""
    course = build_course(modules=1, lessons_per_module=2, title="Right to service")
    user = make_user(Role.TRAINEE)
    services.enrol(user=user, course=course)
    client.force_login(user)
    first, second = lessons_of(course)
    assert "Time limits" not in client.get(first.url).content.decode()

    # Written without signals, as by a process whose bump this one never sees locally.
    LessonPage.objects.filter(pk=second.pk).update(title="Time limits")
    assert "Time limits" not in client.get(first.url).content.decode()  # still cached
    _moved_on_elsewhere(pagecache.GENERATION_KEY)
    assert "Time limits" in client.get(first.url).content.decode()


@pytest.mark.redis
def test_the_redis_cache_makes_one_client_per_pool_and_it_serves_every_command():
    url = os.environ["REDIS_URL"]
    settings_ = {"default": {"BACKEND": "lms.core.cache.ResilientRedisCache", "LOCATION": url}}
    with override_settings(CACHES=settings_):
        redis_cache = caches.create_connection("default")
        client = redis_cache._cache
        assert client.get_client() is client.get_client()
        assert client.get_client(write=True) is client.get_client(write=True)
        redis_cache.delete_many(["sevottam-one-client", "sevottam-one-client-counter"])
        redis_cache.set("sevottam-one-client", {"n": 1}, 30)
        assert redis_cache.add("sevottam-one-client-counter", 1, 30)
        assert redis_cache.incr("sevottam-one-client-counter") == 2
        assert redis_cache.get_many(["sevottam-one-client", "sevottam-one-client-counter"]) == {
            "sevottam-one-client": {"n": 1},
            "sevottam-one-client-counter": 2,
        }
        redis_cache.delete_many(["sevottam-one-client", "sevottam-one-client-counter"])
        assert redis_cache.get("sevottam-one-client") is None
