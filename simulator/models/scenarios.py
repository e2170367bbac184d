"""Scenarios: practice cases authored by trainers (``Scenario``: the citizen's grievance,
the rulebook, where the case starts, a script of events, and the hidden answer key), and
``out_of_scope_reasons`` (a rulebook's listed reasons, for the scenario form)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lms.core.fields import MultipleChoiceField

from ..enums import (
    TRAINEE_ROLES,
    Action,
    Difficulty,
    GrievanceState,
    RuleKind,
    SimRole,
)
from ..scripts import validate_script
from .catalogue import Category, Office, Service
from .rulebooks import SOURCE_HELP, Rulebook

# ---------------------------------------------------------------- scenarios
INITIAL_STATES = (
    GrievanceState.REGISTERED,
    GrievanceState.ASSIGNED,
    GrievanceState.IN_PROGRESS,
    GrievanceState.DISPOSED,
)

SCRIPT_HELP = _(
    'A JSON list of events, e.g. [{"kind": "feedback", "after": "submit_atr", "at_hours": 24, '
    '"payload": {"rating": "poor", "satisfied": false, "remarks": "Still dark"}}]. "after" is '
    "an action (the clock starts the first time it is taken) or omitted (session start)."
)


class Scenario(models.Model):
    """A practice case authored by trainers: the citizen's grievance (English and Hindi), the
    rulebook, where it starts, a script of events, and a hidden answer key (``key_*`` fields:
    for scoring and the debrief only, never shown to the trainee while practising)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_hi = models.CharField(_("title (Hindi)"), max_length=200, blank=True)
    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("rulebook"), on_delete=models.PROTECT, related_name="scenarios"
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=8, choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    is_active = models.BooleanField(_("available to trainees"), default=True)
    summary = models.TextField(_("trainer's summary"), blank=True)
    citizen_name = models.CharField(_("citizen"), max_length=120)
    grievance_text = models.TextField(_("grievance (English)"))
    grievance_text_hi = models.TextField(_("grievance (Hindi)"), blank=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service concerned"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scenarios",
        help_text=_("Sets the time limit; leave blank to use the rulebook's disposal limit."),
    )
    initial_office = models.ForeignKey(
        Office,
        verbose_name=_("office where it is lodged"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    initial_state = models.CharField(
        _("starts as"),
        max_length=24,
        choices=[(s.value, s.label) for s in INITIAL_STATES],
        default=GrievanceState.REGISTERED,
    )
    initial_category = models.ForeignKey(
        Category,
        verbose_name=_("category already given"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Needed when it starts beyond 'registered'."),
    )
    prior_transfers = models.PositiveSmallIntegerField(_("transfers already made"), default=0)
    received_days_ago = models.PositiveSmallIntegerField(
        _("received this many days before the session starts"), default=0
    )
    received_time = models.TimeField(_("received at (time of day)"), default=datetime.time(10, 0))
    preset_reply = models.TextField(
        _("reply already on record"),
        blank=True,
        help_text=_("The ATR / final reply when it starts as disposed."),
    )
    playable_roles = MultipleChoiceField(
        _("roles the trainee plays"),
        choices_enum=SimRole,
        help_text=_("Leave empty for all desk roles."),
    )
    script = models.JSONField(_("script"), default=list, blank=True, help_text=SCRIPT_HELP)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)
    # The hidden answer key
    key_category = models.ForeignKey(
        Category,
        verbose_name=_("key: correct category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    key_office = models.ForeignKey(
        Office,
        verbose_name=_("key: correct office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    key_co_offices = models.ManyToManyField(
        Office,
        verbose_name=_("key: offices that must also get it (with the lead)"),
        blank=True,
        related_name="+",
        help_text=_(
            "A case that needs several offices: the correct office above is the lead, which "
            "consolidates one action-taken report; these are forwarded with it."
        ),
    )
    key_accused_office = models.ForeignKey(
        Office,
        verbose_name=_("office accused in the complaint text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "When the grievance itself alleges wrongdoing by an office: that office (and the "
            "offices under it) may never hold, take up or answer it."
        ),
    )
    key_is_rts = models.BooleanField(_("key: an RTS service"), default=False)
    key_citizen_applied = models.BooleanField(_("key: the citizen had applied"), default=True)
    key_in_scope = models.BooleanField(_("key: within scope"), default=True)
    key_out_of_scope_reason = models.CharField(
        _("key: out-of-scope reason"), max_length=40, blank=True
    )
    key_mandatory_steps = MultipleChoiceField(
        _("key: mandatory steps"), choices_enum=Action, help_text=_("Actions a good answer takes.")
    )
    key_forbidden_rules = models.JSONField(
        _("key: rules the case tempts you to break"),
        default=list,
        blank=True,
        help_text=_('Rule codes, e.g. ["cpgrams.no-not-pertaining"].'),
    )
    key_notes = models.TextField(_("key: model answer (debrief)"), blank=True)
    key_notes_hi = models.TextField(_("key: model answer (Hindi)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("title"),
                FieldPanel("title_hi"),
                FieldPanel("rulebook"),
                FieldPanel("difficulty"),
                FieldPanel("is_active"),
                FieldPanel("summary"),
                FieldPanel("source"),
            ],
            heading=_("Scenario"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("citizen_name"),
                FieldPanel("grievance_text"),
                FieldPanel("grievance_text_hi"),
                FieldPanel("service"),
                FieldPanel("initial_office"),
                FieldPanel("initial_state"),
                FieldPanel("initial_category"),
                FieldPanel("prior_transfers"),
                FieldPanel("received_days_ago"),
                FieldPanel("received_time"),
                FieldPanel("preset_reply"),
                FieldPanel("playable_roles"),
                FieldPanel("script"),
            ],
            heading=_("What the trainee gets"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("key_category"),
                FieldPanel("key_office"),
                FieldPanel("key_co_offices"),
                FieldPanel("key_accused_office"),
                FieldPanel("key_is_rts"),
                FieldPanel("key_citizen_applied"),
                FieldPanel("key_in_scope"),
                FieldPanel("key_out_of_scope_reason"),
                FieldPanel("key_mandatory_steps"),
                FieldPanel("key_forbidden_rules"),
                FieldPanel("key_notes"),
                FieldPanel("key_notes_hi"),
            ],
            heading=_("Answer key (hidden from trainees)"),
        ),
    ]

    class Meta:
        ordering = ["rulebook", "difficulty", "title"]
        verbose_name = _("simulator scenario")
        verbose_name_plural = _("simulator scenarios")

    def __str__(self):
        return self.title

    def audit_link(self):
        """The staff button to run this scenario's mutation audit (admin list)."""
        if not self.pk:
            return ""
        return format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>',
            reverse("simulator:scenario_audit", args=[self.pk]),
            _("Mutation audit"),
        )

    audit_link.short_description = _("Audit")

    def trainee_roles(self) -> list[str]:
        return list(self.playable_roles or TRAINEE_ROLES)

    def clean(self):
        errors: dict[str, list] = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        rulebook_id = self.rulebook_id

        def related(field):
            # An unset required FK raises on access; the field's own error reports it.
            return getattr(self, field) if getattr(self, f"{field}_id") else None

        for field in (
            "service",
            "initial_office",
            "initial_category",
            "key_category",
            "key_office",
            "key_accused_office",
        ):
            value = related(field)
            if value is not None and value.rulebook_id != rulebook_id:
                add(field, _("Choose one from the scenario's rulebook."))
        for field in ("initial_category", "key_category"):
            category = related(field)
            if category is not None and category.children.exists():
                add(field, _("Choose the most specific category (one without sub-categories)."))
        if self.initial_state != GrievanceState.REGISTERED and self.initial_category_id is None:
            add("initial_category", _("A case that starts beyond 'registered' needs its category."))
        if self.initial_state == GrievanceState.DISPOSED and not self.preset_reply.strip():
            add("preset_reply", _("A case that starts disposed needs the reply on record."))
        if self.service_id and self.key_is_rts != self.service.is_rts:
            add("key_is_rts", _("The key must agree with the service's RTS flag."))
        if not self.key_citizen_applied and not self.key_is_rts:
            add("key_citizen_applied", _("'Never applied' matters only for an RTS service."))
        if self.key_accused_office_id and self.key_accused_office_id == self.key_office_id:
            add("key_accused_office", _("The office accused cannot be the correct office."))
        if self.key_in_scope:
            if self.key_out_of_scope_reason:
                add("key_out_of_scope_reason", _("Leave blank for a case within scope."))
            if self.key_category_id is None:
                add("key_category", _("Give the correct category."))
            if self.key_office_id is None:
                add("key_office", _("Give the correct office."))
        elif rulebook_id:
            reasons = out_of_scope_reasons(self.rulebook)
            if self.key_out_of_scope_reason not in reasons:
                add(
                    "key_out_of_scope_reason",
                    _("Choose one of the rulebook's out-of-scope reasons: %(reasons)s.")
                    % {"reasons": ", ".join(reasons) or "-"},
                )
        bad_roles = set(self.playable_roles or []) - set(TRAINEE_ROLES)
        if bad_roles:
            add("playable_roles", _("Trainees play desk roles only."))
        if not isinstance(self.key_forbidden_rules, list):
            add("key_forbidden_rules", _("Give a list of rule codes."))
        elif rulebook_id:
            codes = set(self.rulebook.rules.values_list("code", flat=True))
            unknown = [code for code in self.key_forbidden_rules if code not in codes]
            if unknown:
                add(
                    "key_forbidden_rules",
                    _("Not rules of this rulebook: %(codes)s.") % {"codes": ", ".join(unknown)},
                )
        for problem in validate_script(self.script):
            add("script", problem)
        if errors:
            raise ValidationError(errors)


def out_of_scope_reasons(rulebook: Rulebook) -> dict[str, str]:
    """{reason code: label} from the rulebook's out-of-scope rule(s)."""
    reasons: dict[str, str] = {}
    for params in rulebook.rules.filter(
        kind=RuleKind.OUT_OF_SCOPE_REASONS, active=True
    ).values_list("params", flat=True):
        reasons.update((params or {}).get("reasons", {}))
    return reasons
