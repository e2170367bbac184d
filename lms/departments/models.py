from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.languages import showing_hindi


class HindiNamed:
    """A name entered in English and, optionally, in Hindi (``name_hi``)."""

    @property
    def shown_name(self) -> str:
        """The name in the language being shown: the Hindi one on a Hindi page when it was
        entered, else the name as entered."""
        return self.name_hi if showing_hindi() and self.name_hi else self.name


class District(HindiNamed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Department(HindiNamed, models.Model):
    """A state government department; officers and HODs belong to one."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Office(HindiNamed, models.Model):
    """An office of a department: directorate, district office, field unit."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.CASCADE, related_name="offices"
    )
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["department__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "name"], name="unique_office_per_department"
            )
        ]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return f"{self.name} ({self.department.code})"
