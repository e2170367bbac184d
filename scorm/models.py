"""SCORM 1.2 packages, the lesson page that plays one, and each learner's attempt.

``ScormLessonPage`` is a page type of its own, a subclass of ``courses.LessonPage``
(Wagtail's multi-table inheritance): every SCORM lesson *is* a lesson, so the course
outline, progress, ``LessonCompletion``, ``courses.services.complete_lesson``, the course
certificate and the reports count it with no change to ``courses``, which never imports
this app. A StreamField block could not do that: a block has no row of its own for the
attempts to point at, and a lesson could hold several packages. The package itself is a
snippet (uploaded once, checked, unpacked; chosen in the lesson; the Hindi version of a
lesson plays the same package)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from courses import selectors as course_selectors
from courses.models import LessonPage
from lms.core.languages import canonical

from . import launch
from .cmi import centis_timespan
from .enums import LessonStatus


def score_percent(raw, low, high) -> Decimal | None:
    """``raw`` on the scale ``low``..``high`` (0..100 where they are missing or make no
    range) as a percentage, rounded to two places and kept within 0..100."""
    if raw is None:
        return None
    low = Decimal(0) if low is None else Decimal(low)
    high = Decimal(100) if high is None else Decimal(high)
    if high <= low:
        low, high = Decimal(0), Decimal(100)
    percent = (Decimal(raw) - low) * 100 / (high - low)
    return min(max(percent, Decimal(0)), Decimal(100)).quantize(Decimal("0.01"))


class ScormPackage(models.Model):
    """An uploaded SCORM 1.2 package, unpacked under ``SCORM_ROOT/<key>/`` (outside
    ``MEDIA_ROOT``: its files are served only through ``scorm.views.content``)."""

    title = models.CharField(_("title"), max_length=255)
    key = models.UUIDField(_("storage key"), default=uuid.uuid4, unique=True, editable=False)
    identifier = models.CharField(_("manifest identifier"), max_length=255, blank=True)
    launch_path = models.CharField(_("launch file"), max_length=1024, editable=False)
    launch_query = models.CharField(_("launch parameters"), max_length=500, blank=True)
    mastery_score = models.DecimalField(
        _("mastery score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    file_count = models.PositiveIntegerField(_("files"), default=0)
    unpacked_bytes = models.PositiveBigIntegerField(_("size unpacked (bytes)"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")

    def __str__(self):
        return self.title


class ScormLessonPage(LessonPage):
    """A lesson whose content is a SCORM 1.2 package, played in a sandboxed frame; the
    package's ``passed`` or ``completed`` completes the lesson."""

    package = models.ForeignKey(
        ScormPackage,
        verbose_name=_("SCORM package"),
        on_delete=models.PROTECT,
        related_name="lessons",
    )

    content_panels = LessonPage.content_panels + [FieldPanel("package")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    template = "scorm/scorm_lesson_page.html"
    # Completed by the package, not by the "Mark as complete" button.
    completed_by_learner = False

    class Meta:
        verbose_name = _("SCORM lesson")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        lesson = canonical(self) if self.pk else self
        enrolled = bool(
            self.pk
            and course_selectors.enrolment_for(user=user, course=canonical(context["course"]))
        )
        attempt = (
            ScormAttempt.objects.filter(user=user, lesson_id=lesson.pk, number=1).first()
            if enrolled
            else None
        )
        context["scorm"] = launch.launch_context(
            request=request,
            lesson_id=lesson.pk or 0,
            package=self.package,
            attempt=attempt,
            record=enrolled,
        )
        context["attempt"] = attempt
        return context


class ScormAttempt(models.Model):
    """A learner's CMI data for one SCORM lesson (kept on the English lesson), per
    attempt. Time: the sessions before the current one in ``prior_centis``, the current
    session (the lesson page opened at ``session``) in ``session_centis``, so a commit
    sent twice never counts its time twice."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="scorm_attempts",
    )
    lesson = models.ForeignKey(
        LessonPage,
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="scorm_attempts",
    )
    package = models.ForeignKey(
        ScormPackage,
        verbose_name=_("SCORM package"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt"), default=1)
    lesson_status = models.CharField(
        _("status"),
        max_length=16,
        choices=LessonStatus.choices,
        default=LessonStatus.NOT_ATTEMPTED,
    )
    score_raw = models.DecimalField(
        _("score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score_min = models.DecimalField(
        _("lowest score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score_max = models.DecimalField(
        _("highest score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    suspend_data = models.TextField(_("suspend data"), blank=True, max_length=4096)
    lesson_location = models.CharField(_("location"), max_length=255, blank=True)
    exit = models.CharField(_("exit"), max_length=16, blank=True)
    session_time = models.CharField(_("last session time"), max_length=16, blank=True)
    prior_centis = models.PositiveBigIntegerField(default=0)
    session_centis = models.PositiveBigIntegerField(default=0)
    session = models.PositiveBigIntegerField(default=0)
    commit_seq = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "number"], name="one_scorm_attempt_number"
            )
        ]
        verbose_name = _("SCORM attempt")
        verbose_name_plural = _("SCORM attempts")

    def __str__(self):
        return f"{self.user} on {self.lesson_id} (attempt {self.number})"

    @property
    def score_percent(self) -> Decimal | None:
        """The score as a percentage (SCORM 1.2: ``raw`` between ``min`` and ``max``; a
        package that sends only ``raw`` scores 0-100), None when no score was sent."""
        return score_percent(self.score_raw, self.score_min, self.score_max)

    @property
    def total_centis(self) -> int:
        return self.prior_centis + self.session_centis

    @property
    def total_time(self) -> str:
        return centis_timespan(self.total_centis)
