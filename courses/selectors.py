"""Reads for the learner side. Each function runs a fixed number of queries, whatever the
number of modules, lessons or enrolments."""

from dataclasses import dataclass, field

from django.db.models import CharField, Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce, Left, Length
from wagtail.models import Page

from lms.core.roles import is_staff_author

from .models import CoursePage, Enrolment, LessonCompletion, LessonPage, ModulePage


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


def catalogue_courses(*, parent=None, query: str = "", topic_slug: str = "", level: str = ""):
    courses = CoursePage.objects.live().public().select_related("topic")
    if parent is not None:
        courses = courses.child_of(parent)
    if topic_slug:
        courses = courses.filter(topic__slug=topic_slug)
    if level:
        courses = courses.annotate(levels_text=Cast("target_levels", CharField())).filter(
            levels_text__contains=f'"{level}"'
        )
    # A double quote reaches SQLite's FTS5 syntax unescaped and fails ("unterminated string").
    query = query.replace('"', " ").strip()
    if query:
        matching = [page.pk for page in CoursePage.objects.live().search(query)]
        courses = courses.filter(pk__in=matching)
    return courses.annotate(lesson_count=_live_lesson_count(OuterRef("path"))).order_by(
        "topic__sort_order", "path"
    )


def enrolment_for(*, user, course) -> Enrolment | None:
    if not user.is_authenticated or course.pk is None:  # None: admin preview of a new course
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def course_of_lesson(lesson: LessonPage) -> CoursePage:
    return CoursePage.objects.ancestor_of(lesson).get()


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


def _completed_ids(user, course) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        LessonCompletion.objects.filter(
            user=user, lesson__path__startswith=course.path
        ).values_list("lesson_id", flat=True)
    )


def course_outline(*, course: CoursePage, user) -> CourseOutline:
    """Modules and their live lessons in tree order, each lesson flagged ``is_done``."""
    modules = list(
        ModulePage.objects.live().child_of(course).only("id", "title", "path", "url_path", "depth")
    )
    lessons = (
        LessonPage.objects.live()
        .descendant_of(course)
        .only("id", "title", "path", "url_path", "depth", "minutes", "slug")
        .order_by("path")
    )
    done = _completed_ids(user, course)
    by_path = {module.path: ModuleOutline(module=module) for module in modules}
    for lesson in lessons:
        lesson.is_done = lesson.pk in done
        outline = by_path.get(lesson.path[: -LessonPage.steplen])
        if outline is not None:
            outline.lessons.append(lesson)
    return CourseOutline(modules=[by_path[m.path] for m in modules])


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


def my_learning(*, user):
    """The user's enrolments with lesson totals and done counts, most recent first."""
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
        )
        # In progress first, then by latest activity; explicit NULL placement because
        # SQLite and PostgreSQL sort NULLs at opposite ends.
        .order_by(
            F("completed_at").asc(nulls_first=True),
            F("last_activity_at").desc(nulls_last=True),
            "-enrolled_at",
        )
    )


def learning_summary(*, user) -> dict:
    counts = Enrolment.objects.filter(user=user, course__live=True).aggregate(
        enrolled=Count("pk"), completed=Count("pk", filter=Q(completed_at__isnull=False))
    )
    counts["in_progress"] = counts["enrolled"] - counts["completed"]
    return counts
