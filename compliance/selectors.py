"""Where officers stand on the training rules, computed by the database: for one rule, one
query over its officers (a department's or the state's), whatever their number. The state
is a CASE over each officer's role start and latest completions compared with dates that
``compliance.rules`` works out once per rule, so it agrees with ``rules.state_for``
(``tests/compliance/test_agreement.py``).

A completion counts when it is a finalised programme of one of the rule's courses that the
officer attended (dated by the programme's last day) or the online course completed (dated
by the day it was completed, in India time), unless its certificate was revoked and not
re-issued."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.utils import timezone

from certificates.enums import CertificateStatus
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from lms.accounts.models import User
from nominations.enums import NominationState
from nominations.models import Nomination

from . import months, rules
from .enums import ComplianceState
from .models import ComplianceSnapshot, Exemption, RoleHeld, TrainingRule

C = ComplianceState
#: The order a list shows: who needs training first.
STATE_ORDER = (C.OVERDUE, C.DUE, C.NOT_YET_DUE, C.COMPLIANT, C.EXEMPT)


def rules_in_force(*, department_id=None, on: datetime.date | None = None) -> list[TrainingRule]:
    """The active rules (for one department: those for it or for every department; ``on``
    a day: those in force by then), each with ``course_ids`` (two queries)."""
    found = TrainingRule.objects.filter(is_active=True)
    if on is not None:
        found = found.filter(starts_on__lte=on)
    if department_id is not None:
        found = found.filter(Q(department__isnull=True) | Q(department_id=department_id))
    found = list(
        found.select_related("department").prefetch_related(
            Prefetch("courses", queryset=CoursePage.objects.only("pk", "title"))
        )
    )
    for rule in found:
        rule.course_ids = [course.pk for course in rule.courses.all()]
    return found


# ------------------------------------------------------------------ one officer's facts
def _revoked(**scope) -> Exists:
    return Exists(
        Certificate.objects.filter(
            status=CertificateStatus.REVOKED, replaced_by__isnull=True, **scope
        )
    )


def _course_ids(rule) -> list[int]:
    return list(rule.course_ids) or [0]  # no course: nothing counts (and no empty IN)


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in India time, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def programme_completions(rule, today: datetime.date) -> QuerySet:
    """Per officer, the last day of the latest finalised programme of the rule's courses
    they attended (ended by ``today``), its certificate not revoked: ``officer_id``,
    ``last``."""
    return (
        Nomination.objects.filter(
            state=NominationState.ATTENDED,
            programme__course_id__in=_course_ids(rule),
            programme__ends_on__lte=today,
        )
        .exclude(_revoked(holder=OuterRef("officer_id"), programme=OuterRef("programme_id")))
        .order_by()
        .values("officer_id")
        .annotate(last=Max("programme__ends_on"))
    )


def online_completions(rule, today: datetime.date) -> QuerySet:
    """Per officer, when they last completed one of the rule's courses online (by the end
    of ``today`` in India), its certificate not revoked: ``user_id``, ``last`` (a moment;
    its India day is the completion's date)."""
    return (
        Enrolment.objects.filter(
            course_id__in=_course_ids(rule),
            completed_at__lt=local_midnight(today + datetime.timedelta(days=1)),
        )
        .exclude(
            _revoked(
                holder=OuterRef("user_id"), course=OuterRef("course_id"), programme__isnull=True
            )
        )
        .order_by()
        .values("user_id")
        .annotate(last=Max("completed_at"))
    )


def role_starts(rule, today: datetime.date) -> QuerySet:
    """Per officer, the day they took up the earliest of the rule's roles held on
    ``today``: ``officer_id``, ``since``."""
    return (
        RoleHeld.objects.filter(kind__in=list(rule.role_kinds), from_date__lte=today)
        .filter(Q(to_date__isnull=True) | Q(to_date__gte=today))
        .order_by()
        .values("officer_id")
        .annotate(since=Min("from_date"))
    )


def rule_officers(rule, *, department_id=None) -> QuerySet:
    """The active officers with a department the rule's designation, level and department
    select (the roles are joined by ``facts``)."""
    officers = User.objects.filter(is_active=True, department__isnull=False)
    if rule.department_id:
        officers = officers.filter(department_id=rule.department_id)
    if department_id is not None:
        officers = officers.filter(department_id=department_id)
    if rule.designation:
        officers = officers.filter(designation__iexact=rule.designation)
    if rule.level:
        officers = officers.filter(level=rule.level)
    return officers.order_by().values("id", "department_id")


# ------------------------------------------------------------------ the state, in SQL
class _Sql:
    """A fragment of SQL and its parameters. The SQL text put together here holds only
    fixed text and SQL the ORM compiled; every value is a parameter (hence the S608
    exemptions below)."""

    def __init__(self, sql: str, *params):
        self.sql, self.params = sql, list(params)

    def __and__(self, other):
        return _Sql(f"({self.sql} AND {other.sql})", *self.params, *other.params)


def _adapt(value):
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


def _trained_after(day) -> _Sql:
    """A counting completion later than ``day`` (None: any completion). An online
    completion's day is later when it was completed from the next India midnight on."""
    if day is None:
        return _Sql("(f.latest_programme IS NOT NULL OR f.latest_online IS NOT NULL)")
    after = local_midnight(day + datetime.timedelta(days=1))
    return _Sql("(f.latest_programme > %s OR f.latest_online >= %s)", _adapt(day), _adapt(after))


def _anchor_by(rule, terms: rules.Terms, day: datetime.date) -> _Sql | None:
    """The officer's clock started on or before ``day`` (None: it cannot have)."""
    since = _Sql("f.since <= %s", _adapt(day))
    if not rule.role_kinds:
        return _Sql("1 = 1") if terms.starts_on <= day else None
    if terms.applies_to_existing:
        return since
    return since if terms.starts_on <= day else None


def state_case(rule, today: datetime.date) -> _Sql:
    """``rules.state_for`` as a CASE over ``f.since``, ``f.latest_programme``,
    ``f.latest_online`` and ``f.exempt`` (the dates it compares with are worked out here,
    once per rule, so no date arithmetic runs per row)."""
    terms = rules.Terms.of(rule)
    window = datetime.timedelta(days=terms.renewal_window_days)
    days = datetime.timedelta(days=terms.due_within_days)
    never_expires = terms.valid_years is None
    valid = _trained_after(None if never_expires else rules.valid_after(terms, today))
    whens = [(_Sql("f.exempt = 1"), C.EXEMPT)]
    if today < terms.starts_on or never_expires:
        whens.append((valid, C.COMPLIANT))
    else:
        whens.append((_trained_after(rules.valid_after(terms, today + window)), C.COMPLIANT))
        in_window = _anchor_by(rule, terms, today + window - days)
        if in_window is not None:
            whens.append((valid & in_window, C.DUE))
        whens.append((valid, C.COMPLIANT))
    if today >= terms.starts_on:
        for condition, state in (
            (_anchor_by(rule, terms, today - days), C.OVERDUE),
            (_anchor_by(rule, terms, today + window - days), C.DUE),
        ):
            if condition is not None:
                whens.append((condition, state))
    sql, params = [], []
    for condition, state in whens:
        sql.append(f"WHEN {condition.sql} THEN %s")
        params += [*condition.params, str(state)]
    return _Sql(f"CASE {' '.join(sql)} ELSE %s END", *params, str(C.NOT_YET_DUE))


def _compiled(queryset) -> _Sql:
    sql, params = queryset.query.sql_with_params()
    return _Sql(sql, *params)


def facts_sql(rule, *, today: datetime.date, department_id=None) -> _Sql:
    """One row per officer the rule covers: ``id``, ``department_id``, ``since``,
    ``latest_programme``, ``latest_online``, ``exempt`` and ``state``. The completions and
    roles are grouped once per officer and joined (hash joins on PostgreSQL), never
    looked up officer by officer."""
    officers = _compiled(rule_officers(rule, department_id=department_id))
    programmes = _compiled(programme_completions(rule, today))
    online = _compiled(online_completions(rule, today))
    exemptions = _compiled(
        Exemption.objects.filter(rule_id=rule.pk).order_by().values("officer_id").distinct()
    )
    parts = [officers]
    if rule.role_kinds:
        roles = _compiled(role_starts(rule, today))
        joins = f"INNER JOIN ({roles.sql}) r ON r.officer_id = u.id"
        since = "r.since"
        parts.append(roles)
    else:
        joins, since = "", "NULL"
    parts += [programmes, online, exemptions]
    inner = _Sql(
        f"SELECT u.id AS id, u.department_id AS department_id, {since} AS since, "  # noqa: S608
        "p.last AS latest_programme, o.last AS latest_online, "
        "CASE WHEN x.officer_id IS NULL THEN 0 ELSE 1 END AS exempt "
        f"FROM ({officers.sql}) u {joins} "
        f"LEFT JOIN ({programmes.sql}) p ON p.officer_id = u.id "
        f"LEFT JOIN ({online.sql}) o ON o.user_id = u.id "
        f"LEFT JOIN ({exemptions.sql}) x ON x.officer_id = u.id",
        *[param for part in parts for param in part.params],
    )
    case = state_case(rule, today)
    return _Sql(
        f"SELECT f.*, {case.sql} AS state FROM ({inner.sql}) f",  # noqa: S608
        *case.params,
        *inner.params,
    )


@dataclass
class Fact:
    """Where one officer stands on one rule, as the database computed it."""

    id: int
    department_id: int
    since: datetime.date | None
    latest_programme: datetime.date | None
    latest_online: datetime.datetime | None
    exempt: bool
    state: str

    @property
    def latest(self) -> datetime.date | None:
        """The officer's latest counting completion (an online one by its India day)."""
        days = [self.latest_programme]
        if self.latest_online is not None:
            days.append(timezone.localtime(self.latest_online).date())
        return max((d for d in days if d is not None), default=None)


def _date(value):
    return datetime.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _moment(value):
    if isinstance(value, str):  # SQLite: naive UTC text
        value = datetime.datetime.fromisoformat(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def facts(
    rule, *, today: datetime.date, department_id=None, state: str = "", officer_ids=None
) -> list[Fact]:
    """Every officer ``rule`` covers on ``today`` (of ``department_id``, or all; only
    ``officer_ids`` if given; in ``state`` if given), in one query. ``rule.course_ids``
    must be set (``rules_in_force``)."""
    query = facts_sql(rule, today=today, department_id=department_id)
    sql, params = f"SELECT s.* FROM ({query.sql}) s WHERE 1 = 1", list(query.params)  # noqa: S608
    if state:
        sql += " AND s.state = %s"
        params.append(state)
    if officer_ids is not None:
        ids = [int(pk) for pk in officer_ids] or [0]
        sql += f" AND s.id IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            Fact(
                id=row[0],
                department_id=row[1],
                since=_date(row[2]),
                latest_programme=_date(row[3]),
                latest_online=_moment(row[4]),
                exempt=bool(row[5]),
                state=row[6],
            )
            for row in cursor.fetchall()
        ]


def state_counts_for(rule, *, today: datetime.date, department_id=None) -> list[tuple]:
    """(department_id, state, officers) for one rule, grouped by the database."""
    query = facts_sql(rule, today=today, department_id=department_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.department_id, s.state, COUNT(*) FROM ({query.sql}) s GROUP BY 1, 2",  # noqa: S608
            query.params,
        )
        return cursor.fetchall()


# ------------------------------------------------------------------ pages
@dataclass
class Row:
    """One officer on one rule, with the dates ``rules.state_for`` gives for the row."""

    rule: TrainingRule
    officer: User
    state: str
    since: datetime.date | None
    latest: datetime.date | None
    standing: rules.Standing

    @property
    def state_label(self) -> str:
        return C(self.state).label

    @property
    def needs_training(self) -> bool:
        return self.state in (C.DUE, C.OVERDUE)


def department_rows(
    *, department_id, today: datetime.date, rule_id=None, state: str = "", rules_list=None
) -> list[Row]:
    """Every officer of the department on every rule in force for it (or on ``rule_id``),
    in ``state`` if given, who needs training first: one query per rule and one for the
    officers (plus two for the rules when not given)."""
    found = rules_list if rules_list is not None else rules_in_force(department_id=department_id)
    found = [rule for rule in found if rule_id is None or rule.pk == rule_id]
    per_rule = [
        (rule, facts(rule, today=today, department_id=department_id, state=state)) for rule in found
    ]
    ids = {fact.id for _rule, found_facts in per_rule for fact in found_facts}
    officers = User.objects.filter(pk__in=ids).select_related("office").in_bulk()
    rows = []
    for rule, found_facts in per_rule:
        terms = rules.Terms.of(rule)
        for fact in found_facts:
            rows.append(
                Row(
                    rule=rule,
                    officer=officers[fact.id],
                    state=fact.state,
                    since=fact.since,
                    latest=fact.latest,
                    standing=rules.state_for(
                        terms=terms,
                        today=today,
                        since=fact.since,
                        latest=fact.latest,
                        exempt=fact.exempt,
                    ),
                )
            )
    rows.sort(
        key=lambda row: (
            STATE_ORDER.index(row.state),
            row.officer.first_name,
            row.officer.last_name,
            row.officer.pk,
            row.rule.name,
        )
    )
    return rows


def state_counts(
    *, today: datetime.date, department_id=None, rules_list=None
) -> dict[tuple[int, int], dict[str, int]]:
    """{(department_id, rule_id): {state: officers}} for the state (or one department):
    one grouped query per rule."""
    found = rules_list if rules_list is not None else rules_in_force(department_id=department_id)
    counts: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: dict.fromkeys(C, 0))
    for rule in found:
        for department, state, n in state_counts_for(
            rule, today=today, department_id=department_id
        ):
            counts[(department, rule.pk)][state] = n
    return dict(counts)


def totals(counts: dict, *, by: int) -> dict[int, dict[str, int]]:
    """Sum ``state_counts`` by department (``by=0``) or by rule (``by=1``), with ``total``."""
    summed: dict[int, dict[str, int]] = defaultdict(lambda: {**dict.fromkeys(C, 0), "total": 0})
    for key, states in counts.items():
        for state, n in states.items():
            summed[key[by]][state] += n
            summed[key[by]]["total"] += n
    return dict(summed)


def roles_of(*, officer_ids) -> dict[int, list[RoleHeld]]:
    """The roles each officer holds or held, newest first (one query)."""
    held = defaultdict(list)
    roles = RoleHeld.objects.filter(officer_id__in=officer_ids).select_related("set_by")
    for role in roles.order_by("-from_date", "pk"):
        held[role.officer_id].append(role)
    return dict(held)


# ------------------------------------------------------------------ over time
@dataclass
class TrendMonth:
    """The state-wide counts of one month's snapshot (as of its last day)."""

    month: datetime.date
    counts: dict[str, int] | None  # None: no snapshot taken for the month

    @property
    def total(self) -> int:
        return sum(self.counts.values()) if self.counts else 0

    @property
    def compliant_percent(self) -> int | None:
        """Compliant officers as a whole percentage of those covered (None: none)."""
        if not self.total:
            return None
        return round(100 * self.counts[C.COMPLIANT] / self.total)


def monthly_trend(*, today: datetime.date, count: int = 12, rule_id=None) -> list[TrendMonth]:
    """The ``count`` months before ``today``'s, oldest first, each with the state-wide
    counts its snapshot holds (all rules, or ``rule_id``): one grouped query."""
    wanted = months.months_before(today, count)
    found = ComplianceSnapshot.objects.filter(month__in=wanted)
    if rule_id is not None:
        found = found.filter(rule_id=rule_id)
    sums = {
        row.pop("month"): row
        for row in found.order_by()
        .values("month")
        .annotate(**{state: Sum(F(state)) for state in C.values})
    }
    return [
        TrendMonth(month=month, counts={C(k): v for k, v in sums[month].items()})
        if month in sums
        else TrendMonth(month=month, counts=None)
        for month in wanted
    ]


def officers_required(*, today: datetime.date, by_department: bool = False) -> dict:
    """Officers covered on ``today`` by at least one rule in force (an officer exempt from
    every rule that covers them is not), how many of them were compliant on every
    rule that covers them (exemptions aside) and how many overdue on at least one:
    ``{"required", "compliant", "overdue"}``, or ``{department_id: {...}}`` with
    ``by_department``. Three queries, whatever the number of officers and rules."""
    found = rules_in_force(on=today)
    empty = {"required": 0, "compliant": 0, "overdue": 0}
    if not found:
        return {} if by_department else empty
    parts = [facts_sql(rule, today=today) for rule in found]
    union = " UNION ALL ".join(
        f"SELECT s.id, s.department_id, s.state FROM ({p.sql}) s"  # noqa: S608
        for p in parts
    )
    params = [param for part in parts for param in part.params]
    per_officer = (
        "SELECT u.id, MIN(u.department_id) AS department_id, "  # noqa: S608
        "MIN(CASE WHEN u.state = %s THEN 1 ELSE 0 END) AS ok, "
        "MAX(CASE WHEN u.state = %s THEN 1 ELSE 0 END) AS late "
        f"FROM ({union}) u WHERE u.state <> %s GROUP BY u.id"
    )
    key = "o.department_id" if by_department else "0"
    sql = f"SELECT {key}, COUNT(*), SUM(o.ok), SUM(o.late) FROM ({per_officer}) o GROUP BY 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [str(C.COMPLIANT), str(C.OVERDUE), *params, str(C.EXEMPT)])
        rows = {
            key: {"required": n, "compliant": int(ok or 0), "overdue": int(late or 0)}
            for key, n, ok, late in cursor.fetchall()
        }
    return rows if by_department else rows.get(0, empty)
