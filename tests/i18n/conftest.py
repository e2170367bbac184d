"""Hindi versions of pages, made the way an editor makes them with "Translate"
(wagtail.contrib.simple_translation runs CopyPageForTranslationAction), then published."""

import pytest
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale, Page

from courses.models import CatalogueIndexPage, HomePage


def hindi():
    return Locale.objects.get(language_code="hi")


def translate(page, *, subtree=False, publish=True, **fields):
    """The Hindi copy of ``page`` (and of its subtree), with ``fields`` set, published.
    Returns the Hindi page (specific)."""
    copy = CopyPageForTranslationAction(page.specific, hindi(), include_subtree=subtree).execute(
        skip_permission_checks=True
    )
    copy = Page.objects.get(pk=copy.pk).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    revision = copy.save_revision()
    if publish:
        revision.publish()
        if subtree:
            for descendant in copy.get_descendants().specific():
                descendant.save_revision().publish()
    return Page.objects.get(pk=copy.pk).specific


def hindi_version(page):
    return page.get_translation(hindi()).specific


@pytest.fixture
def english_catalogue(db):
    return CatalogueIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def hindi_catalogue(english_catalogue):
    """Home and Courses in Hindi, as the cell translates them once."""
    home = HomePage.objects.get(locale__language_code="en")
    translate(home, title="सेवोत्तम एलएमएस")
    return translate(english_catalogue, title="पाठ्यक्रम")
