"""Course pages read from the shared cache: the route, the view restrictions, the outline.

A learner page used to cost about fifteen queries before any learner's data was read: the
site, the locale, the root page, the page and its specific row, the alias ancestors and
view restrictions, the course above a lesson, its modules and its lessons. None of that
depends on who asks, and all of it changes only when an editor or the cell changes pages.
So it is kept in Django's cache (Redis in production) under a *generation*: one number
that every change to a page, a site, a locale, a view restriction, an image, a document or a
topic moves on (saved, deleted, moved, published, unpublished), at once and again when the
transaction commits. An entry is stored under the generation read *before* it was computed, so an answer read
from a page that has changed since is never found again. Since an entry under a number never
changes, each process also holds the entries it has used (pickled, a fresh copy per read),
and reads the numbers once per request (``lms.core.generations``): a learner page asks the
shared cache for its session, the numbers and the learner's roles, and nothing else. What a learner sees stays theirs:
enrolment, completions and roles are read per request (roles by ``lms.core.roles``).

On with ``settings.PAGE_CACHE`` (production with Redis, and the tests); off, every page is
routed by Wagtail as before. Entries also expire after ``PAGE_CACHE_SECONDS``, which bounds
how long a change made while the cache server was unreachable (its bump lost) can show."""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from lms.core.generations import Generation

GENERATION_KEY = "pages:generation"
WATCHED = (Page, Site, Locale, PageViewRestriction)


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", False)


def _ttl() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


_generation = Generation(GENERATION_KEY)


def generation() -> int | None:
    """The current generation (``lms.core.generations``), or None when the cache is off."""
    return _generation.current() if enabled() else None


def bump(**kwargs) -> None:
    """Move the generation on (now, and again after commit)."""
    if enabled():
        _generation.advance()


# Read with the pages the cache holds: a course's topic (``route_select_related``).
WATCHED_LABELS = {"courses.topic"}


def bump_for(sender=None, instance=None, **kwargs) -> None:
    """post_save / post_delete receiver: bump when a page, site, locale, restriction, image
    or document (in lesson texts) or a topic (read with its courses) changed (connected
    without a sender, so every page type is covered)."""
    label = getattr(getattr(instance, "_meta", None), "label_lower", None)
    if label in WATCHED_LABELS or isinstance(
        instance, (*WATCHED, get_image_model(), get_document_model())
    ):
        bump()


def key(*parts) -> str:
    digest = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode(), digest_size=16)
    return f"pages:{digest.hexdigest()}"


# Entries this process has read or stored, pickled, newest last: an entry under a generation
# never changes, so it is served from here (a fresh copy each time) without a round trip to
# the shared cache. Held for LOCAL_SECONDS at most, so an entry outlives its expiry in the
# shared cache by that much at worst.
LOCAL_ENTRIES = 512
LOCAL_SECONDS = 60
_local: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
_local_lock = threading.Lock()


def _hold(entry_key: str, value) -> None:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    with _local_lock:
        _local[entry_key] = (time.monotonic() + LOCAL_SECONDS, data)
        _local.move_to_end(entry_key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def _held(entry_key: str):
    with _local_lock:
        held = _local.get(entry_key)
        if held is None:
            return None
        if held[0] < time.monotonic():
            del _local[entry_key]
            return None
        _local.move_to_end(entry_key)
    return pickle.loads(held[1])  # noqa: S301 - bytes this process pickled itself


def forget_local() -> None:
    """Drop what this process holds (tests that put back database rows and cache alike)."""
    with _local_lock:
        _local.clear()


def get(generation_number, *parts):
    if generation_number is None:
        return None
    entry_key = key(generation_number, *parts)
    value = _held(entry_key)
    if value is None:
        value = cache.get(entry_key)
        if value is not None:
            _hold(entry_key, value)
    return value


def put(generation_number, value, *parts) -> None:
    if generation_number is not None:
        entry_key = key(generation_number, *parts)
        cache.set(entry_key, value, _ttl())
        _hold(entry_key, value)


# ------------------------------------------------------------------ routing
def route_parts(request, path) -> tuple:
    hostname = split_domain_port(request._get_raw_host())[0]
    return ("route", hostname, request.get_port(), translation.get_language(), path)


def route(request, path: str) -> None:
    """Give ``request`` its Wagtail route (``_wagtail_route_for_request``, which Wagtail's
    serve view reads first) and site from the cache; on a miss, let Wagtail route it and
    store the page, the site and the view restrictions that apply. A route with arguments
    or a 404 is never stored; the caller routes here only where every page type routes as
    Wagtail's Page does (``courses.localisation.uniform_routing``)."""
    gen = generation()
    if gen is None:
        return
    parts = route_parts(request, path)
    entry = get(gen, *parts)
    if entry is not None:
        page = entry.get("object") or _load(entry)
        if page is not None:
            request._wagtail_site = entry["site"]
            # What Wagtail would read from the cache for every page URL it draws.
            request._wagtail_cached_site_root_paths = remembered(
                gen, Site.get_site_root_paths, "site-root-paths"
            )
            page._view_restriction_ids = entry["restrictions"]
            request._wagtail_route_for_request = RouteResult(page)
            return
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page, args, kwargs = result
    if args or kwargs:
        return
    restrictions = [r.pk for r in page.get_view_restrictions()]
    page._view_restriction_ids = restrictions
    entry = {
        "site": Site.find_for_request(request),
        "content_type": page.content_type_id,
        "page": page.pk,
        "restrictions": restrictions,
    }
    # The page itself, read as a cache hit reads it (with ``route_select_related``): every
    # change to a page row moves the generation on, so the stored copy is never out of date.
    entry["object"] = _load(entry)
    put(gen, entry, *parts)


def _load(entry):
    model = ContentType.objects.get_for_id(entry["content_type"]).model_class()
    if model is None:
        return None
    pages = model.objects.filter(pk=entry["page"])
    related = getattr(model, "route_select_related", ())
    return (pages.select_related(*related) if related else pages).first()


def view_restrictions(page):
    """The restrictions stored with ``page``'s route, as a queryset (none: no query), or
    None when the page was not routed from the cache."""
    ids = getattr(page, "_view_restriction_ids", None)
    if ids is None:
        return None
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=ids)


def remembered(gen, compute, *parts):
    """The value stored under ``parts`` for this generation, computing and storing it on a
    miss (``compute`` must return something picklable and never None)."""
    value = get(gen, *parts)
    if value is None:
        value = compute()
        put(gen, value, *parts)
    return value
