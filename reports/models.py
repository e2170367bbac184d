from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import YearCounting

fy_validator = RegexValidator(r"^\d{4}-\d{2}$", _("Write the financial year as 2023-24."))


class HistoricalFigure(models.Model):
    """A past year's aggregate figures, entered or imported (years before the system)."""

    financial_year = models.CharField(
        _("financial year"), max_length=7, unique=True, validators=[fy_validator]
    )
    programmes = models.PositiveIntegerField(_("programmes conducted"))
    participants = models.PositiveIntegerField(_("participants"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    counting = models.CharField(
        _("count in the year-wise table"),
        max_length=8,
        choices=YearCounting.choices,
        default=YearCounting.IMPORTED,
        help_text=_(
            "Only matters when programmes recorded on the platform also end in this year: "
            "which figures the year-wise table counts."
        ),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["financial_year"]
        verbose_name = _("historical figure")

    def __str__(self):
        return f"{self.financial_year}: {self.programmes} / {self.participants}"


class AnnualTarget(models.Model):
    financial_year = models.CharField(
        _("financial year"), max_length=7, unique=True, validators=[fy_validator]
    )
    programmes = models.PositiveIntegerField(_("target programmes"))
    officers = models.PositiveIntegerField(_("target officers"))

    class Meta:
        ordering = ["financial_year"]
        verbose_name = _("annual target")

    def __str__(self):
        return f"{self.financial_year}: {self.programmes} programmes, {self.officers} officers"
