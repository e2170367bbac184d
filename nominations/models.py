from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import OfficerFacts

from .enums import LIVE_STATES, AttendanceMethod, NominationState


class Nomination(OfficerFacts):
    """An HOD's request that an officer attend a programme, and what became of it. It keeps
    the officer's particulars as they were (``OfficerFacts``): reports read those."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    programme = models.ForeignKey(
        "courses.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="nominations",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nominated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=NominationState.choices,
        default=NominationState.SUBMITTED,
        db_index=True,
    )
    note = models.TextField(_("note"), blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was rejected."))
    substitute_for = models.OneToOneField(
        "self",
        verbose_name=_("substitute for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="substituted_by",
    )
    withdrawal_asked_at = models.DateTimeField(
        _("officer asked to withdraw"), null=True, blank=True
    )
    withdrawal_reason = models.TextField(
        _("officer's reason to withdraw"), blank=True, max_length=500
    )
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    state_changed_at = models.DateTimeField(_("last change"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "officer"],
                condition=models.Q(state__in=sorted(LIVE_STATES)),
                name="one_live_nomination_per_officer",
            )
        ]
        indexes = [models.Index(fields=["programme", "state"])]

    def __str__(self):
        return f"{self.officer} → {self.programme}"


class Attendance(models.Model):
    wagtail_reference_index_ignore = True  # a record: lms/core/records.py
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(
        "courses.ProgrammeSession", on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"), default=True)
    method = models.CharField(
        _("method"), max_length=8, choices=AttendanceMethod.choices, default=AttendanceMethod.MARKED
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["nomination", "session"], name="one_mark_per_session")
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return f"{self.nomination_id}@{self.session_id}: {'present' if self.present else 'absent'}"
