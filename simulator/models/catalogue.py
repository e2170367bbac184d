"""What a rulebook names: the services it times (``Service``: a charter or RTS service and
its time limit), its category tree (``Category``) and the simulated offices a grievance is
routed to (``Office``: organisation, officer, escalation ladder)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from ..enums import (
    LadderKind,
)
from ..timing import Limit
from .rulebooks import SOURCE_HELP, EscalationLadder, Rulebook, _limit, _limit_fields


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
    parent = models.ForeignKey(
        "self",
        verbose_name=_("senior office (parent)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text=_(
            "The office this one works under: it and the offices above it are senior to "
            "this one (a complaint against this office may go there)."
        ),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"),
        null=True,
        blank=True,
        help_text=_("1 is the most senior; compared within an organisation only."),
    )
    source = models.TextField(_("source"), blank=True, help_text=SOURCE_HELP)

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
        FieldPanel("parent"),
        FieldPanel("rank"),
        FieldPanel("source"),
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

    def ancestors(self) -> list["Office"]:
        """The offices above this one, nearest first (a cycle stops the walk)."""
        found, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            found.append(node)
            seen.add(node.pk)
            node = node.parent
        return found

    def clean(self):
        if self.parent_id and (
            self.parent.rulebook_id != self.rulebook_id
            or self.parent_id == self.pk
            or any(o.pk == self.pk for o in self.parent.ancestors())
        ):
            raise ValidationError(
                {"parent": _("Choose another office of the same rulebook, not below this one.")}
            )
        if self.escalation_ladder_id and (
            self.escalation_ladder.rulebook_id != self.rulebook_id
            or self.escalation_ladder.kind != LadderKind.ESCALATION
        ):
            raise ValidationError(
                {"escalation_ladder": _("Choose an escalation ladder of the same rulebook.")}
            )
