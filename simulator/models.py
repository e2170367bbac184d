"""Rulebooks (configuration, edited in the Wagtail admin), scenarios, and the simulation
itself (practice sessions, grievances, their event log and scheduled script events).

Rulebook facts are data: time limits are fields, rules are ``Rule`` rows of a coded
``RuleKind`` with JSON params, escalation and appeal ladders are ``EscalationLadder`` rows
with levels. Each row carries a ``source`` note saying where the fact comes from
(the public document's title and section) or that it is a training default (not verified)."""

import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.core.fields import MultipleChoiceField

from .enums import (
    TRAINEE_ROLES,
    Action,
    Difficulty,
    FeedbackRating,
    GrievanceState,
    LadderKind,
    LimitUnit,
    Outcome,
    RuleKind,
    SessionStatus,
    SimRole,
)
from .timing import Limit

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SOURCE_HELP = _(
    "Where this comes from: the public document's title and section (e.g. 'CPGRAMS "
    "guidelines 2024, para 5'), or 'training default, not verified'."
)


def _limit_fields(label, *, null=False, default_amount=None, default_unit=LimitUnit.CALENDAR_DAYS):
    amount = models.PositiveIntegerField(
        _("%(label)s: amount") % {"label": label},
        null=null,
        blank=null,
        default=default_amount,
    )
    unit = models.CharField(
        _("%(label)s: unit") % {"label": label},
        max_length=16,
        choices=LimitUnit.choices,
        default=default_unit,
    )
    return amount, unit


def _limit(amount, unit) -> Limit | None:
    return None if amount is None else Limit(amount, unit)


# ---------------------------------------------------------------- calendars
class HolidayCalendar(ClusterableModel):
    """Gazetted holidays that working-day limits skip (Sundays are always skipped). A
    calendar can be shared by several rulebooks."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("source"),
        InlinePanel("holidays", label=_("Holidays")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("holiday calendar")
        verbose_name_plural = _("holiday calendars")

    def __str__(self):
        return self.name


class Holiday(Orderable):
    calendar = ParentalKey(HolidayCalendar, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("date"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        ordering = ["date"]
        verbose_name = _("holiday")
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="sim_one_holiday_per_day")
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


# ---------------------------------------------------------------- rulebooks
REG_NO_HELP = _(
    "Registration number pattern: {org} (the office's organisation code), {year}, {seq} "
    "(e.g. {seq:07d} for seven digits)."
)


class Rulebook(ClusterableModel):
    """One grievance regime: CM Window + RTS (Haryana), CPGRAMS, the Bihar ULB charter."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=160)
    name_hi = models.CharField(_("name (Hindi)"), max_length=160, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)
    calendar = models.ForeignKey(
        HolidayCalendar,
        verbose_name=_("holiday calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rulebooks",
    )
    reg_no_format = models.CharField(
        _("registration number format"),
        max_length=80,
        default="{org}/E/{year}/{seq:07d}",
        help_text=REG_NO_HELP,
    )
    default_org_code = models.CharField(_("default organisation code"), max_length=16, blank=True)
    ack_amount, ack_unit = _limit_fields(_("acknowledge within"), default_amount=1)
    disposal_amount, disposal_unit = _limit_fields(
        _("dispose within (when the service sets no time)"), default_amount=30
    )
    appeal_ladder = models.ForeignKey(
        "EscalationLadder",
        verbose_name=_("appeal ladder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The appellate levels a citizen's (or the automatic) appeal goes through."),
    )
    default_escalation_ladder = models.ForeignKey(
        "EscalationLadder",
        verbose_name=_("default escalation ladder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Used when the handling office names no ladder of its own."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("code"),
                FieldPanel("name"),
                FieldPanel("name_hi"),
                FieldPanel("summary"),
                FieldPanel("source"),
            ],
            heading=_("Rulebook"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("calendar"),
                FieldRowPanel([FieldPanel("ack_amount"), FieldPanel("ack_unit")]),
                FieldRowPanel([FieldPanel("disposal_amount"), FieldPanel("disposal_unit")]),
                FieldPanel("appeal_ladder"),
                FieldPanel("default_escalation_ladder"),
                FieldPanel("reg_no_format"),
                FieldPanel("default_org_code"),
            ],
            heading=_("Time limits and ladders"),
        ),
        InlinePanel("rules", label=_("Rules")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("rulebook")
        verbose_name_plural = _("rulebooks")

    def __str__(self):
        return self.name

    @property
    def ack_limit(self) -> Limit:
        return _limit(self.ack_amount, self.ack_unit)

    @property
    def disposal_limit(self) -> Limit:
        return _limit(self.disposal_amount, self.disposal_unit)

    def clean(self):
        errors = {}
        try:
            self.reg_no_format.format(org="X", year=2026, seq=1)
        except (KeyError, ValueError, IndexError):
            errors["reg_no_format"] = _("Use only {org}, {year} and {seq}.")
        for field, kind in (
            ("appeal_ladder", LadderKind.APPEAL),
            ("default_escalation_ladder", LadderKind.ESCALATION),
        ):
            ladder = getattr(self, field)
            if ladder is not None and (ladder.rulebook_id != self.pk or ladder.kind != kind):
                errors[field] = _("Choose a ladder of this rulebook of kind: %(kind)s.") % {
                    "kind": LadderKind(kind).label
                }
        if errors:
            raise ValidationError(errors)


# Params each rule kind needs: {key: (python types, required)}
RULE_PARAMS: dict[str, dict[str, tuple[tuple[type, ...], bool]]] = {
    RuleKind.FORBID_CLOSURE_PHRASE: {
        "phrases": ((list,), True),
        "actions": ((list,), False),
        "reason_codes": ((list,), False),
    },
    RuleKind.MAX_TRANSFERS: {"max": ((int,), True)},
    RuleKind.MAX_MULTI_FORWARD: {"max": ((int,), True)},
    RuleKind.FORBID_RETURN_REASON: {"reasons": ((list,), True), "rts_only": ((bool,), False)},
    RuleKind.LEAF_CATEGORY: {},
    RuleKind.OUT_OF_SCOPE_REASONS: {"reasons": ((dict,), True)},
    RuleKind.APPEAL_ON_RATING: {"ratings": ((list,), True), "window": ((list,), False)},
    RuleKind.CONFLICT_OF_INTEREST: {"actions": ((list,), False)},
    RuleKind.REOPEN_WINDOW: {"window": ((list, type(None)), True)},
    RuleKind.INTERIM_REPLY_REQUIRED: {"require_expected_date": ((bool,), False)},
    RuleKind.FACILITATE_APPLICATION: {"within": ((list,), True)},
    RuleKind.REMAND_ON_CONTRADICTION: {},
    RuleKind.AUTO_APPEAL_ON_BREACH: {"rts_only": ((bool,), False)},
    RuleKind.ESCALATE_ON_BREACH: {},
}


def validate_rule_params(kind: str, params) -> list[str]:
    """Problems with ``params`` for a rule of ``kind`` (empty when fine)."""
    if not isinstance(params, dict):
        return [str(_("Params must be a JSON object."))]
    spec = RULE_PARAMS.get(kind)
    if spec is None:
        return [str(_("Unknown rule kind."))]
    problems = []
    for key, (types, required) in spec.items():
        if key not in params:
            if required:
                problems.append(str(_("Missing param %(key)s.") % {"key": key}))
            continue
        value = params[key]
        if not isinstance(value, types) or (
            isinstance(value, bool) and bool not in types and int in types
        ):
            problems.append(str(_("Param %(key)s has the wrong type.") % {"key": key}))
            continue
        if key in ("window", "within") and value is not None:
            try:
                Limit.of(value)
            except (TypeError, ValueError):
                problems.append(str(_("%(key)s must be [amount, unit].") % {"key": key}))
        if key == "actions" and not set(value) <= set(Action.values):
            problems.append(str(_("Unknown action in %(key)s.") % {"key": key}))
        if key == "ratings" and not set(value) <= set(FeedbackRating.values):
            problems.append(str(_("Unknown rating in %(key)s.") % {"key": key}))
    unknown = set(params) - set(spec)
    if unknown:
        problems.append(str(_("Unknown params: %(keys)s.") % {"keys": ", ".join(sorted(unknown))}))
    return problems


class Rule(Orderable):
    """One rule of a rulebook: a coded kind the engine understands, its params, the
    message shown when it refuses an action, and its source."""

    rulebook = ParentalKey(Rulebook, on_delete=models.CASCADE, related_name="rules")
    code = models.CharField(
        _("rule code"),
        max_length=64,
        validators=[RegexValidator(CODE_RE, _("Lower-case letters, digits, '.', '-', '_'."))],
        help_text=_("Cited in refusals and scores, e.g. cpgrams.no-not-pertaining."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=RuleKind.choices)
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(
        _("refusal message"),
        help_text=_("Shown to the trainee when the rule refuses an action."),
    )
    message_hi = models.TextField(_("refusal message (Hindi)"), blank=True)
    params = models.JSONField(_("params"), default=dict, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("message"),
        FieldPanel("message_hi"),
        FieldPanel("params"),
        FieldPanel("source"),
        FieldPanel("active"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        constraints = [
            models.UniqueConstraint(fields=["rulebook", "code"], name="sim_rule_code_per_rulebook")
        ]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def clean(self):
        problems = validate_rule_params(self.kind, self.params)
        if problems:
            raise ValidationError({"params": problems})


class EscalationLadder(ClusterableModel):
    """An escalation matrix (Bihar ULBs) or a set of appeal levels (Auto Appeal System,
    CPGRAMS appellate authority). Each level has a response time; the last may have none."""

    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("rulebook"), on_delete=models.CASCADE, related_name="ladders"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=16, choices=LadderKind.choices)
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    panels = [
        FieldPanel("rulebook"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("source"),
        InlinePanel("levels", label=_("Levels"), min_num=1),
    ]

    class Meta:
        ordering = ["rulebook", "code"]
        verbose_name = _("escalation / appeal ladder")
        verbose_name_plural = _("escalation / appeal ladders")
        constraints = [
            models.UniqueConstraint(
                fields=["rulebook", "code"], name="sim_ladder_code_per_rulebook"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.rulebook.code})"


class EscalationLevel(Orderable):
    ladder = ParentalKey(EscalationLadder, on_delete=models.CASCADE, related_name="levels")
    authority = models.CharField(_("authority"), max_length=160)
    authority_hi = models.CharField(_("authority (Hindi)"), max_length=160, blank=True)
    limit_amount, limit_unit = _limit_fields(_("response time"), null=True)

    panels = [
        FieldPanel("authority"),
        FieldPanel("authority_hi"),
        FieldRowPanel([FieldPanel("limit_amount"), FieldPanel("limit_unit")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        limit = self.limit
        return f"{self.authority} ({limit})" if limit else self.authority

    @property
    def limit(self) -> Limit | None:
        return _limit(self.limit_amount, self.limit_unit)


# ---------------------------------------------------------------- services, categories, offices
class Service(models.Model):
    """A charter or RTS service with its time limit (Bihar: garbage lifting 24 hours,
    trade licence 10 working days; Haryana: RTS-notified services)."""

    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("rulebook"), on_delete=models.CASCADE, related_name="services"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    limit_amount, limit_unit = _limit_fields(_("time limit"), default_amount=30)
    is_rts = models.BooleanField(
        _("notified under the Right to Service Act"),
        default=False,
        help_text=_("A missed time goes to the Auto Appeal System where the rulebook has one."),
    )
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

    panels = [
        FieldPanel("rulebook"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_hi"),
        FieldRowPanel([FieldPanel("limit_amount"), FieldPanel("limit_unit")]),
        FieldPanel("is_rts"),
        FieldPanel("source"),
    ]

    class Meta:
        ordering = ["rulebook", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(
                fields=["rulebook", "code"], name="sim_service_code_per_rulebook"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.limit})"

    @property
    def limit(self) -> Limit:
        return _limit(self.limit_amount, self.limit_unit)


class Category(models.Model):
    """The grievance category tree of a rulebook (parent -> children). Grievances are
    categorised to a leaf; an "Others" leaf exists but its share should approach zero
    (Haryana CM Window SOP (March 2024))."""

    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("rulebook"), on_delete=models.CASCADE, related_name="categories"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    service = models.ForeignKey(
        Service,
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="categories",
    )
    is_others = models.BooleanField(_("an 'Others' category"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("rulebook"),
        FieldPanel("parent"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_hi"),
        FieldPanel("service"),
        FieldPanel("is_others"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["rulebook", "sort_order", "name"]
        verbose_name = _("grievance category")
        verbose_name_plural = _("grievance categories")
        constraints = [
            models.UniqueConstraint(
                fields=["rulebook", "code"], name="sim_category_code_per_rulebook"
            )
        ]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def clean(self):
        errors = {}
        if self.parent_id:
            if self.parent.rulebook_id != self.rulebook_id:
                errors["parent"] = _("The parent must belong to the same rulebook.")
            node, seen = self.parent, {self.pk}
            while node is not None:
                if node.pk in seen:
                    errors["parent"] = _("A category cannot be its own ancestor.")
                    break
                seen.add(node.pk)
                node = node.parent
        if self.service_id and self.service.rulebook_id != self.rulebook_id:
            errors["service"] = _("The service must belong to the same rulebook.")
        if errors:
            raise ValidationError(errors)


class Office(models.Model):
    """A simulated office a grievance can be forwarded or transferred to (not a real
    department of the product). ``organisation`` decides what is a transfer: moving to an
    office of another organisation (Ministry, Department, State, ULB)."""

    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("rulebook"), on_delete=models.CASCADE, related_name="offices"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    org_code = models.CharField(_("organisation code"), max_length=16, blank=True)
    officer_title = models.CharField(_("designated / field officer"), max_length=160, blank=True)
    escalation_ladder = models.ForeignKey(
        EscalationLadder,
        verbose_name=_("escalation ladder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offices",
        help_text=_("Bihar: the corporation or the council/panchayat matrix."),
    )
    is_vigilance = models.BooleanField(
        _("vigilance / senior officer for complaints against officers"), default=False
    )

    panels = [
        FieldPanel("rulebook"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_hi"),
        FieldPanel("organisation"),
        FieldPanel("org_code"),
        FieldPanel("officer_title"),
        FieldPanel("escalation_ladder"),
        FieldPanel("is_vigilance"),
    ]

    class Meta:
        ordering = ["rulebook", "organisation", "name"]
        verbose_name = _("simulated office")
        verbose_name_plural = _("simulated offices")
        constraints = [
            models.UniqueConstraint(
                fields=["rulebook", "code"], name="sim_office_code_per_rulebook"
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.organisation}"

    def clean(self):
        if self.escalation_ladder_id and (
            self.escalation_ladder.rulebook_id != self.rulebook_id
            or self.escalation_ladder.kind != LadderKind.ESCALATION
        ):
            raise ValidationError(
                {"escalation_ladder": _("Choose an escalation ladder of the same rulebook.")}
            )


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
                FieldPanel("key_is_rts"),
                FieldPanel("key_citizen_applied"),
                FieldPanel("key_in_scope"),
                FieldPanel("key_out_of_scope_reason"),
                FieldPanel("key_mandatory_steps"),
                FieldPanel("key_forbidden_rules"),
                FieldPanel("key_notes"),
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

    def trainee_roles(self) -> list[str]:
        return list(self.playable_roles or TRAINEE_ROLES)

    def clean(self):
        from .scripts import validate_script

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


# ---------------------------------------------------------------- the simulation
class PracticeSession(models.Model):
    """One trainee running one scenario on a simulated clock.

    The clock: ``sim_now`` is the simulated time every action and timer uses. With
    ``speed`` 0 the trainee advances it (``services.advance_clock``); otherwise it runs at
    ``speed`` simulated minutes per real minute from (``real_anchor``, ``sim_anchor``) and
    the beat sweep moves ``sim_now`` forward. ``rulebook_snapshot`` freezes the rulebook as
    it was when the session started (limits, rules, ladders, holidays)."""

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="practice_sessions",
    )
    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.PROTECT, related_name="sessions"
    )
    rulebook = models.ForeignKey(
        Rulebook, verbose_name=_("rulebook"), on_delete=models.PROTECT, related_name="sessions"
    )
    rulebook_snapshot = models.JSONField(_("rulebook as at the start"), default=dict)
    rulebook_digest = models.CharField(
        _("digest of the snapshot"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Sessions with equal digests share one parsed rulebook in the sweep."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SessionStatus.choices,
        default=SessionStatus.ACTIVE,
        db_index=True,
    )
    speed = models.PositiveIntegerField(
        _("simulated minutes per real minute"),
        default=0,
        help_text=_("0: the trainee advances the clock."),
    )
    sim_started_at = models.DateTimeField(_("simulation started (simulated time)"))
    sim_now = models.DateTimeField(_("simulated now"))
    sim_anchor = models.DateTimeField(_("simulated time at the anchor"))
    real_anchor = models.DateTimeField(_("real time at the anchor"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The result, computed by ``scoring`` when the session ends (``services.finish_session``).
    score = models.DecimalField(
        _("score (%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    hard_fail = models.BooleanField(_("hard fail (score capped)"), default=False)
    score_breakdown = models.JSONField(_("score breakdown"), default=dict, blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("practice session")
        verbose_name_plural = _("practice sessions")
        indexes = [
            models.Index(fields=["status", "speed"]),
            models.Index(fields=["scenario", "status"]),
            models.Index(fields=["trainee", "scenario", "status"]),
        ]

    def __str__(self):
        return f"{self.trainee} – {self.scenario}"


class Grievance(models.Model):
    """A simulated grievance. Deadlines are stored (simulated time) so that the sweep finds
    what is due with one query; ``*_breached`` flags and the levels reached make the sweep
    idempotent.

    Simulation truth that the trainee must not see: ``citizen_applied``,
    ``key_duplicate_of``, ``facilitation_due_at`` (set only when the citizen never applied)."""

    session = models.ForeignKey(
        PracticeSession, on_delete=models.CASCADE, related_name="grievances"
    )
    reg_no = models.CharField(_("registration number"), max_length=40, db_index=True)
    is_primary = models.BooleanField(_("the scenario's grievance"), default=True)
    citizen_name = models.CharField(_("citizen"), max_length=120)
    text = models.TextField(_("grievance"))
    text_hi = models.TextField(_("grievance (Hindi)"), blank=True)
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office handling it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    co_offices = models.JSONField(_("also forwarded to (office codes)"), default=list, blank=True)
    state = models.CharField(
        _("state"),
        max_length=24,
        choices=GrievanceState.choices,
        default=GrievanceState.REGISTERED,
        db_index=True,
    )
    is_rts = models.BooleanField(_("RTS service"), default=False)
    citizen_applied = models.BooleanField(default=True)
    key_duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    # Simulated times and deadlines
    received_at = models.DateTimeField(_("received"))
    ack_due_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    ack_breached = models.BooleanField(default=False)
    disposal_due_at = models.DateTimeField(null=True, blank=True)
    disposal_breached = models.BooleanField(default=False)
    interim_reply_at = models.DateTimeField(null=True, blank=True)
    interim_expected_by = models.DateTimeField(null=True, blank=True)
    facilitation_due_at = models.DateTimeField(null=True, blank=True)
    facilitation_breached = models.BooleanField(default=False)
    application_ref = models.CharField(max_length=60, blank=True)
    atr_resolved = models.BooleanField(null=True, blank=True)
    feedback_rating = models.CharField(max_length=12, choices=FeedbackRating.choices, blank=True)
    feedback_contradicts = models.BooleanField(default=False)
    escalation_ladder = models.CharField(max_length=40, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalation_due_at = models.DateTimeField(null=True, blank=True)
    appeal_level = models.PositiveSmallIntegerField(default=0)
    appeal_due_at = models.DateTimeField(null=True, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    transfer_count = models.PositiveSmallIntegerField(default=0)
    remand_count = models.PositiveSmallIntegerField(default=0)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    allegation_office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("simulated grievance")
        verbose_name_plural = _("simulated grievances")
        indexes = [models.Index(fields=["session", "state"])]

    def __str__(self):
        return self.reg_no or f"grievance {self.pk}"


class GrievanceEvent(models.Model):
    """The event log: every action taken or refused, every timer and scripted event, with
    simulated and real time. Scoring and the debrief read this."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="events")
    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="events")
    sim_at = models.DateTimeField(_("simulated time"))
    created_at = models.DateTimeField(_("real time"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    role = models.CharField(_("role"), max_length=24, choices=SimRole.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(_("from"), max_length=24, blank=True)
    to_state = models.CharField(_("to"), max_length=24, blank=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    rule_code = models.CharField(_("rule"), max_length=64, blank=True)
    message = models.TextField(_("message"), blank=True)
    payload = models.JSONField(default=dict, blank=True)
    dedupe_key = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["sim_at", "pk"]
        verbose_name = _("grievance event")
        verbose_name_plural = _("grievance events")
        indexes = [models.Index(fields=["session", "sim_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["grievance", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="sim_timer_event_once",
            )
        ]

    def __str__(self):
        return f"{self.sim_at:%d/%m/%Y %H:%M} {self.action} ({self.outcome})"


class ScheduledEvent(models.Model):
    """A scenario script event waiting for its simulated time. ``anchor`` (an action) delays
    the clock: ``fire_at`` is set when that action is first taken."""

    grievance = models.ForeignKey(Grievance, on_delete=models.CASCADE, related_name="scheduled")
    kind = models.CharField(max_length=32)
    anchor = models.CharField(max_length=32, blank=True)
    offset_minutes = models.PositiveIntegerField(default=0)
    fire_at = models.DateTimeField(null=True, blank=True, db_index=True)
    fired_at = models.DateTimeField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fire_at", "sort_order", "pk"]
        verbose_name = _("scheduled script event")

    def __str__(self):
        return f"{self.kind} at {self.fire_at}"


# ---------------------------------------------------------------- results and use in training
class ScoreDeduction(models.Model):
    """One deduction of a scored session (a row per deduction, so that trainers' statistics
    can count the most common ones in the database). The full text is in
    ``PracticeSession.score_breakdown``."""

    session = models.ForeignKey(
        PracticeSession, on_delete=models.CASCADE, related_name="deductions"
    )
    dimension = models.CharField(_("dimension"), max_length=16)
    code = models.CharField(_("rule"), max_length=64)
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=2)
    hard_fail = models.BooleanField(_("hard fail"), default=False)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("score deduction")
        verbose_name_plural = _("score deductions")
        indexes = [models.Index(fields=["code"])]

    def __str__(self):
        return f"{self.code} -{self.points}"


class ScenarioAssignment(models.Model):
    """A set of scenarios a trainer or course director assigns to a programme. Trainees
    nominated to the programme (confirmed or attended) see them first; when
    ``counts_toward_completion`` is set, ``selectors.simulation_passes`` says who met
    ``min_score`` on every such scenario."""

    programme = models.ForeignKey(
        "courses.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="scenario_assignments",
    )
    title = models.CharField(
        _("title"), max_length=160, blank=True, help_text=_("e.g. 'Day 2: CM Window cases'.")
    )
    scenarios = models.ManyToManyField(
        Scenario, verbose_name=_("scenarios"), related_name="assignments"
    )
    counts_toward_completion = models.BooleanField(
        _("counts toward completion"),
        default=False,
        help_text=_("Officers must reach the minimum score on every scenario of this set."),
    )
    min_score = models.PositiveSmallIntegerField(
        _("minimum score (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldPanel("scenarios", widget=forms.CheckboxSelectMultiple),
        FieldPanel("counts_toward_completion"),
        FieldPanel("min_score"),
    ]

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = _("scenario assignment")
        verbose_name_plural = _("scenario assignments")

    def __str__(self):
        return self.title or str(_("Scenarios for %(programme)s") % {"programme": self.programme})
