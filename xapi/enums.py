"""Statement states, and the xAPI vocabulary the platform speaks: verbs from the ADL
vocabulary (``earned`` from the xAPI registry: ADL has no verb for a certificate) and
activity types."""

from django.db import models
from django.utils.translation import gettext_lazy as _

XAPI_VERSION = "1.0.3"


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


ADL = "http://adlnet.gov/expapi/verbs/"

#: verb key -> (IRI, display in en-US)
VERBS = {
    "registered": (ADL + "registered", "registered"),
    "launched": (ADL + "launched", "launched"),
    "completed": (ADL + "completed", "completed"),
    "attempted": (ADL + "attempted", "attempted"),
    "passed": (ADL + "passed", "passed"),
    "failed": (ADL + "failed", "failed"),
    "attended": (ADL + "attended", "attended"),
    "experienced": (ADL + "experienced", "experienced"),
    "initialized": (ADL + "initialized", "initialized"),
    "terminated": (ADL + "terminated", "terminated"),
    "answered": (ADL + "answered", "answered"),
    "scored": (ADL + "scored", "scored"),
    "earned": ("http://id.tincanapi.com/verb/earned", "earned"),
}

ACTIVITIES = "http://adlnet.gov/expapi/activities/"


class ActivityType:
    COURSE = ACTIVITIES + "course"
    MODULE = ACTIVITIES + "module"
    LESSON = ACTIVITIES + "lesson"
    ASSESSMENT = ACTIVITIES + "assessment"
    MEETING = ACTIVITIES + "meeting"  # a programme: a scheduled, attended delivery
    SIMULATION = ACTIVITIES + "simulation"
    # The ADL vocabulary has no certificate: the platform's own type (statements.py).
    CERTIFICATE = "certificate"
