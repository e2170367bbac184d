from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.enums import Gender, Language, Level
from lms.core.languages import showing_hindi

mobile_validator = RegexValidator(
    r"^[6-9]\d{9}$", _("Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9.")
)
#: A name in Devanagari: its letters and signs, spaces, full stops, hyphens and apostrophes
#: (and the zero-width joiners some keyboards type), with at least one Devanagari letter.
devanagari_name_validator = RegexValidator(
    r"^(?=.*[\u0900-\u097F])[\u0900-\u097F\u200c\u200d .'\-]+$",
    _("Write the name in Devanagari (Hindi script)."),
)
#: Hindi text: at least some of it in Devanagari (an abbreviation such as HCS may stay).
devanagari_text_validator = RegexValidator(
    r"[\u0900-\u097F]", _("Write it in Devanagari (Hindi script).")
)


class User(AbstractUser):
    """An account. Every officer of a state department who trains with the cell has one;
    the officer's service particulars live here too, so that scope checks need no join."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    name_hi = models.CharField(
        _("name in Hindi"),
        max_length=200,
        blank=True,
        validators=[devanagari_name_validator],
        help_text=_(
            "Your full name in Devanagari, as the Hindi text of your certificates prints it."
        ),
    )
    designation = models.CharField(_("designation"), max_length=150, blank=True)
    designation_hi = models.CharField(
        _("designation (Hindi)"),
        max_length=150,
        blank=True,
        validators=[devanagari_text_validator],
        help_text=_("As the Hindi text of certificates prints it; blank prints the English one."),
    )
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
    cadre = models.CharField(
        _("service / cadre"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Haryana Civil Service, Indian Administrative Service, clerical cadre."),
    )
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

    #: The service particulars a training record keeps as they were (``OfficerFacts``); a
    #: change to any of them is audited (transfer, promotion) by ``lms.accounts.particulars``.
    PARTICULARS = ("department", "office", "district", "level", "gender", "designation", "cadre")

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def hindi_name(self) -> str:
        """The name in Devanagari, or the name as entered when none is given."""
        return self.name_hi or str(self)

    @property
    def shown_designation(self) -> str:
        """The post in the language being shown: the Hindi one on a Hindi page when it was
        entered, else the post as entered."""
        return self.designation_hi if showing_hindi() and self.designation_hi else self.designation

    def clean(self):
        super().clean()
        if self.employee_code == "":
            self.employee_code = None

    def clean_fields(self, exclude=None):
        """The office must belong to the department. Checked here rather than in clean()
        so that a form without the office field (the officer's own profile form) is not
        blocked, with a ValueError, by records only the cell can correct."""
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


class OfficerFacts(models.Model):
    """The officer's particulars as they were for one training record (a programme
    nomination, an online-course enrolment): level, gender, designation, service/cadre,
    office and district. Captured when the record is created and refreshed while it is open
    (receivers of ``particulars_changed``); frozen once it is final, so a transfer or
    promotion later never moves a past year's report. The department is the record's own
    field (a nomination's is the nominating department, which holds the seat)."""

    #: Fact attribute -> the officer's attribute it copies.
    FACTS = {
        "officer_level": "level",
        "officer_gender": "gender",
        "officer_designation": "designation",
        "officer_cadre": "cadre",
        "officer_office_id": "office_id",
        "officer_district_id": "district_id",
    }
    #: The field that holds the officer (``officer`` on a nomination, ``user`` on an enrolment).
    facts_officer_field = "officer"

    officer_level = models.CharField(
        _("level then"), max_length=16, choices=Level.choices, blank=True
    )
    officer_gender = models.CharField(
        _("gender then"), max_length=16, choices=Gender.choices, blank=True
    )
    officer_designation = models.CharField(_("designation then"), max_length=150, blank=True)
    officer_cadre = models.CharField(_("service / cadre then"), max_length=100, blank=True)
    officer_office = models.ForeignKey(
        "departments.Office",
        verbose_name=_("office then"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer_district = models.ForeignKey(
        "departments.District",
        verbose_name=_("district then"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A new record takes its officer's facts, unless they were given."""
        if self._state.adding and not any(getattr(self, name) for name in self.FACTS):
            self.capture_facts(getattr(self, self.facts_officer_field))
        super().save(*args, **kwargs)

    @classmethod
    def facts_of(cls, officer) -> dict:
        """The fact fields' values for ``officer`` as they are now (no query)."""
        return {fact: getattr(officer, attribute) for fact, attribute in cls.FACTS.items()}

    def capture_facts(self, officer) -> None:
        for name, value in self.facts_of(officer).items():
            setattr(self, name, value)
