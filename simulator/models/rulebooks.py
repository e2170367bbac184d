"""Rulebooks (configuration, edited in the Wagtail admin): one grievance regime's time
limits (``Rulebook``), its holiday calendar (``HolidayCalendar`` / ``Holiday``), its rules
(``Rule`` rows of a coded ``RuleKind`` with JSON params, checked by
``validate_rule_params`` against ``RULE_PARAMS``) and its escalation and appeal ladders
(``EscalationLadder`` / ``EscalationLevel``). Also the helpers every rulebook model uses:
``CODE_RE`` for codes, ``SOURCE_HELP`` for the ``source`` note, and a time limit as an
amount and a unit (``_limit_fields``, ``_limit``)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..enums import (
    Action,
    FeedbackRating,
    LadderKind,
    LimitUnit,
    RuleKind,
)
from ..timing import Limit

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
    RuleKind.REPLY_ELEMENTS: {"elements": ((dict,), True)},
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
