import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lms.core.languages import showing_hindi

from .enums import CertificateLayout, CertificateStatus, IssueRunState

PLACEHOLDER_HELP = _(
    "Placeholders: {holder}, {designation}, {department}, {particulars} (the designation and "
    "the department, whichever are known, joined by a comma), {course}, {dates} (“from … to …” "
    "or “on …”; in Hindi with its से … तक or को), {hours}, {grade}. The Hindi text gets the "
    "Hindi name, designation, department and course title where they were entered. Text in "
    "square brackets is printed only when every placeholder in it has a value, e.g. "
    "“[, {particulars},]” or “[ held {dates}]”."
)

#: The wording of the certificate. Every fact that may be missing (designation,
#: department, dates for an online course, hours) sits in brackets with the words that
#: belong to it, so each reads correctly without it (tests/certificates/test_wording.py).
BODY_EN = (
    "This is to certify that {holder}[, {particulars},] has successfully completed the "
    'training programme "{course}"[ held {dates}][ ({hours} hours)].'
)
BODY_HI = (
    "प्रमाणित किया जाता है कि {holder}[, {particulars}] ने[ {dates} आयोजित] प्रशिक्षण कार्यक्रम "
    '"{course}"[ ({hours} घंटे)] सफलतापूर्वक पूर्ण किया है।'
)
#: The wording before brackets, which said "(नागरिक), , ने को आयोजित" when facts were
#: missing; migration 0003 moves templates that still carry it to BODY_EN and BODY_HI.
OLD_BODY_EN = (
    "This is to certify that {holder}, {designation}, {department}, has successfully "
    'completed the training programme "{course}" held {dates} ({hours} hours).'
)
OLD_BODY_HI = (
    "प्रमाणित किया जाता है कि {holder}, {designation}, {department}, ने {dates} को "
    'आयोजित प्रशिक्षण कार्यक्रम "{course}" ({hours} घंटे) सफलतापूर्वक पूर्ण किया है।'
)


def new_serial() -> str:
    """The public, non-guessable identifier in the QR code (128 random bits)."""
    return secrets.token_urlsafe(16)


class CertificateTemplate(models.Model):
    """The wording, signatory and images of a certificate, edited by the cell."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    layout = models.CharField(
        _("layout"),
        max_length=10,
        choices=CertificateLayout.choices,
        default=CertificateLayout.BILINGUAL,
    )
    title_en = models.CharField(
        _("title (English)"), max_length=120, default="Certificate of Completion"
    )
    title_hi = models.CharField(_("title (Hindi)"), max_length=120, default="प्रमाण पत्र")
    body_en = models.TextField(
        _("text (English)"),
        help_text=PLACEHOLDER_HELP,
        default=BODY_EN,
    )
    body_hi = models.TextField(
        _("text (Hindi)"),
        help_text=PLACEHOLDER_HELP,
        default=BODY_HI,
    )
    issuing_authority = models.CharField(
        _("issuing authority"),
        max_length=200,
        default="Haryana Institute of Public Administration, Gurugram",
    )
    issuing_authority_hi = models.CharField(
        _("issuing authority (Hindi)"), max_length=200, default="हरियाणा लोक प्रशासन संस्थान, गुरुग्राम"
    )
    signatory_name = models.CharField(_("signatory"), max_length=120, default="Director General")
    signatory_designation = models.CharField(
        _("signatory's designation"), max_length=200, default="HIPA, Gurugram"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_default = models.BooleanField(_("default template"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("layout"),
        FieldPanel("is_default"),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("body_en")], heading=_("English")),
        MultiFieldPanel([FieldPanel("title_hi"), FieldPanel("body_hi")], heading=_("Hindi")),
        MultiFieldPanel(
            [
                FieldPanel("issuing_authority"),
                FieldPanel("issuing_authority_hi"),
                FieldPanel("signatory_name"),
                FieldPanel("signatory_designation"),
                FieldPanel("logo"),
                FieldPanel("signature"),
            ],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")

    def __str__(self):
        return self.name


class Certificate(models.Model):
    """One issued certificate. Holder, course and dates are copied at issue, in English and
    in Hindi, so the certificate keeps saying what it said even if the records change later
    (a Hindi fact left blank was not entered then: the English one was printed)."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    serial = models.CharField(
        _("serial"), max_length=32, unique=True, default=new_serial, editable=False
    )
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    holder_name = models.CharField(_("holder's name"), max_length=200)
    holder_name_hi = models.CharField(_("holder's name (Hindi)"), max_length=200, blank=True)
    designation = models.CharField(_("designation"), max_length=150, blank=True)
    designation_hi = models.CharField(_("designation (Hindi)"), max_length=150, blank=True)
    department_name = models.CharField(_("department"), max_length=200, blank=True)
    department_name_hi = models.CharField(_("department (Hindi)"), max_length=200, blank=True)
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.PROTECT, related_name="+"
    )
    course_title = models.CharField(_("course title"), max_length=255)
    course_title_hi = models.CharField(_("course title (Hindi)"), max_length=255, blank=True)
    programme = models.ForeignKey(
        "courses.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(CertificateTemplate, null=True, on_delete=models.SET_NULL)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "programme"],
                condition=models.Q(status="valid", programme__isnull=False),
                name="one_valid_certificate_per_programme",
            ),
            models.UniqueConstraint(
                fields=["holder", "course"],
                condition=models.Q(status="valid", programme__isnull=True),
                name="one_valid_online_certificate_per_course",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.holder_name}"

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    def facts(self, *, hindi: bool) -> dict:
        """Name, designation, department and course title as the English or the Hindi text
        prints them: in Hindi, each Hindi fact stored at issue, else the English one."""
        english = {
            "holder": self.holder_name,
            "designation": self.designation,
            "department": self.department_name,
            "course": self.course_title,
        }
        if not hindi:
            return english
        hindi_facts = {
            "holder": self.holder_name_hi,
            "designation": self.designation_hi,
            "department": self.department_name_hi,
            "course": self.course_title_hi,
        }
        return {name: hindi_facts[name] or value for name, value in english.items()}

    def _shown(self, name: str) -> str:
        return self.facts(hindi=showing_hindi())[name]

    @property
    def shown_holder_name(self) -> str:
        """The holder's name in the language being shown (pages: verify, my certificates)."""
        return self._shown("holder")

    @property
    def shown_course_title(self) -> str:
        """The course title in the language being shown."""
        return self._shown("course")


class CertificateSequence(models.Model):
    """The last number given in a financial year (locked while numbering)."""

    financial_year = models.CharField(max_length=7, primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.financial_year}: {self.last}"


class IssueRun(models.Model):
    """One bulk issue of a programme's certificates (the desk's button, or finalising): its
    progress and its ZIP, written by the task as it goes. The desk reads them from here, so
    they show whatever ran the task (a worker, or in-process under eager Celery), to every
    cell member, and for as long as the run is the programme's latest."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    programme = models.ForeignKey(
        "courses.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="certificate_runs",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_id = models.CharField(max_length=255, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=IssueRunState.choices, default=IssueRunState.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    issued = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list, blank=True)  # [{"officer": ..., "reason": ...}]
    zip_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("certificate issue run")
        indexes = [models.Index(fields=["programme", "-created_at"], name="cert_run_latest")]

    def __str__(self):
        return f"{self.programme_id} {self.state} {self.done}/{self.total}"

    @property
    def finished(self) -> bool:
        return self.state in (IssueRunState.DONE, IssueRunState.FAILED)
