from django.db import models
from django.utils.translation import gettext_lazy as _


class YearCounting(models.TextChoices):
    """For a year that has both imported figures and programmes recorded here, which of
    them the year-wise table counts (the cell's choice, audited)."""

    IMPORTED = "imported", _("Imported figures")
    COMPUTED = "computed", _("Programmes recorded here")
    BOTH = "both", _("Both added (the import covers only programmes held before the platform)")
