"""The catalogue's cards while browsing come from the page cache (courses/selectors.py,
``catalogue_results_html``): each answer is the answer without the cache, for any visitor,
filter, page and language; every change to a course, its lessons or a topic shows at the
next request; and nothing a visitor makes up (search words, unknown topics or parameters)
is stored."""

import re

import pytest
from django.conf import settings
from django.test import override_settings

from courses import pagecache
from lms.core.roles import Role
from tests.factories import LessonFactory, TopicFactory, build_course, make_user
from tests.i18n.conftest import translate

from .helpers import modules_of

pytestmark = pytest.mark.django_db

CATALOGUE = "/courses/"
BROWSING = [
    "",
    "?page=2",
    "?topic=charter",
    "?topic=charter&page=2",
    "?level=middle",
    "?q=&topic=grievance&level=top",
    "?level=top&q=",
    "?page=9",
    "?page=0",
]
NOT_STORED = [
    "?q=charter",
    "?q=charter&page=2",
    "?topic=made-up",
    "?level=everyone",
    "?page=abc",
    "?page=12345",
    "?utm_source=mail",
    "?topic=charter&topic=grievance",
]


@pytest.fixture
def courses():
    """Thirteen courses (two pages of cards) in two topics and two levels, with markup in
    their titles."""
    charter = TopicFactory(name="Citizen's charter", slug="charter")
    grievance = TopicFactory(name="Grievance redress", slug="grievance")
    return [
        build_course(
            modules=1,
            lessons_per_module=1 + n % 2,
            topic=charter if n % 2 else grievance,
            title=f'Course <{n}> & "friends"',
            target_levels=["top"] if n % 3 == 0 else ["middle"],
        )
        for n in range(13)
    ]


def _body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    # The sign-out form's token is masked afresh on every response.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def _answers(client, urls) -> list:
    return [_body(client, CATALOGUE + url) for url in urls]


def test_every_browsing_answer_is_the_answer_without_the_cache(client, courses):
    """For each visitor (anonymous, trainee, cell administrator) and language: the first
    answer (stored), the second (read from the cache) and the uncached one agree."""
    for visitor in ("anonymous", "trainee", "cell admin"):
        if visitor == "anonymous":
            client.logout()
        else:
            role = Role.TRAINEE if visitor == "trainee" else Role.CELL_ADMIN
            client.force_login(make_user(role))
        for language in ("en", "hi"):
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            urls = BROWSING + NOT_STORED
            first = _answers(client, urls)  # fills the cache
            second = _answers(client, urls)  # read from it
            with override_settings(PAGE_CACHE=False):
                uncached = _answers(client, urls)
            for url, a, b, c in zip(urls, first, second, uncached, strict=True):
                assert a == c, (visitor, language, url)
                assert b == c, (visitor, language, url)


def test_the_hindi_catalogue_has_its_own_cards(client, courses):
    from courses.models import CatalogueIndexPage

    english = CatalogueIndexPage.objects.get(locale__language_code="en")
    translate(english.get_parent().specific, title="सेवोत्तम एलएमएस")
    hindi = translate(english, title="पाठ्यक्रम")
    translate(courses[0], title="नागरिक चार्टर")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_page = _body(client, CATALOGUE)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    hindi_page = _body(client, hindi.url)
    assert "नागरिक चार्टर" in hindi_page and "नागरिक चार्टर" not in english_page
    with override_settings(PAGE_CACHE=False):
        assert _body(client, hindi.url) == hindi_page
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        assert _body(client, CATALOGUE) == english_page


def test_changes_show_at_the_next_request(client, courses):
    _answers(client, BROWSING)
    new = build_course(modules=1, lessons_per_module=1, title="Right to Service in practice")
    assert "Right to Service in practice" in _body(client, CATALOGUE + "?page=2")

    new.unpublish()
    assert "Right to Service in practice" not in _body(client, CATALOGUE + "?page=2")

    topic = courses[1].topic
    topic.name = "Charters of citizens"
    topic.save()
    assert "Charters of citizens" in _body(client, CATALOGUE + "?topic=charter")

    course = courses[0]  # 1 lesson
    LessonFactory(parent=modules_of(course)[0])
    card = re.search(
        r"<article class=\"card\">(?:(?!</article>).)*?Course &lt;0&gt;.*?</article>",
        _body(client, CATALOGUE),
        re.S,
    )
    assert card and "2 lessons" in card.group(0)


def test_only_browsing_is_stored(client, courses, monkeypatch):
    stored = []
    real = pagecache.put

    def put(generation, value, *parts):
        if parts and parts[0] == "catalogue":
            stored.append(parts[-1])
        return real(generation, value, *parts)

    monkeypatch.setattr(pagecache, "put", put)
    _answers(client, NOT_STORED)
    assert stored == []
    _answers(client, BROWSING)
    assert len(stored) == len(BROWSING)
    _answers(client, BROWSING)
    assert len(stored) == len(BROWSING)  # the second time all come from the cache
