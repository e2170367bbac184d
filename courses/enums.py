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
