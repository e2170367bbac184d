"""Factories for the grievance simulator: rulebooks and their parts, scenarios, and a
ready-made 'desk' rulebook with two organisations, a category tree, ladders and the
rules a test asks for."""

import datetime

import factory

from simulator.enums import LadderKind, LimitUnit, RuleKind
from simulator.models import (
    Category,
    EscalationLadder,
    EscalationLevel,
    Holiday,
    HolidayCalendar,
    Office,
    Rule,
    Rulebook,
    Scenario,
    Service,
)


class HolidayCalendarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HolidayCalendar

    code = factory.Sequence(lambda n: f"calendar-{n}")
    name = factory.Sequence(lambda n: f"Calendar {n}")


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday

    calendar = factory.SubFactory(HolidayCalendarFactory)
    date = datetime.date(2026, 1, 26)
    name = "Republic Day"


class RulebookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rulebook

    code = factory.Sequence(lambda n: f"rulebook-{n}")
    name = factory.Sequence(lambda n: f"Rulebook {n}")
    reg_no_format = "{org}/E/{year}/{seq:07d}"
    default_org_code = "TEST"
    ack_amount = 1
    ack_unit = LimitUnit.CALENDAR_DAYS
    disposal_amount = 21
    disposal_unit = LimitUnit.CALENDAR_DAYS


class RuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rule

    rulebook = factory.SubFactory(RulebookFactory)
    code = factory.Sequence(lambda n: f"test.rule-{n}")
    kind = RuleKind.LEAF_CATEGORY
    title = "A rule"
    message = "Refused by a rule."
    params = factory.LazyFunction(dict)
    sort_order = factory.Sequence(lambda n: n)


class LadderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EscalationLadder

    rulebook = factory.SubFactory(RulebookFactory)
    code = factory.Sequence(lambda n: f"ladder-{n}")
    name = factory.Sequence(lambda n: f"Ladder {n}")
    kind = LadderKind.ESCALATION


def make_ladder(rulebook, code, kind, levels) -> EscalationLadder:
    """``levels``: [(authority, amount or None, unit)]."""
    ladder = LadderFactory(rulebook=rulebook, code=code, kind=kind)
    for order, (authority, amount, unit) in enumerate(levels):
        EscalationLevel.objects.create(
            ladder=ladder,
            sort_order=order,
            authority=authority,
            limit_amount=amount,
            limit_unit=unit,
        )
    return ladder


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    rulebook = factory.SubFactory(RulebookFactory)
    code = factory.Sequence(lambda n: f"service-{n}")
    name = factory.Sequence(lambda n: f"Service {n}")
    limit_amount = 7
    limit_unit = LimitUnit.CALENDAR_DAYS


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    rulebook = factory.SubFactory(RulebookFactory)
    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class SimOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office

    rulebook = factory.SubFactory(RulebookFactory)
    code = factory.Sequence(lambda n: f"office-{n}")
    name = factory.Sequence(lambda n: f"Office {n}")
    organisation = "Department A"
    org_code = "DEPA"


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    code = factory.Sequence(lambda n: f"scenario-{n}")
    title = factory.Sequence(lambda n: f"Scenario {n}")
    rulebook = factory.SubFactory(RulebookFactory)
    citizen_name = "Smt. Test Citizen"
    grievance_text = "Nothing has been done about my complaint."
    initial_office = factory.SubFactory(
        SimOfficeFactory, rulebook=factory.SelfAttribute("..rulebook")
    )
    received_time = datetime.time(10, 0)
    key_mandatory_steps = factory.LazyFunction(list)


class Desk:
    """A test rulebook with two organisations and everything a grievance can need.

    - offices: ``nodal``, ``field``, ``field2``, ``senior`` (org A; ``field`` on the
      escalation ladder), ``elsewhere`` (org B)
    - categories: ``parent`` -> ``leaf``, ``leaf2``; ``others`` (an 'Others' leaf)
    - services: ``quick`` (2 days), ``rts`` (3 working days, RTS)
    - ladders: ``escalation`` (L1 7 days, L2 7 days, L3 15 days), ``appeal`` (30 working
      days, 30 working days, then no limit); set as the rulebook's appeal ladder
    - rules: only those passed in ``rules`` (kind -> params), plus always an out-of-scope
      list and a 72-hour reopen window unless overridden."""

    def __init__(self, *, rules=None, calendar=None, disposal=(21, LimitUnit.CALENDAR_DAYS)):
        self.rulebook = RulebookFactory(
            calendar=calendar, disposal_amount=disposal[0], disposal_unit=disposal[1]
        )
        rb = self.rulebook
        self.escalation = make_ladder(
            rb,
            "escalation",
            LadderKind.ESCALATION,
            [
                ("Level one", 7, LimitUnit.CALENDAR_DAYS),
                ("Level two", 7, LimitUnit.CALENDAR_DAYS),
                ("Level three", 15, LimitUnit.CALENDAR_DAYS),
            ],
        )
        self.appeal = make_ladder(
            rb,
            "appeal",
            LadderKind.APPEAL,
            [
                ("First appellate", 30, LimitUnit.WORKING_DAYS),
                ("Second appellate", 30, LimitUnit.WORKING_DAYS),
                ("Commission", None, LimitUnit.CALENDAR_DAYS),
            ],
        )
        rb.appeal_ladder = self.appeal
        rb.save()
        self.nodal = SimOfficeFactory(rulebook=rb, code="nodal", name="Nodal desk")
        self.field = SimOfficeFactory(
            rulebook=rb, code="field", name="Field office", escalation_ladder=self.escalation
        )
        self.field2 = SimOfficeFactory(rulebook=rb, code="field2", name="Second field office")
        self.senior = SimOfficeFactory(rulebook=rb, code="senior", name="Senior officer")
        self.elsewhere = SimOfficeFactory(
            rulebook=rb,
            code="elsewhere",
            name="Other department",
            organisation="Department B",
            org_code="DEPB",
        )
        self.quick = ServiceFactory(rulebook=rb, code="quick", limit_amount=2)
        self.rts = ServiceFactory(
            rulebook=rb,
            code="rts",
            limit_amount=3,
            limit_unit=LimitUnit.WORKING_DAYS,
            is_rts=True,
        )
        self.parent = CategoryFactory(rulebook=rb, code="parent", name="Parent")
        self.leaf = CategoryFactory(rulebook=rb, code="leaf", name="Leaf", parent=self.parent)
        self.leaf2 = CategoryFactory(rulebook=rb, code="leaf2", name="Leaf 2", parent=self.parent)
        self.others = CategoryFactory(rulebook=rb, code="others", name="Others", is_others=True)
        rules = dict(rules or {})
        rules.setdefault(RuleKind.OUT_OF_SCOPE_REASONS, {"reasons": {"sub_judice": "Sub-judice"}})
        rules.setdefault(RuleKind.REOPEN_WINDOW, {"window": [72, LimitUnit.HOURS]})
        self.rules = {}
        for kind, params in rules.items():
            if params is None:
                continue
            self.rules[kind] = RuleFactory(
                rulebook=rb, code=f"test.{kind}", kind=kind, params=params
            )

    def scenario(self, **fields) -> Scenario:
        fields.setdefault("initial_office", self.nodal)
        fields.setdefault("key_category", self.leaf)
        fields.setdefault("key_office", self.field)
        return ScenarioFactory(rulebook=self.rulebook, **fields)


# ---------------------------------------------------------------- use in training
def confirm_in(programme, *officers, state="confirmed"):
    """Nominate ``officers`` to ``programme`` straight into ``state`` (no workflow)."""
    from nominations.models import Nomination

    return [
        Nomination.objects.create(
            programme=programme, officer=officer, department=officer.department, state=state
        )
        for officer in officers
    ]


def assign(programme, *scenarios, **fields):
    from simulator.models import ScenarioAssignment

    assignment = ScenarioAssignment.objects.create(programme=programme, **fields)
    assignment.scenarios.set(scenarios)
    return assignment


def scored_session(trainee, scenario, score, *, status="finished", deductions=(), hard=False):
    """A finished session with a given score (and deduction codes), without playing it."""
    from decimal import Decimal

    from django.utils import timezone

    from simulator.models import PracticeSession, ScoreDeduction

    now = timezone.now()
    session = PracticeSession.objects.create(
        trainee=trainee,
        scenario=scenario,
        rulebook=scenario.rulebook,
        status=status,
        sim_started_at=now,
        sim_now=now,
        sim_anchor=now,
        real_anchor=now,
        finished_at=now,
        score=Decimal(str(score)),
        hard_fail=hard,
        scored_at=now,
    )
    ScoreDeduction.objects.bulk_create(
        [
            ScoreDeduction(session=session, dimension="procedure", code=code, points=Decimal("1"))
            for code in deductions
        ]
    )
    return session
