"""A rulebook frozen at the start of a practice session (``build_snapshot``) and the
read-only view the engine uses (``Book``). The engine never reads rulebook rows while a
session runs, so editing a rulebook in the admin changes new sessions only, and the sweep
needs no queries for rules, ladders or holidays."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.utils import timezone

from . import timing
from .enums import RuleKind
from .models import EscalationLadder
from .timing import Limit

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class RuleSpec:
    code: str
    kind: str
    title: str
    message: str
    message_hi: str = ""
    params: dict = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class LevelSpec:
    number: int
    authority: str
    authority_hi: str
    limit: Limit | None


@dataclass(frozen=True)
class LadderSpec:
    id: int
    code: str
    name: str
    kind: str
    levels: tuple[LevelSpec, ...]

    def level(self, number: int) -> LevelSpec | None:
        return self.levels[number - 1] if 1 <= number <= len(self.levels) else None


def build_snapshot(rulebook) -> dict:
    """The rulebook as plain JSON (4 queries)."""
    rules = rulebook.rules.filter(active=True).order_by("sort_order", "pk")
    ladders = (
        EscalationLadder.objects.filter(rulebook=rulebook)
        .prefetch_related("levels")
        .order_by("code")
    )
    holidays = (
        sorted(d.isoformat() for d in rulebook.calendar.holidays.values_list("date", flat=True))
        if rulebook.calendar_id
        else []
    )
    return {
        "version": SNAPSHOT_VERSION,
        "code": rulebook.code,
        "name": rulebook.name,
        "taken_from": rulebook.updated_at.isoformat() if rulebook.updated_at else "",
        "ack": rulebook.ack_limit.as_pair() if rulebook.ack_limit else None,
        "disposal": rulebook.disposal_limit.as_pair() if rulebook.disposal_limit else None,
        "reg_no_format": rulebook.reg_no_format,
        "default_org_code": rulebook.default_org_code,
        "appeal_ladder": rulebook.appeal_ladder.code if rulebook.appeal_ladder_id else None,
        "default_escalation_ladder": (
            rulebook.default_escalation_ladder.code
            if rulebook.default_escalation_ladder_id
            else None
        ),
        "weekly_offs": sorted(timing.DEFAULT_WEEKLY_OFFS),
        "holidays": holidays,
        "rules": [
            {
                "code": rule.code,
                "kind": rule.kind,
                "title": rule.title,
                "message": rule.message,
                "message_hi": rule.message_hi,
                "params": rule.params or {},
                "source": rule.source,
            }
            for rule in rules
        ],
        "ladders": {
            ladder.code: {
                "id": ladder.pk,
                "name": ladder.name,
                "kind": ladder.kind,
                "levels": [
                    {
                        "authority": level.authority,
                        "authority_hi": level.authority_hi,
                        "limit": level.limit.as_pair() if level.limit else None,
                    }
                    for level in ladder.levels.all()
                ],
            }
            for ladder in ladders
        },
    }


class Book:
    """Read-only view of a snapshot."""

    def __init__(self, snapshot: dict):
        self.snapshot = snapshot
        self.code = snapshot.get("code", "")
        self.ack_limit = Limit.of(snapshot.get("ack"))
        self.disposal_limit = Limit.of(snapshot.get("disposal"))
        self.reg_no_format = snapshot.get("reg_no_format") or "{org}/{year}/{seq:07d}"
        self.default_org_code = snapshot.get("default_org_code", "")
        self.holidays = frozenset(
            datetime.date.fromisoformat(day) for day in snapshot.get("holidays", [])
        )
        self.weekly_offs = frozenset(snapshot.get("weekly_offs", timing.DEFAULT_WEEKLY_OFFS))
        self.rules = tuple(RuleSpec(**rule) for rule in snapshot.get("rules", []))
        self.ladders = {
            code: LadderSpec(
                id=data.get("id", 0),
                code=code,
                name=data["name"],
                kind=data["kind"],
                levels=tuple(
                    LevelSpec(
                        number=index,
                        authority=level["authority"],
                        authority_hi=level.get("authority_hi", ""),
                        limit=Limit.of(level["limit"]),
                    )
                    for index, level in enumerate(data["levels"], start=1)
                ),
            )
            for code, data in snapshot.get("ladders", {}).items()
        }
        self.appeal_ladder = self.ladders.get(snapshot.get("appeal_ladder") or "")
        self.default_escalation_ladder = self.ladders.get(
            snapshot.get("default_escalation_ladder") or ""
        )

    def ladder_by_id(self, ladder_id) -> LadderSpec | None:
        for ladder in self.ladders.values():
            if ladder_id and ladder.id == ladder_id:
                return ladder
        return None

    def escalation_ladder_for(self, office) -> LadderSpec | None:
        """The office's own escalation ladder, else the rulebook's default."""
        ladder = self.ladder_by_id(getattr(office, "escalation_ladder_id", None))
        return ladder or self.default_escalation_ladder

    def rules_of(self, kind: str) -> list[RuleSpec]:
        return [rule for rule in self.rules if rule.kind == kind]

    def rule(self, kind: str) -> RuleSpec | None:
        found = self.rules_of(kind)
        return found[0] if found else None

    def has(self, kind: str) -> bool:
        return self.rule(kind) is not None

    def out_of_scope_reasons(self) -> dict[str, str]:
        reasons: dict[str, str] = {}
        for rule in self.rules_of(RuleKind.OUT_OF_SCOPE_REASONS):
            reasons.update(rule.params.get("reasons", {}))
        return reasons

    def due(self, start: datetime.datetime, limit: Limit | None) -> datetime.datetime | None:
        """When ``limit`` runs out from ``start`` (local dates, this book's holidays)."""
        if limit is None:
            return None
        return timing.due_at(timezone.localtime(start), limit, self.holidays, self.weekly_offs)

    def reg_no(self, *, org: str, year: int, seq: int) -> str:
        try:
            return self.reg_no_format.format(org=org or self.default_org_code, year=year, seq=seq)
        except (KeyError, ValueError, IndexError):
            return f"{org or self.default_org_code}/{year}/{seq:07d}"


def digest(snapshot: dict) -> str:
    """A stable digest of a snapshot: equal digests, equal rulebooks."""
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def book_for(session) -> Book:
    """The session's Book, parsed once per session object."""
    book = getattr(session, "_book", None)
    if book is None:
        book = Book(session.rulebook_snapshot)
        session._book = book
    return book
