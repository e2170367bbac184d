"""Searching the catalogue in Hindi, on SQLite (FTS5) and on PostgreSQL.

How the Wagtail database backend treats Devanagari:
- SQLite FTS5's unicode61 tokenizer counts only letters and digits (L*, N*) as word
  characters, so a Hindi word is cut at every vowel sign and virama: "नागरिक" is indexed as
  "न", "गर", "क". Whole words still match (the query is cut the same way), but a fragment
  such as "गर" matches too, and part of a word ("चार्ट" for "चार्टर") does not.
- PostgreSQL (UTF-8 database) keeps Devanagari words whole but has no Hindi stemming, so
  "सेवा" does not find "सेवाओं".
courses.selectors.matching_course_keys therefore adds a substring match for any query with
Devanagari in it; these tests pin both the backend's behaviour and the catalogue's."""

import re
from html import unescape

import pytest
from django.db import DatabaseError, connection
from wagtail.query import PageQuerySet

from courses import selectors
from courses.models import CoursePage
from tests.factories import build_course

from .conftest import translate

pytestmark = pytest.mark.django_db

CATALOGUE = "/courses/"


def titles(queryset):
    return [course.title for course in queryset]


def card_titles(client, query, language="en"):
    client.cookies["django_language"] = language
    page = client.get(CATALOGUE, {"q": query}).content.decode()
    return [unescape(t) for t in re.findall(r'<h3><a href="[^"]*">([^<]+)</a></h3>', page)]


@pytest.fixture
def hindi_course(english_catalogue):
    return build_course(
        title="नागरिक चार्टर का परिचय",
        slug="charter-hi",
        summary="नागरिक सेवाओं के मानक और शिकायत निवारण की व्यवस्था।",
        objectives="सेवा का अधिकार अधिनियम की समय-सीमाएँ बताना",
        language="hi",
    )


@pytest.fixture
def english_course(english_catalogue):
    return build_course(
        title="Right to Service", slug="rts", summary="Notified services and time limits."
    )


def backend(query):
    return titles(CoursePage.objects.live().search(query))


# ------------------------------------------------------------------ the backend itself
def test_the_backend_finds_whole_hindi_words(hindi_course, english_course):
    for word in ["नागरिक", "चार्टर", "शिकायत", "निवारण", "सेवा", "अधिकार", "नागरिक चार्टर"]:
        assert backend(word) == [hindi_course.title], word


def test_the_backend_misses_part_of_a_hindi_word(hindi_course):
    assert backend("चार्ट") == []  # "चार्टर"


def test_sqlite_fts5_cuts_hindi_words_at_vowel_signs(hindi_course):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite FTS5 only")
    assert backend("गर") == [hindi_course.title]  # a fragment of नागरिक matches


@pytest.mark.postgres
def test_postgresql_keeps_hindi_words_whole(hindi_course):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unnest(tsvector_to_array(to_tsvector('simple', %s)))",
            ["नागरिक चार्टर का परिचय"],
        )
        lexemes = {row[0] for row in cursor.fetchall()}
    assert lexemes == {"नागरिक", "चार्टर", "का", "परिचय"}
    assert backend("गर") == []


# ------------------------------------------------------------------ the catalogue
@pytest.mark.parametrize(
    "query",
    [
        "नागरिक",  # a word of the title
        "नागरिक चार्टर",  # two words
        "शिकायत निवारण",  # words of the summary
        "समय-सीमाएँ",  # a word of the objectives
        "चार्ट",  # part of a word
        "सेवा",  # finds "सेवाओं" and "सेवा"
        "मानक",
    ],
)
def test_the_catalogue_finds_hindi_courses_by_hindi_queries(
    client, hindi_course, english_course, query
):
    assert titles(selectors.catalogue_courses(query=query)) == [hindi_course.title]
    assert card_titles(client, query, "hi") == [hindi_course.title]


def test_every_word_of_a_hindi_query_must_match(hindi_course):
    assert titles(selectors.catalogue_courses(query="नागरिक जल")) == []


def test_english_queries_still_use_the_backend(client, hindi_course, english_course):
    assert card_titles(client, "service") == ["Right to Service"]
    assert card_titles(client, "zebra") == []


def test_a_hindi_query_finds_the_hindi_version_and_shows_the_language_in_use(
    client, english_catalogue, hindi_catalogue
):
    course = build_course(title="Citizen's Charter", slug="charter", summary="Six components.")
    translate(course, subtree=True, title="नागरिक चार्टर", summary="छह घटक।")
    assert card_titles(client, "घटक", "hi") == ["नागरिक चार्टर"]
    assert card_titles(client, "घटक", "en") == ["Citizen's Charter"]  # same course, English
    assert card_titles(client, "components", "hi") == ["नागरिक चार्टर"]


def test_a_failing_backend_falls_back_to_substring_search(
    monkeypatch, hindi_course, english_course
):
    def broken(self, *args, **kwargs):
        raise DatabaseError("fts5: syntax error")

    monkeypatch.setattr(PageQuerySet, "search", broken)
    assert titles(selectors.catalogue_courses(query="Service")) == ["Right to Service"]
    assert titles(selectors.catalogue_courses(query="चार्टर")) == [hindi_course.title]
