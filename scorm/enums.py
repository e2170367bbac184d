"""SCORM 1.2 vocabularies (SCORM 1.2 Run-Time Environment, section 3.4: the data model)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonStatus(models.TextChoices):
    """``cmi.core.lesson_status``."""

    NOT_ATTEMPTED = "not attempted", _("Not attempted")
    BROWSED = "browsed", _("Browsed")
    INCOMPLETE = "incomplete", _("Incomplete")
    FAILED = "failed", _("Failed")
    COMPLETED = "completed", _("Completed")
    PASSED = "passed", _("Passed")


# The statuses that complete the lesson in the learner's progress (and never go back).
DONE = frozenset({LessonStatus.COMPLETED, LessonStatus.PASSED})

# The statuses that are a result (announced to the learning record store with the score).
RESULTS = frozenset({LessonStatus.FAILED, LessonStatus.COMPLETED, LessonStatus.PASSED})

# ``cmi.core.exit``: how the learner left the SCO ("" = normal).
EXIT_VALUES = frozenset({"", "time-out", "suspend", "logout"})
