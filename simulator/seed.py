"""Load the three rulebooks and the practice scenarios (``seed_data``) into the database.

Idempotent in the house style (demo/seed.py): rows are matched by code and what exists
is left as it is, so running it again neither duplicates nor overwrites edits made in the
admin. Every scenario is validated with ``full_clean`` before it is saved."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from . import seed_data
from .models import (
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


@dataclass
class SimulatorSeedReport:
    created: dict = field(default_factory=dict)

    def count(self, what: str, n: int = 1):
        self.created[what] = self.created.get(what, 0) + n


def _pair(value):
    return (None, "calendar_days") if value is None else value


def seed_calendars(report) -> dict[str, HolidayCalendar]:
    calendars = {}
    for data in seed_data.CALENDARS:
        calendar, created = HolidayCalendar.objects.get_or_create(
            code=data["code"], defaults={"name": data["name"], "source": data["source"]}
        )
        if created:
            report.count("holiday calendars")
        for day, name in data["holidays"]:
            _holiday, made = Holiday.objects.get_or_create(
                calendar=calendar,
                date=datetime.date.fromisoformat(day),
                defaults={"name": name},
            )
            if made:
                report.count("holidays")
        calendars[calendar.code] = calendar
    return calendars


def seed_rulebook(data: dict, calendars: dict, report) -> Rulebook:
    ack_amount, ack_unit = data["ack"]
    disposal_amount, disposal_unit = data["disposal"]
    rulebook, created = Rulebook.objects.get_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "name_hi": data["name_hi"],
            "summary": data["summary"],
            "source": data["source"],
            "calendar": calendars.get(data["calendar"]),
            "reg_no_format": data["reg_no_format"],
            "default_org_code": data["default_org_code"],
            "ack_amount": ack_amount,
            "ack_unit": ack_unit,
            "disposal_amount": disposal_amount,
            "disposal_unit": disposal_unit,
        },
    )
    if created:
        report.count("rulebooks")
    ladders = {}
    for ladder_data in data["ladders"]:
        ladder, made = EscalationLadder.objects.get_or_create(
            rulebook=rulebook,
            code=ladder_data["code"],
            defaults={
                "name": ladder_data["name"],
                "kind": ladder_data["kind"],
                "source": ladder_data["source"],
            },
        )
        if made:
            report.count("ladders")
            for order, (authority, authority_hi, limit) in enumerate(ladder_data["levels"]):
                amount, unit = _pair(limit)
                EscalationLevel.objects.create(
                    ladder=ladder,
                    sort_order=order,
                    authority=authority,
                    authority_hi=authority_hi,
                    limit_amount=amount,
                    limit_unit=unit,
                )
        ladders[ladder.code] = ladder
    if created:
        rulebook.appeal_ladder = ladders.get(data["appeal_ladder"] or "")
        rulebook.default_escalation_ladder = ladders.get(data["default_escalation_ladder"] or "")
        rulebook.save(update_fields=["appeal_ladder", "default_escalation_ladder", "updated_at"])
    existing = set(rulebook.rules.values_list("code", flat=True))
    next_order = len(existing)
    for rule_data in data["rules"]:
        if rule_data["code"] in existing:
            continue
        rule = Rule(rulebook=rulebook, sort_order=next_order, **rule_data)
        rule.full_clean()
        rule.save()
        next_order += 1
        report.count("rules")
    services = {}
    for code, name, name_hi, (amount, unit), is_rts, source in data["services"]:
        service, made = Service.objects.get_or_create(
            rulebook=rulebook,
            code=code,
            defaults={
                "name": name,
                "name_hi": name_hi,
                "limit_amount": amount,
                "limit_unit": unit,
                "is_rts": is_rts,
                "source": source,
            },
        )
        if made:
            report.count("services")
        services[code] = service
    categories: dict[str, Category] = {}
    for order, (code, name, name_hi, parent, is_others, service) in enumerate(data["categories"]):
        category, made = Category.objects.get_or_create(
            rulebook=rulebook,
            code=code,
            defaults={
                "name": name,
                "name_hi": name_hi,
                "parent": categories.get(parent),
                "is_others": is_others,
                "service": services.get(service),
                "sort_order": order,
            },
        )
        if made:
            report.count("categories")
        categories[code] = category
    for code, name, name_hi, organisation, org_code, officer, ladder, vigilance in data["offices"]:
        _office, made = Office.objects.get_or_create(
            rulebook=rulebook,
            code=code,
            defaults={
                "name": name,
                "name_hi": name_hi,
                "organisation": organisation,
                "org_code": org_code,
                "officer_title": officer,
                "escalation_ladder": ladders.get(ladder or ""),
                "is_vigilance": vigilance,
            },
        )
        if made:
            report.count("offices")
    _seed_hierarchy(rulebook, data.get("hierarchy", {}))
    return rulebook


def _seed_hierarchy(rulebook: Rulebook, hierarchy: dict) -> None:
    """Each office's place in the hierarchy (parent, rank) and its source note: filled in
    where the office has none yet (a cell's own edits stay)."""
    offices = {o.code: o for o in Office.objects.filter(rulebook=rulebook)}
    default = hierarchy.get("*")
    for code, office in offices.items():
        parent, rank, source = hierarchy.get(code, default or (None, None, ""))
        if office.source:
            continue
        office.parent = offices.get(parent) if parent else None
        office.rank = rank
        office.source = source
        office.save(update_fields=["parent", "rank", "source"])


def _by_code(model, rulebook, code):
    return None if code is None else model.objects.get(rulebook=rulebook, code=code)


def seed_scenario(data: dict, rulebooks: dict, report) -> Scenario:
    existing = Scenario.objects.filter(code=data["code"]).first()
    if existing is not None:
        if not existing.key_notes_hi and seed_data.NOTES_HI.get(data["code"]):
            existing.key_notes_hi = seed_data.NOTES_HI[data["code"]]  # a blank is filled in
            existing.save(update_fields=["key_notes_hi"])
        return existing
    rulebook = rulebooks[data["rulebook"]]
    key = data["key"]
    received_time = data.get("received_time", "10:00")
    scenario = Scenario(
        code=data["code"],
        title=data["title"],
        title_hi=data["title_hi"],
        rulebook=rulebook,
        difficulty=data["difficulty"],
        summary=data["summary"],
        citizen_name=data["citizen_name"],
        grievance_text=data["grievance_text"],
        grievance_text_hi=data["grievance_text_hi"],
        service=_by_code(Service, rulebook, data.get("service")),
        initial_office=_by_code(Office, rulebook, data["initial_office"]),
        initial_state=data.get("initial_state", "registered"),
        initial_category=_by_code(Category, rulebook, data.get("initial_category")),
        prior_transfers=data.get("prior_transfers", 0),
        received_days_ago=data.get("received_days_ago", 0),
        received_time=datetime.time.fromisoformat(received_time),
        preset_reply=data.get("preset_reply", ""),
        playable_roles=data.get("playable_roles", []),
        script=data.get("script", []),
        source=data["source"],
        key_category=_by_code(Category, rulebook, key.get("category")),
        key_office=_by_code(Office, rulebook, key.get("office")),
        key_is_rts=key.get("is_rts", False),
        key_citizen_applied=key.get("citizen_applied", True),
        key_in_scope=key.get("in_scope", True),
        key_out_of_scope_reason=key.get("out_of_scope_reason", ""),
        key_mandatory_steps=key["mandatory_steps"],
        key_forbidden_rules=key.get("forbidden_rules", []),
        key_notes=key.get("notes", ""),
        key_notes_hi=seed_data.NOTES_HI.get(data["code"], ""),
    )
    scenario.key_accused_office = _by_code(Office, rulebook, key.get("accused_office"))
    scenario.full_clean()
    scenario.save()
    scenario.key_co_offices.set(
        [_by_code(Office, rulebook, code) for code in key.get("co_offices", [])]
    )
    report.count("scenarios")
    return scenario


@transaction.atomic
def seed_simulator(report=None):
    """Load calendars, rulebooks and scenarios (idempotent). ``report`` is anything with
    ``count(what, n)`` (demo.seed.SeedReport); a new one is returned when omitted."""
    report = report if report is not None else SimulatorSeedReport()
    calendars = seed_calendars(report)
    rulebooks = {
        data["code"]: seed_rulebook(data, calendars, report) for data in seed_data.RULEBOOKS
    }
    for data in seed_data.SCENARIOS:
        seed_scenario(data, rulebooks, report)
    return report
