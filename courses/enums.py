from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    HINDI = "hi", _("Hindi")
    BILINGUAL = "bilingual", _("English and Hindi")


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolled")
    NOMINATION = "nomination", _("Nominated to a programme")
    CELL = "cell", _("Enrolled by the cell")


class ProgrammeMode(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for nominations")
    CLOSED = "closed", _("Nominations closed")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
