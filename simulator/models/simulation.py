"""The simulation itself: a trainee's ``PracticeSession`` on a simulated clock, its
``Grievance``s, their event log (``GrievanceEvent``: the record scoring reads) and the
scenario script's ``ScheduledEvent``s; then results and use in training: a scored
session's ``ScoreDeduction`` rows and the ``ScenarioAssignment`` of scenarios to a
programme."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..enums import (
    Action,
    FeedbackRating,
    GrievanceState,
    Outcome,
    SessionStatus,
    SimRole,
)
from .catalogue import Category, Office, Service
from .rulebooks import Rulebook
from .scenarios import Scenario


# ---------------------------------------------------------------- the simulation
class PracticeSession(models.Model):
    """One trainee running one scenario on a simulated clock.

    The clock: ``sim_now`` is the simulated time every action and timer uses. With
    ``speed`` 0 the trainee advances it (``services.advance_clock``); otherwise it runs at
    ``speed`` simulated minutes per real minute from (``real_anchor``, ``sim_anchor``) and
    the beat sweep moves ``sim_now`` forward. ``rulebook_snapshot`` freezes the rulebook as
    it was when the session started (limits, rules, ladders, holidays)."""

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

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

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

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
    co_inputs = models.JSONField(
        _("co-offices whose input arrived (office codes)"), default=list, blank=True
    )
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

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

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

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

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

    wagtail_reference_index_ignore = True  # a record: lms/core/records.py

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
