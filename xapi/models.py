import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import StatementStatus


class Statement(models.Model):
    """One xAPI statement for the learning record store: stored with the event, sent by a
    task (``tasks.send_statement``), resent by the beat task until the store accepts it.
    The primary key is the statement's id, so a resend is never a duplicate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    verb = models.CharField(_("verb"), max_length=200, db_index=True)
    actor = models.CharField(_("actor"), max_length=255, db_index=True)
    object_id = models.CharField(_("activity"), max_length=500)
    payload = models.JSONField(_("statement"))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=StatementStatus.choices,
        default=StatementStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "last_attempt_at"])]
        verbose_name = _("learning record statement")
        verbose_name_plural = _("learning record statements")

    def __str__(self):
        return f"{self.actor} {self.verb} {self.object_id}"
