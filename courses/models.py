from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.core.blocks import RICH_TEXT_FEATURES, lesson_blocks
from lms.core.enums import Level
from lms.core.fields import MultipleChoiceField

from .enums import CourseLanguage, EnrolmentSource


class Topic(models.Model):
    """The course taxonomy the cell teaches (seeds/003): charter, grievance redress, RTS, ..."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_hi"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class HomePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CatalogueIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["topics"] = Topic.objects.all()
        context["catalogue"] = CatalogueIndexPage.objects.live().first()
        context["featured_courses"] = selectors.catalogue_courses()[:6]
        return context


class CatalogueIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    page_size = 12

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        topic_slug = request.GET.get("topic", "")
        level = request.GET.get("level", "")
        courses = selectors.catalogue_courses(
            parent=self, query=query, topic_slug=topic_slug, level=level
        )
        page = Paginator(courses, self.page_size).get_page(request.GET.get("page"))
        context.update(
            {
                "courses": page,
                "query": query,
                "topics": Topic.objects.all(),
                "selected_topic": topic_slug,
                "levels": Level.choices,
                "selected_level": level,
            }
        )
        return context


class CoursePage(Page):
    """A course: the content. A programme (a later issue) is one scheduled delivery of it."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="courses"
    )
    summary = models.TextField(_("summary"), max_length=600)
    objectives = models.TextField(
        _("learning objectives"), blank=True, help_text=_("One objective per line.")
    )
    target_levels = MultipleChoiceField(_("target levels"), choices_enum=Level)
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=1)
    language = models.CharField(
        _("language"), max_length=10, choices=CourseLanguage.choices, default=CourseLanguage.ENGLISH
    )
    self_enrolment = models.BooleanField(
        _("open for online self-enrolment"),
        default=True,
        help_text=_("Untick for courses taught only in scheduled programmes."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("summary"),
        FieldPanel("objectives"),
        MultiFieldPanel(
            [
                FieldPanel("target_levels"),
                FieldPanel("duration_hours"),
                FieldPanel("language"),
                FieldPanel("self_enrolment"),
            ],
            heading=_("Delivery"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("objectives"),
        index.FilterField("topic"),
    ]
    parent_page_types = ["courses.CatalogueIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("course")

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def get_target_level_labels(self):
        labels = dict(Level.choices)
        return [labels[value] for value in self.target_levels if value in labels]

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.course_outline(course=self, user=request.user)
        context["enrolment"] = selectors.enrolment_for(user=request.user, course=self)
        return context


class ModulePage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module is a section of its course: its page is the course outline.
        return redirect(self.get_parent().get_url(request) + f"#module-{self.pk}")


class LessonPage(Page):
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    body = StreamField(lesson_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        from . import selectors, services

        course = selectors.course_of_lesson(self)
        user = request.user
        if not user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not selectors.can_open_lesson(user=user, course=course):
            from django.contrib import messages

            messages.info(request, _("Enrol in the course to open its lessons."))
            return redirect(course.get_url(request))
        services.record_lesson_visit(user=user, lesson=self, course=course)
        request.lesson_course = course
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        course = getattr(request, "lesson_course", None) or selectors.course_of_lesson(self)
        context["course"] = course
        context.update(selectors.lesson_navigation(lesson=self, course=course, user=request.user))
        return context


class Enrolment(models.Model):
    """A trainee's place in an online course, with where they left off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.CASCADE, related_name="enrolments")
    source = models.CharField(
        _("source"), max_length=16, choices=EnrolmentSource.choices, default=EnrolmentSource.SELF
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_lesson = models.ForeignKey(
        LessonPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]
        ordering = ["-last_activity_at", "-enrolled_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self):
        return f"{self.user} in {self.course}"


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_completion_per_lesson")
        ]
        verbose_name = _("lesson completion")

    def __str__(self):
        return f"{self.user} completed {self.lesson_id}"
