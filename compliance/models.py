"""What officers must be trained in, by when: the statutory roles they hold, the cell's
training rules and the exemptions the cell grants. Where each officer stands on each rule
is computed, never stored (``compliance.selectors``, agreeing with ``compliance.rules``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lms.core.enums import Level
from lms.core.fields import MultipleChoiceField
from lms.core.languages import showing_hindi

from .enums import ComplianceState, RoleKind


class RoleHeld(models.Model):
    """A statutory role an officer holds or held (from/to dates): designated officer for
    some notified services, appellate authority, grievance redress or nodal officer for an
    office. Written by ``compliance.services`` only, each change audited."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="roles_held",
    )
    kind = models.CharField(_("role"), max_length=32, choices=RoleKind.choices)
    scope = models.CharField(
        _("for"),
        max_length=255,
        blank=True,
        help_text=_("The notified services, the appellate level or the office the role is for."),
    )
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"), null=True, blank=True, help_text=_("Blank: still held."))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["officer_id", "-from_date", "pk"]
        verbose_name = _("role held")
        verbose_name_plural = _("roles held")
        indexes = [models.Index(fields=["officer", "kind"], name="compliance_role_officer_kind")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_date__isnull=True)
                | models.Q(to_date__gte=models.F("from_date")),
                name="compliance_role_dates_order",
            )
        ]

    def __str__(self):
        return f"{self.officer} – {self.get_kind_display()}"


class TrainingRule(models.Model):
    """Who must be trained (a role held, a designation, a level; a department or all), in
    what (any of a set of courses: a finalised programme of one, or the online course), by
    when (within N days of taking up the role), for how long (renewal every N years, or
    never) and from when the rule applies."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    role_kinds = MultipleChoiceField(
        _("roles held"),
        choices_enum=RoleKind,
        help_text=_("Officers holding any of these roles. None ticked: any officer."),
    )
    designation = models.CharField(
        _("designation"),
        max_length=150,
        blank=True,
        help_text=_("Only officers of this designation (any case). Blank: any."),
    )
    level = models.CharField(
        _("level"), max_length=16, choices=Level.choices, blank=True, help_text=_("Blank: any.")
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="training_rules",
        help_text=_("Blank: every department."),
    )
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        related_name="training_rules",
        help_text=_("Any of these counts: a finalised programme of it, or the online course."),
    )
    due_within_days = models.PositiveIntegerField(
        _("due within (days)"),
        default=180,
        help_text=_("Days from taking up the role (or from the rule's start) to be trained."),
    )
    valid_years = models.PositiveSmallIntegerField(
        _("valid for (years)"),
        null=True,
        blank=True,
        help_text=_("Renew every N years after completing. Blank: never expires."),
    )
    renewal_window_days = models.PositiveIntegerField(
        _("window (days)"),
        default=90,
        help_text=_("The requirement is due this many days before its deadline."),
    )
    starts_on = models.DateField(_("in force from"))
    applies_to_existing = models.BooleanField(
        _("count from the role's start for officers already in it"),
        default=False,
        help_text=_(
            "Unticked, officers who took up the role before the rule's start have until "
            "the start plus the days above; ticked, they may be overdue from day one."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldPanel("name_hi")], heading=_("Rule")),
        MultiFieldPanel(
            [
                FieldPanel("role_kinds"),
                FieldPanel("designation"),
                FieldPanel("level"),
                FieldPanel("department"),
            ],
            heading=_("Who"),
        ),
        FieldPanel("courses"),
        MultiFieldPanel(
            [
                FieldPanel("due_within_days"),
                FieldPanel("valid_years"),
                FieldPanel("renewal_window_days"),
                FieldPanel("starts_on"),
                FieldPanel("applies_to_existing"),
                FieldPanel("is_active"),
            ],
            heading=_("When"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("training rule")
        verbose_name_plural = _("training rules")

    def __str__(self):
        return self.name

    @property
    def shown_name(self) -> str:
        return self.name_hi if showing_hindi() and self.name_hi else self.name


class Exemption(models.Model):
    """The cell exempts an officer from a rule, with a reason (audited)."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="training_exemptions",
    )
    rule = models.ForeignKey(
        TrainingRule,
        verbose_name=_("training rule"),
        on_delete=models.CASCADE,
        related_name="exemptions",
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("exemption")
        verbose_name_plural = _("exemptions")
        constraints = [
            models.UniqueConstraint(fields=["officer", "rule"], name="one_exemption_per_rule")
        ]

    def __str__(self):
        return f"{self.officer} – {self.rule}"


class Reminder(models.Model):
    """One reminder sent: an officer's requirement entered its window (due) or became
    overdue, for the deadline it had then. Once per state change: the same officer, rule,
    state and deadline are never reminded twice; a renewal gives a new deadline. The HOD
    hears of it in the weekly digest (``digested_at``). The cell reads these in the admin."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer"),
        on_delete=models.CASCADE,
        related_name="training_reminders",
    )
    rule = models.ForeignKey(
        TrainingRule,
        verbose_name=_("training rule"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=16, choices=ComplianceState.choices)
    deadline = models.DateField(_("due by"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    emailed = models.BooleanField(_("emailed to the officer"), default=False)
    digested_at = models.DateTimeField(_("in the HOD's digest"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("training reminder")
        verbose_name_plural = _("training reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "rule", "state", "deadline"], name="one_reminder_per_change"
            )
        ]
        indexes = [models.Index(fields=["department", "digested_at"], name="compliance_digest")]

    def __str__(self):
        return f"{self.officer} – {self.rule}: {self.get_state_display()}"


class ComplianceSnapshot(models.Model):
    """How many officers of a department stood in each state on a rule at the end of a
    month, kept so that the cell's trend reads rows instead of recomputing twelve month
    ends. Written by ``compliance.services.take_snapshot`` only: monthly by the beat task
    (the month just ended) and by ``manage.py compliance_snapshot --month YYYY-MM``
    (backfilling), each computed as of the month's last day."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

    month = models.DateField(_("month"), help_text=_("The month's first day."))
    department = models.ForeignKey(
        "departments.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    rule = models.ForeignKey(
        TrainingRule,
        verbose_name=_("training rule"),
        on_delete=models.CASCADE,
        related_name="snapshots",
    )
    compliant = models.PositiveIntegerField(_("compliant"), default=0)
    due = models.PositiveIntegerField(_("due"), default=0)
    overdue = models.PositiveIntegerField(_("overdue"), default=0)
    not_yet_due = models.PositiveIntegerField(_("not yet due"), default=0)
    exempt = models.PositiveIntegerField(_("exempt"), default=0)
    taken_at = models.DateTimeField(_("taken"), auto_now=True)

    class Meta:
        ordering = ["-month", "rule_id", "department_id"]
        verbose_name = _("compliance snapshot")
        verbose_name_plural = _("compliance snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "department", "rule"], name="one_snapshot_per_month"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} – {self.rule_id} – {self.department_id}"

    @property
    def total(self) -> int:
        return sum(getattr(self, state) for state in ComplianceState.values)
