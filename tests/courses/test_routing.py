"""Pages are found by their url_path in one query (courses.localisation) with exactly the
answer Wagtail's step-by-step route gives: for every page of a tree with draft and
unpublished pages in it, and for addresses mutated from those (a slug changed, a part
dropped, doubled or added), the page found, or the 404, is the same both ways."""

import itertools

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, Site

from courses import localisation
from courses.models import LessonPage, ModulePage
from tests.factories import build_course

pytestmark = pytest.mark.django_db


def _route(path: str, *, direct: bool):
    """The page the site's root routes ``path`` to (None for a 404), by url_path or step
    by step."""
    request = RequestFactory().get(path)
    if not direct:
        request._routed_by_url_path = True  # as if tried: the step-by-step route decides
    root = Site.objects.get(is_default_site=True).root_page.specific
    components = [part for part in path.split("/") if part]
    try:
        return root.route(request, components).page.pk
    except Http404:
        return None


def _mutations(path: str):
    parts = [part for part in path.split("/") if part]
    yield path
    for index in range(len(parts)):
        yield "/" + "/".join(parts[:index] + [parts[index] + "x"] + parts[index + 1 :]) + "/"
        yield "/" + "/".join(parts[:index] + parts[index + 1 :]) + "/"
        yield "/" + "/".join(parts[: index + 1] + parts[index:]) + "/"
    yield path + "extra/"


def test_the_direct_route_finds_what_the_step_route_finds():
    course = build_course(modules=2, lessons_per_module=3)
    other = build_course(modules=1, lessons_per_module=2)
    module = ModulePage.objects.child_of(course).order_by("path").first()
    module.unpublish()  # a lesson under a draft module is still routed to (Wagtail does)
    lesson = LessonPage.objects.descendant_of(other).order_by("path").last()
    lesson.unpublish()  # a draft lesson is a 404 both ways
    root_path = Site.objects.get(is_default_site=True).root_page.url_path
    addresses = {
        page.url_path[len(root_path) - 1 :]
        for page in Page.objects.filter(path__startswith=course.path[:8], depth__gt=2)
    }
    assert len(addresses) > 10
    checked = 0
    for path in sorted(set(itertools.chain.from_iterable(_mutations(a) for a in addresses))):
        assert _route(path, direct=True) == _route(path, direct=False), path
        checked += 1
    assert checked > 60
    assert _route(lesson.url_path[len(root_path) - 1 :], direct=True) is None


def test_a_page_type_with_a_route_of_its_own_turns_the_direct_route_off(monkeypatch):
    assert localisation.uniform_routing()
    localisation.uniform_routing.cache_clear()

    class Routed(Page):
        class Meta:
            app_label = "courses"
            abstract = True

        def route(self, request, path_components):  # pragma: no cover - never called
            raise AssertionError

    monkeypatch.setattr(localisation, "get_page_models", lambda: [Page, Routed])
    try:
        assert not localisation.uniform_routing()
    finally:
        localisation.uniform_routing.cache_clear()
