from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.enums import Gender, Language, Level

mobile_validator = RegexValidator(
    r"^[6-9]\d{9}$", _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.")
)


class User(AbstractUser):
    """An account. Every officer of a state department who trains with the cell has one;
    the officer's service particulars live here too, so that scope checks need no join."""

    designation = models.CharField(_("designation"), max_length=150, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, blank=True)
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    office = models.ForeignKey(
        "departments.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officers",
    )
    district = models.ForeignKey(
        "departments.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officers",
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    mobile = models.CharField(_("mobile"), max_length=10, blank=True, validators=[mobile_validator])
    employee_code = models.CharField(
        _("employee code"), max_length=32, unique=True, null=True, blank=True
    )
    extra_time_factor = models.DecimalField(
        _("extra time factor"),
        max_digits=3,
        decimal_places=2,
        default=1,
        help_text=_("Accommodation for timed assessments, e.g. 1.25 for 25% more time."),
    )
    two_factor_enabled = models.BooleanField(
        _("two-factor sign-in"),
        default=False,
        editable=False,
        help_text=_("Kept by the two-factor services: a confirmed authenticator app exists."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )

    objects = UserManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.employee_code == "":
            self.employee_code = None

    def clean_fields(self, exclude=None):
        """The office must belong to the department. Checked here rather than in clean()
        so that a form without the office field (the officer's own profile form) is not
        blocked, with a ValueError, by records only the cell can correct."""
        from django.core.exceptions import ValidationError

        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if (
            "office" not in (exclude or ())
            and "office" not in errors
            and self.office_id
            and self.department_id
            and self.office.department_id != self.department_id
        ):
            errors["office"] = [
                ValidationError(_("The office must belong to the officer's department."))
            ]
        if errors:
            raise ValidationError(errors)
