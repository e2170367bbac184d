import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.accounts.models import OfficerFacts
from lms.core.blocks import RICH_TEXT_FEATURES, lesson_blocks
from lms.core.enums import Level
from lms.core.fields import MultipleChoiceField
from lms.core.fy import financial_year_label
from lms.core.languages import canonical, showing_hindi

from .enums import CourseLanguage, EnrolmentSource, ProgrammeMode, ProgrammeStatus
from .localisation import LocalisedPageMixin


class Topic(models.Model):
    """The course taxonomy the cell teaches (HIPA Sevottam Cell brochure (2024)): charter, grievance redress, RTS, ..."""

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

    @property
    def display_name(self) -> str:
        """The name in the language being shown (the Hindi name when there is one)."""
        return self.name_hi if self.name_hi and showing_hindi() else self.name


class HomePage(LocalisedPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CatalogueIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        # courses.selectors imports these models: a genuine cycle, so imported on use.
        from . import selectors  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        context["topics"] = Topic.objects.all()
        context["catalogue"] = selectors.catalogue_page()
        context["featured_courses"] = selectors.catalogue_courses()[:6]
        return context


class CatalogueIndexPage(LocalisedPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    page_size = 12

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        # courses.selectors imports these models: a genuine cycle, so imported on use.
        from . import selectors  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        topic_slug = request.GET.get("topic", "")
        level = request.GET.get("level", "")
        topics = selectors.topics()

        def results():
            courses = selectors.catalogue_courses(
                parent=self, query=query, topic_slug=topic_slug, level=level
            )
            page = Paginator(courses, self.page_size).get_page(request.GET.get("page"))
            return {"courses": page}

        context.update(
            {
                "query": query,
                "topics": topics,
                "selected_topic": topic_slug,
                "levels": Level.choices,
                "selected_level": level,
            }
        )
        if selectors.catalogue_browsing(request, topics=topics):
            # Browsing without a search: the cards are the same for everyone (page cache).
            context["results_html"] = selectors.catalogue_results_html(
                request, catalogue=self, render=lambda: {**context, **results()}
            )
        else:
            context.update(results())
        return context


class CoursePage(LocalisedPageMixin, Page):
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

    # Read with the page when it is routed from the page cache (courses/pagecache.py).
    route_select_related = ("topic",)

    class Meta:
        verbose_name = _("course")

    @property
    def objective_list(self):
        return [line.strip() for line in self.objectives.splitlines() if line.strip()]

    def get_target_level_labels(self):
        labels = dict(Level.choices)
        return [labels[value] for value in self.target_levels if value in labels]

    def get_context(self, request, *args, **kwargs):
        # courses.selectors imports these models: a genuine cycle, so imported on use.
        from . import selectors  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        # Enrolment, progress and tests belong to the English version (courses/localisation.py).
        course = canonical(self)
        context["learning_course"] = course
        # The catalogue above: this page's address less its own slug (no query for it).
        url = self.get_url(request)
        context["catalogue_url"] = url.rsplit("/", 2)[0] + "/" if url else None
        context["outline"] = selectors.course_outline(course=self, user=request.user)
        selectors.link_lessons(context["outline"], request)
        context["enrolment"] = selectors.enrolment_for(user=request.user, course=course)
        context["assessments"] = (
            list(course.assessments.order_by("kind", "pk")) if context["enrolment"] else []
        )
        return context


class ModulePage(LocalisedPageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "scorm.ScormLessonPage"]

    # No template of its own (it redirects to the course outline), so nothing to preview.
    preview_modes: list = []

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        # A module is a section of its course: its page is the course outline.
        return redirect(self.get_parent().get_url(request) + f"#module-{self.pk}")


class LessonPage(LocalisedPageMixin, Page):
    minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    body = StreamField(lesson_blocks(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    # False for lesson types completed by their content (a SCORM package), not the button.
    completed_by_learner = True

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        # courses.selectors and .services import these models: a genuine cycle.
        from . import selectors, services  # noqa: PLC0415

        course = selectors.course_of_lesson(self)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # Enrolment and progress belong to the English version (courses/localisation.py).
        learning_course = canonical(course)
        place = selectors.lesson_place(user=user, course=learning_course)
        if place is None and not selectors.can_open_lesson(user=user, course=learning_course):
            messages.info(request, _("Enrol in the course to open its lessons."))
            return redirect(course.get_url(request))
        if place is not None:  # a repeat view of the same lesson writes nothing
            services.record_lesson_visit(
                user=user, lesson=canonical(self), course=learning_course, place=place
            )
        request.lesson_course = course
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        # courses.selectors imports these models: a genuine cycle, so imported on use.
        from . import selectors  # noqa: PLC0415

        context = super().get_context(request, *args, **kwargs)
        course = getattr(request, "lesson_course", None) or selectors.course_of_lesson(self)
        context["course"] = course
        context.update(selectors.lesson_navigation(lesson=self, course=course, user=request.user))
        selectors.link_lessons(context["outline"], request)
        context["body_html"] = selectors.lesson_body_html(self)
        return context


class Enrolment(OfficerFacts):
    """A trainee's place in an online course, with where they left off, and the officer's
    particulars as they were (``OfficerFacts``, with the department) until completion."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    facts_officer_field = "user"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments"
    )
    source = models.CharField(
        _("source"), max_length=16, choices=EnrolmentSource.choices, default=EnrolmentSource.SELF
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    last_lesson = models.ForeignKey(
        LessonPage,
        verbose_name=_("last lesson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department then"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    FACTS = {**OfficerFacts.FACTS, "department_id": "department_id"}

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
    wagtail_reference_index_ignore = True  # a record: lms/core/records.py
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(
        LessonPage, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_completion_per_lesson")
        ]
        verbose_name = _("lesson completion")

    def __str__(self):
        return f"{self.user} completed {self.lesson_id}"


class Programme(ClusterableModel):
    """One scheduled delivery of a course: a batch with dates, a venue or an online room,
    seats, a nomination window and optional seats per department."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="programmes"
    )
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(
        _("programme number"),
        max_length=40,
        unique=True,
        blank=True,
        help_text=_("Left blank, it is numbered by financial year, e.g. SEV/2024-25/007."),
    )
    mode = models.CharField(
        _("mode"), max_length=16, choices=ProgrammeMode.choices, default=ProgrammeMode.CLASSROOM
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"))
    nomination_opens_at = models.DateTimeField(_("nominations open"))
    nomination_closes_at = models.DateTimeField(_("nominations close"))
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    target_levels = MultipleChoiceField(_("target levels"), choices_enum=Level)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_programmes",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ProgrammeStatus.choices,
        default=ProgrammeStatus.DRAFT,
        db_index=True,
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=75, validators=[MaxValueValidator(100)]
    )
    requires_online_completion = models.BooleanField(
        _("online lessons must be completed too"), default=False
    )
    requires_post_test_pass = models.BooleanField(
        _("the post-test must be passed"),
        default=False,
        help_text=_(
            "Officers complete the programme only if they pass the course's post-test; "
            "their post-test grade is printed on the certificate."
        ),
    )
    min_scorm_score = models.PositiveSmallIntegerField(
        _("minimum score on SCORM lessons (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Officers complete the programme only with at least this score on every SCORM "
            "lesson of the course (their best score, as a percentage of the package's "
            "range). Empty: a SCORM lesson counts like any other lesson."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("title"),
        FieldPanel("code"),
        MultiFieldPanel(
            [FieldPanel("mode"), FieldPanel("venue"), FieldPanel("online_link")], heading=_("Where")
        ),
        MultiFieldPanel(
            [
                FieldPanel("starts_on"),
                FieldPanel("ends_on"),
                InlinePanel("sessions", label=_("Session days")),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("nomination_opens_at"),
                FieldPanel("nomination_closes_at"),
                FieldPanel("target_levels"),
                InlinePanel("quotas", label=_("Seats per department")),
            ],
            heading=_("Nominations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("coordinator"),
                FieldPanel("min_attendance_percent"),
                FieldPanel("requires_online_completion"),
                FieldPanel("requires_post_test_pass"),
                FieldPanel("min_scorm_score"),
            ],
            heading=_("Completion"),
        ),
    ]

    class Meta:
        ordering = ["-starts_on", "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nomination_closes_at__gt=models.F("nomination_opens_at")),
                name="programme_window_order",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="programme_dates_order"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}" if self.code else self.title

    def clean(self):
        errors = {}
        opens, closes = self.nomination_opens_at, self.nomination_closes_at
        if opens and closes and closes <= opens:
            errors["nomination_closes_at"] = _("Nominations must close after they open.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot be before the first day.")
        if closes and self.starts_on and timezone.localdate(closes) > self.starts_on:
            errors["nomination_closes_at"] = _("Nominations must close by the first day.")
        if self.mode == ProgrammeMode.CLASSROOM and not self.venue:
            errors["venue"] = _("A classroom programme needs a venue.")
        if self.mode in (ProgrammeMode.ONLINE,) and not self.online_link and not self.venue:
            errors["online_link"] = _("An online programme needs a meeting link.")
        if (
            self.requires_post_test_pass
            and self.course_id
            and not self.course.assessments.filter(kind="post_test").exists()
        ):
            errors["requires_post_test_pass"] = _(
                "The course has no post-test yet: add one before requiring it."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if not self.code and self.starts_on:
            self.code = self.next_code(self.starts_on)
        if Programme.course.is_cached(self):  # chosen in a form: keep it on the English course
            self.course = canonical(self.course)
        super().save(*args, **kwargs)

    @classmethod
    def next_code(cls, starts_on) -> str:
        """The next free number in the financial year of ``starts_on``: SEV/2024-25/007."""
        prefix = f"SEV/{financial_year_label(starts_on)}/"
        taken = cls.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def is_window_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.nomination_opens_at <= at < self.nomination_closes_at

    def get_mode_venue(self) -> str:
        return self.venue or self.get_mode_display()


class ProgrammeSession(Orderable):
    """One day (or half-day) of a programme; attendance is marked per session."""

    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"), default=datetime.time(9, 30))
    ends_at = models.TimeField(_("ends"), default=datetime.time(17, 30))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    check_in_code = models.CharField(_("check-in code"), max_length=8, blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("topic"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["date", "starts_at"]
        verbose_name = _("session")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "date", "starts_at"], name="unique_session_slot"
            )
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M}"


class DepartmentQuota(Orderable):
    programme = ParentalKey(Programme, on_delete=models.CASCADE, related_name="quotas")
    department = models.ForeignKey(
        "departments.Department", verbose_name=_("department"), on_delete=models.CASCADE
    )
    seats = models.PositiveIntegerField(_("seats"))

    panels = [FieldPanel("department"), FieldPanel("seats")]

    class Meta(Orderable.Meta):
        verbose_name = _("department quota")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "department"], name="one_quota_per_department"
            )
        ]

    def __str__(self):
        return f"{self.department}: {self.seats}"
