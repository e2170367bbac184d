"""Reads for the learner side. Each function runs a fixed number of queries, whatever the
number of modules, lessons or enrolments."""

import logging
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Left, Length
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from lms.core.enums import Level
from lms.core.languages import active_locale_id, canonical, default_locale_id, has_devanagari
from lms.core.roles import is_staff_author

from . import pagecache, signals
from .models import (
    CatalogueIndexPage,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Topic,
)

logger = logging.getLogger(__name__)


def in_live_module(path_field: str = "path"):
    """True when the page at ``path_field`` (a lesson) sits under a live module: a module
    unpublished without its lessons hides them from the outline, so they must not count."""
    parent_path = Left(OuterRef(path_field), Length(OuterRef(path_field)) - LessonPage.steplen)
    return Exists(Page.objects.filter(live=True, path=parent_path))


def live_lessons():
    """The lessons a learner sees and must complete: live, in a live module."""
    return LessonPage.objects.live().filter(in_live_module())


def _live_lesson_count(path_ref):
    return Coalesce(
        Subquery(
            live_lessons()
            .filter(path__startswith=path_ref)
            .order_by()
            .values("depth")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def in_active_language(pages):
    """One version of each page: the one in the language being shown where it is live,
    otherwise the English one (or, for a page written only in Hindi, that one)."""
    active, default = active_locale_id(), default_locale_id()
    if active is None:
        return pages

    def live_version_in(locale):
        return Exists(
            Page.objects.live().filter(
                translation_key=OuterRef("translation_key"), locale_id=locale
            )
        )

    shown = Q(locale_id=active) | (
        ~live_version_in(active) & (Q(locale_id=default) | ~live_version_in(default))
    )
    return pages.filter(shown)


def _english_path():
    """The tree position of the English version (so both languages list in one order)."""
    return Coalesce(
        Subquery(
            Page.objects.filter(
                translation_key=OuterRef("translation_key"), locale_id=default_locale_id()
            ).values("path")[:1]
        ),
        F("path"),
    )


def catalogue_page():
    """The live course catalogue in the language being shown (else the English one)."""
    catalogues = CatalogueIndexPage.objects.live().order_by("path")
    return catalogues.filter(locale_id=active_locale_id()).first() or catalogues.first()


def matching_course_keys(query: str) -> set:
    """The translation keys of the live courses (in any language) matching ``query``.

    The Wagtail database backend finds whole words on SQLite (FTS5) and PostgreSQL, in Hindi
    too. It does not find part of a Hindi word: FTS5's tokenizer splits Devanagari at every
    vowel sign and PostgreSQL has no Hindi stemming, so "सेवा" would miss "सेवाओं". A query
    with Devanagari in it therefore also matches every word as a substring of the title,
    summary or objectives, as does any query the backend fails on."""
    query = query.replace('"', " ").strip()
    if not query:
        return set()
    courses = CoursePage.objects.live()
    keys, failed = set(), False
    try:
        with transaction.atomic():
            keys = {page.translation_key for page in courses.search(query)}
    except DatabaseError:
        failed = True
        logger.warning("Search backend failed for %r; using substring search", query)
    if failed or has_devanagari(query):
        condition = Q()
        for word in query.split()[:8]:
            condition &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(objectives__icontains=word)
            )
        keys |= set(courses.filter(condition).values_list("translation_key", flat=True))
    return keys


def topics() -> list:
    """Every topic, in order (from the page cache when it is on: a topic's change moves it
    on)."""
    return pagecache.remembered(pagecache.generation(), lambda: list(Topic.objects.all()), "topics")


# What a visitor browsing the catalogue may ask for (no search words); anything else is
# drawn for the request alone, so that nobody can fill the cache with made-up addresses.
_BROWSING = {"q", "topic", "level", "page"}


def catalogue_browsing(request, *, topics) -> bool:
    """True when the catalogue's cards for ``request`` can come from the page cache: it is
    on, no search words were given, and the topic, level and page are ones that exist."""
    params = request.GET
    if not pagecache.enabled() or set(params) - _BROWSING:
        return False
    if any(len(values) > 1 for _name, values in params.lists()) or params.get("q", "").strip():
        return False
    topic, level, page = (params.get(name, "") for name in ("topic", "level", "page"))
    return (
        (not topic or topic in {t.slug for t in topics})
        and (not level or level in Level.values)
        and (not page or (page.isdigit() and len(page) <= 3))
    )


def catalogue_results_html(request, *, catalogue, render) -> str:
    """The catalogue's count, cards and page links for ``request`` (browsing: see
    ``catalogue_browsing``), drawn once per generation, catalogue, language, site address
    and query string. ``render()`` gives the template's context. The cards read nothing of
    the visitor; their links depend on the site, the page links on the query string."""
    parts = pagecache.route_parts(request, "")[1:4]  # host, port, language
    html = pagecache.remembered(
        pagecache.generation(),
        lambda: render_to_string("courses/_catalogue_results.html", render(), request=request),
        "catalogue",
        catalogue.pk,
        *parts,
        request.GET.urlencode(),
    )
    return mark_safe(html)  # noqa: S308 - a template's output


def catalogue_courses(*, parent=None, query: str = "", topic_slug: str = "", level: str = ""):
    courses = in_active_language(CoursePage.objects.live().public()).select_related("topic")
    if parent is not None:  # the courses under this catalogue or its other language version
        parent_path = Left(OuterRef("path"), Length(OuterRef("path")) - CoursePage.steplen)
        courses = courses.filter(
            Exists(Page.objects.filter(translation_key=parent.translation_key, path=parent_path))
        )
    if topic_slug:
        courses = courses.filter(topic__slug=topic_slug)
    if level:
        courses = courses.annotate(levels_text=Cast("target_levels", CharField())).filter(
            levels_text__contains=f'"{level}"'
        )
    query = query.replace('"', " ").strip()  # a double quote breaks SQLite's FTS5 syntax
    if query:
        courses = courses.filter(translation_key__in=matching_course_keys(query))
    return courses.annotate(
        lesson_count=_live_lesson_count(OuterRef("path")), english_path=_english_path()
    ).order_by("topic__sort_order", "english_path")


def enrolment_for(*, user, course) -> Enrolment | None:
    """The enrolment in ``course`` (in either language: it is kept on the English version)."""
    if not user.is_authenticated or course.pk is None:  # None: admin preview of a new course
        return None
    return (
        Enrolment.objects.filter(user=user, course=canonical(course))
        .select_related("last_lesson")  # "continue where you left off", without its text
        .defer("last_lesson__body")
        .first()
    )


def course_of_lesson(lesson: LessonPage) -> CoursePage:
    """The course above ``lesson`` (from the page cache when it is on)."""
    return pagecache.remembered(
        pagecache.generation(),
        lambda: CoursePage.objects.ancestor_of(lesson).get(),
        "course-of",
        lesson.pk,
    )


def lesson_place(*, user, course) -> dict | None:
    """Where ``user`` is in ``course``: their enrolment's ``last_lesson_id`` and
    ``last_activity_at``, or None when they are not enrolled (one query)."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, course=course)
        .values("last_lesson_id", "last_activity_at")
        .first()
    )


def can_open_lesson(*, user, course) -> bool:
    if not user.is_authenticated:
        return False
    if is_staff_author(user):
        return True
    return Enrolment.objects.filter(user=user, course=course).exists()


@dataclass
class ModuleOutline:
    module: ModulePage
    lessons: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(1 for lesson in self.lessons if lesson.is_done)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class CourseOutline:
    modules: list[ModuleOutline]

    @property
    def lessons(self):
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def total(self):
        return len(self.lessons)

    @property
    def done(self):
        return sum(module.done for module in self.modules)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    def next_lesson(self):
        """The first lesson not yet done, or None when every lesson is done."""
        return next((lesson for lesson in self.lessons if not lesson.is_done), None)


def _completed_keys(user, course) -> set:
    """The translation keys of the lessons of ``course`` that ``user`` has completed
    (completions are kept on the English lessons, whichever version is shown)."""
    if not user.is_authenticated:
        return set()
    return set(
        LessonCompletion.objects.filter(
            user=user, lesson__path__startswith=canonical(course).path
        ).values_list("lesson__translation_key", flat=True)
    )


def _course_tree(course: CoursePage) -> tuple[list, list]:
    """The live modules and lessons of ``course`` in tree order, each a fresh copy (the
    outline marks them done or not), from the page cache when it is on."""

    def read():
        modules = list(
            ModulePage.objects.live()
            .child_of(course)
            .only("id", "title", "path", "url_path", "depth", "locale_id")
        )
        lessons = list(
            LessonPage.objects.live()
            .descendant_of(course)
            .order_by("path")
            .only(
                "id",
                "title",
                "path",
                "url_path",
                "depth",
                "minutes",
                "slug",
                "translation_key",
                "locale_id",
            )
        )
        for page in lessons:
            # (site id, root URL, path): what {% pageurl %} works out per link per request.
            page.url_parts = page.get_url_parts()
        return modules, lessons

    if course.pk is None:  # the admin preview of a new course
        return read()
    return pagecache.remembered(pagecache.generation(), read, "course-tree", course.pk)


def course_outline(*, course: CoursePage, user) -> CourseOutline:
    """Modules and their live lessons in tree order, each lesson flagged ``is_done``
    (for a Hindi course, by the completions of the English lessons)."""
    modules, lessons = _course_tree(course)
    done = _completed_keys(user, course)
    by_path = {module.path: ModuleOutline(module=module) for module in modules}
    for lesson in lessons:
        lesson.is_done = lesson.translation_key in done
        outline = by_path.get(lesson.path[: -LessonPage.steplen])
        if outline is not None:
            outline.lessons.append(lesson)
    return CourseOutline(modules=[by_path[m.path] for m in modules])


def link_lessons(outline: CourseOutline, request) -> None:
    """Give every lesson of ``outline`` its address as ``link``: the same as ``{% pageurl %}``
    (a path on the site being served, a full URL on another site), from the parts stored
    with the outline instead of working them out again for each link."""
    site = Site.find_for_request(request)
    site_id = site.pk if site is not None else None
    for lesson in outline.lessons:
        parts = getattr(lesson, "url_parts", None)
        if parts is None:
            lesson.link = lesson.get_url(request)
            continue
        lesson_site, root_url, path = parts
        lesson.link = path if lesson_site == site_id else root_url + path


def lesson_body_html(lesson: LessonPage) -> str:
    """The lesson's text rendered, once per revision and language while the page cache is
    on (its blocks read nothing of the visitor: no request, user or form token)."""
    if lesson.pk is None:  # the admin preview of a new lesson
        return lesson.body.render_as_block()
    return pagecache.remembered(
        pagecache.generation(),
        lambda: str(lesson.body.render_as_block()),
        "body",
        lesson.pk,
        lesson.latest_revision_id,
        get_language(),
    )


def lesson_navigation(*, lesson: LessonPage, course: CoursePage, user) -> dict:
    outline = course_outline(course=course, user=user)
    lessons = outline.lessons
    ids = [item.pk for item in lessons]
    position = ids.index(lesson.pk) if lesson.pk in ids else None
    previous_lesson = lessons[position - 1] if position else None
    next_lesson = (
        lessons[position + 1] if position is not None and position + 1 < len(lessons) else None
    )
    module = next((m for m in outline.modules if lesson.pk in {x.pk for x in m.lessons}), None)
    return {
        "outline": outline,
        "current_module": module,
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "lesson_done": lesson.pk in {x.pk for x in lessons if x.is_done},
        "position": (position or 0) + 1,
    }


def _title_in_active_language(page_ref: str):
    """The title of the live version, in the language being shown, of the page at
    ``page_ref`` (its own title when there is none)."""
    return Coalesce(
        Subquery(
            Page.objects.live()
            .filter(
                translation_key=OuterRef(f"{page_ref}__translation_key"),
                locale_id=active_locale_id(),
            )
            .values("title")[:1]
        ),
        F(f"{page_ref}__title"),
    )


def my_learning(*, user):
    """The user's enrolments with lesson totals and done counts, most recent first; course
    and lesson titles in the language being shown (``course_title``, ``last_lesson_title``)."""
    done = (
        LessonCompletion.objects.filter(
            user=OuterRef("user"),
            lesson__path__startswith=OuterRef("course__path"),
            lesson__live=True,
        )
        .filter(in_live_module("lesson__path"))
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course", "course__topic", "last_lesson")
        .annotate(
            total_lessons=_live_lesson_count(OuterRef("course__path")),
            done_lessons=Coalesce(Subquery(done, output_field=IntegerField()), 0),
            course_title=_title_in_active_language("course"),
            last_lesson_title=_title_in_active_language("last_lesson"),
        )
        # In progress first, then by latest activity; explicit NULL placement because
        # SQLite and PostgreSQL sort NULLs at opposite ends.
        .order_by(
            F("completed_at").asc(nulls_first=True),
            F("last_activity_at").desc(nulls_last=True),
            "-enrolled_at",
        )
    )


def lesson_results(*, user, enrolments) -> list:
    """``enrolments`` (of ``user``, from ``my_learning``), each given ``lesson_results``:
    the results other apps keep for its course's lessons (``signals.collect_lesson_results``;
    a SCORM lesson's status and score), in the order they return them."""
    enrolments = list(enrolments)
    merged: dict[int, list] = {}
    responses = signals.collect_lesson_results.send(
        sender=Enrolment, user=user, courses=[enrolment.course for enrolment in enrolments]
    )
    for _receiver, response in responses:
        for course_id, rows in (response or {}).items():
            merged.setdefault(course_id, []).extend(rows)
    for enrolment in enrolments:
        enrolment.lesson_results = merged.get(enrolment.course_id, [])
    return enrolments


def learning_summary(*, user) -> dict:
    """Enrolled, completed, in progress (at least one live lesson done, as the progress bar
    counts) and not started (none done: a course at 0%)."""
    started = LessonCompletion.objects.filter(
        user=OuterRef("user"),
        lesson__path__startswith=OuterRef("course__path"),
        lesson__live=True,
    ).filter(in_live_module("lesson__path"))
    counts = (
        Enrolment.objects.filter(user=user, course__live=True)
        .annotate(started=Exists(started))
        .aggregate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            in_progress=Count("pk", filter=Q(completed_at__isnull=True, started=True)),
        )
    )
    counts["not_started"] = counts["enrolled"] - counts["completed"] - counts["in_progress"]
    return counts
