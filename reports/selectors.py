"""Report figures, computed by the database (aggregates), never by looping in Python.

A programme counts in the financial year of its end date once completed; a participant is
one completion record (a nomination in state "attended"); unique officers are counted too."""

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_noop

from assessments import selectors as assessment_selectors
from certificates.enums import CertificateStatus
from certificates.models import Certificate
from compliance import selectors as compliance_selectors
from courses.enums import ProgrammeMode, ProgrammeStatus
from courses.models import Programme
from lms.accounts.models import User
from lms.core.enums import Gender, Level
from lms.core.fy import financial_year_bounds, financial_year_start
from lms.core.languages import showing_hindi
from lms.departments.models import Department
from nominations.enums import NominationState
from nominations.models import Nomination

from .enums import YearCounting as C
from .models import AnnualTarget, HistoricalFigure


def fy_start(date_field: str):
    """The FY's first calendar year for a date column: April-December -> year, else year - 1."""
    return Case(
        When(**{f"{date_field}__month__gte": 4}, then=ExtractYear(date_field)),
        default=ExtractYear(date_field) - Value(1),
        output_field=IntegerField(),
    )


def label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def completed_programmes():
    return Programme.objects.filter(status=ProgrammeStatus.COMPLETED)


def completions():
    return Nomination.objects.filter(
        state=NominationState.ATTENDED, programme__status=ProgrammeStatus.COMPLETED
    )


def yearly_table() -> dict:
    """The DARPG year-wise table: one row per FY that has programmes recorded here or
    imported figures, and a TOTAL computed from the rows (three queries, any number of years).

    A year with both shows both (``imported_figures``, ``computed_figures``) and counts
    what the cell chose (``counting``: imported by default, computed, or both added). Unique
    officers are known only where the counted figures are computed; the TOTAL counts them
    over those years and says how many (``unique_years`` of ``years``)."""
    programmes = {
        row["fy"]: row["n"]
        for row in completed_programmes()
        .annotate(fy=fy_start("ends_on"))
        .values("fy")
        .annotate(n=Count("pk"))
        .order_by()
    }
    people = {
        row["fy"]: row
        for row in completions()
        .annotate(fy=fy_start("programme__ends_on"))
        .values("fy")
        .annotate(participants=Count("pk"), officers=Count("officer", distinct=True))
        .order_by()
    }
    computed = {
        label(start): {
            "start": start,
            "programmes": programmes.get(start, 0),
            "participants": people.get(start, {}).get("participants", 0),
            "unique_officers": people.get(start, {}).get("officers", 0),
        }
        for start in set(programmes) | set(people)
    }
    imported = {figure.financial_year: figure for figure in HistoricalFigure.objects.all()}
    ordered = [
        _year_row(year, computed.get(year), imported.get(year))
        for year in sorted(set(computed) | set(imported))
    ]
    known = [computed[row["year"]]["start"] for row in ordered if row["counting"] == C.COMPUTED]
    unique = None
    if known:
        records = completions()
        if len(known) < len(computed):
            records = records.annotate(fy=fy_start("programme__ends_on")).filter(fy__in=known)
        unique = records.values("officer").distinct().count()
    total = {
        "year": "TOTAL",
        "programmes": sum(r["programmes"] for r in ordered),
        "participants": sum(r["participants"] for r in ordered),
        "unique_officers": unique,
        "unique_years": len(known),
        "years": len(ordered),
        "imported": False,
    }
    return {"rows": ordered, "total": total}


# DARPG's Sevottam framework dates from 2006: no cell reports on an earlier year unless it
# imported figures for one.
FIRST_REPORT_YEAR = "2006-07"


def year_range(table: dict) -> tuple[str, str]:
    """The financial years a report may be asked for: from 2006-07 (or the first year with
    figures, if earlier) to next year (programmes are planned ahead)."""
    today = financial_year_start(timezone.localdate())
    first = min([row["year"] for row in table["rows"]] + [FIRST_REPORT_YEAR])
    return first, label(today + 1)


def _year_row(year: str, computed: dict | None, figure: HistoricalFigure | None) -> dict:
    imported = (
        {"programmes": figure.programmes, "participants": figure.participants} if figure else None
    )
    counting = C.COMPUTED if computed else C.IMPORTED
    if computed and figure:
        counting = figure.counting
    counted = {
        C.COMPUTED: [computed],
        C.IMPORTED: [imported],
        C.BOTH: [computed, imported],
    }[counting]
    return {
        "year": year,
        "programmes": sum(part["programmes"] for part in counted),
        "participants": sum(part["participants"] for part in counted),
        "unique_officers": computed["unique_officers"] if counting == C.COMPUTED else None,
        "counting": counting,
        # The counted figures include imported ones (charts hatch these bars).
        "imported": counting != C.COMPUTED,
        "overlap": bool(computed and figure),
        "imported_figures": imported,
        "imported_source": figure.source if figure else "",
        "computed_figures": computed,
    }


# Titles in English (the CSV/XLSX column and the bilingual PDF); pages show gettext(title).
# Every breakdown reads what the participation record stored at the time of training (the
# nominating department, the officer's level and gender then: ``OfficerFacts``), never the
# officer's particulars today, so a transfer or promotion does not move a past year.
BREAKDOWNS = {
    "department": ("department__name", gettext_noop("Department")),
    "level": ("officer_level", gettext_noop("Level")),
    "gender": ("officer_gender", gettext_noop("Gender")),
    "mode": ("programme__mode", gettext_noop("Mode")),
    "topic": ("programme__course__topic__name", gettext_noop("Topic")),
    "month": ("month", gettext_noop("Month")),
}
# The Hindi name beside a named key: a Hindi page shows it where one was entered.
HINDI_KEYS = {"department": "department__name_hi", "topic": "programme__course__topic__name_hi"}


def fy_completions(fy: str):
    first, last = financial_year_bounds(fy)
    return completions().filter(programme__ends_on__gte=first, programme__ends_on__lte=last)


def breakdown(fy: str, by: str) -> list[dict]:
    """Participants and unique officers in ``fy`` grouped by one dimension (one query).

    Rows carry the stored ``key`` and a display ``label``; months come in financial-year order
    (April first), everything else by participants, most first."""
    field, _title = BREAKDOWNS[by]
    records = fy_completions(fy)
    if by == "month":
        records = records.annotate(month=ExtractMonth("programme__ends_on"))
    names = {"key_hi": F(HINDI_KEYS[by])} if by in HINDI_KEYS else {}
    rows = list(
        records.values(key=F(field), **names)
        .annotate(participants=Count("pk"), officers=Count("officer", distinct=True))
        .order_by("-participants", "key")
    )
    if by == "month":
        rows.sort(key=lambda row: (row["key"] - 4) % 12)
    hindi = showing_hindi()
    for row in rows:
        row["label"] = (hindi and row.get("key_hi")) or _key_label(fy, by, row["key"])
    return rows


_CHOICES = {"level": Level, "gender": Gender, "mode": ProgrammeMode}


def _key_label(fy: str, by: str, key) -> str:
    if key is None or key == "":
        return "—"
    if by == "month":
        start = int(fy[:4])
        return date_format(datetime.date(start if key >= 4 else start + 1, key, 1), "M Y")
    if by in _CHOICES:
        try:
            return str(_CHOICES[by](key).label)
        except ValueError:
            return str(key)
    return str(key)


def fy_summary(fy: str) -> dict:
    first, last = financial_year_bounds(fy)
    programmes = completed_programmes().filter(ends_on__gte=first, ends_on__lte=last)
    planned = Programme.objects.filter(ends_on__gte=first, ends_on__lte=last).exclude(
        status__in=(ProgrammeStatus.CANCELLED, ProgrammeStatus.COMPLETED)
    )
    people = fy_completions(fy).aggregate(
        participants=Count("pk"), officers=Count("officer", distinct=True)
    )
    outcomes = Nomination.objects.filter(
        programme__in=programmes, state__in=(NominationState.ATTENDED, NominationState.NO_SHOW)
    ).aggregate(
        attended=Count("pk", filter=Q(state=NominationState.ATTENDED)),
        no_show=Count("pk", filter=Q(state=NominationState.NO_SHOW)),
    )
    decided = outcomes["attended"] + outcomes["no_show"]
    return {
        "fy": fy,
        "programmes": programmes.count(),
        "planned": planned.count(),
        **people,
        "no_show_rate": round(100 * outcomes["no_show"] / decided, 1) if decided else 0.0,
        "pending_nominations": Nomination.objects.filter(
            state__in=(NominationState.SUBMITTED, NominationState.WAITLISTED)
        ).count(),
        "certificates_issued": _certificates_in(first, last),
        "target": AnnualTarget.objects.filter(financial_year=fy).first(),
        **trained_against_required(fy),
    }


def required_on(fy: str) -> datetime.date:
    """The day the FY's "trained against required" is counted on: its last day, or today
    while the year is still running."""
    return min(financial_year_bounds(fy)[1], timezone.localdate())


def trained_against_required(fy: str) -> dict:
    """Trained against required (the mandatory training rules): officers covered by a rule
    in force on the FY's last day (or today, the year running), exemptions aside, and how
    many of them were compliant on every rule that covers them, and overdue on one
    (``compliance.selectors.officers_required``: three queries, whatever the numbers)."""
    day = required_on(fy)
    figures = compliance_selectors.officers_required(today=day)
    return {
        "required_on": day,
        "required_officers": figures["required"],
        "required_compliant": figures["compliant"],
        "required_overdue": figures["overdue"],
        "required_compliant_percent": (
            round(100 * figures["compliant"] / figures["required"], 1)
            if figures["required"]
            else 0.0
        ),
    }


def _certificates_in(first, last) -> int:
    return Certificate.objects.filter(
        issued_on__gte=first, issued_on__lte=last, status=CertificateStatus.VALID
    ).count()


def assessment_figures(programme_ids: list[int]) -> tuple[dict, dict]:
    """The assessments app's figures for the programmes: ({programme_id: average feedback},
    {programme_id: learning gain}), one query each for all of them (none for no programme)."""
    if not programme_ids:
        return {}, {}
    ids = list(programme_ids)
    return (
        dict(assessment_selectors.average_feedback_by_programme(ids) or {}),
        dict(assessment_selectors.learning_gain_by_programme(ids) or {}),
    )


def _gain(figure) -> dict:
    """A programme's learning-gain figure as pre, post, gain and n (None where absent).

    Accepts what the assessments app gives: an object or a mapping with ``pre_mean`` (or
    ``pre``), ``post_mean`` (or ``post``), ``gain`` and ``n``, or a bare number (the gain).
    Nobody compared (n = 0) counts as no figure."""
    empty = {"pre": None, "post": None, "gain": None, "n": None}
    if figure is None:
        return empty
    if isinstance(figure, int | float | Decimal):
        return {**empty, "gain": figure}
    if isinstance(figure, Mapping):
        get = figure.get
    else:

        def get(name):
            return getattr(figure, name, None)

    first = lambda *names: next((v for v in map(get, names) if v is not None), None)  # noqa: E731
    n = get("n")
    if n == 0:
        return empty
    return {
        "pre": first("pre_mean", "pre"),
        "post": first("post_mean", "post"),
        "gain": get("gain"),
        "n": n,
    }


def programme_list(fy: str) -> list[dict]:
    """The FY's completed programmes, by first day: dates, number, title, mode and venue,
    participants (completion records) and, where the assessments app has them, the average
    feedback score and the learning gain (pre/post tests). One query here, plus one call to
    each assessments function for all the programmes: the count never grows with the list."""
    first, last = financial_year_bounds(fy)
    rows = list(
        completed_programmes()
        .filter(ends_on__gte=first, ends_on__lte=last)
        .annotate(
            participants=Count("nominations", filter=Q(nominations__state=NominationState.ATTENDED))
        )
        .order_by("starts_on", "ends_on", "pk")
        .values("pk", "code", "title", "starts_on", "ends_on", "mode", "venue", "participants")
    )
    ids = [row["pk"] for row in rows]
    feedback, gains = assessment_figures(ids)
    for row in rows:
        row["mode_label"] = _key_label(fy, "mode", row["mode"])
        row["feedback"] = feedback.get(row["pk"])
        row["learning"] = _gain(gains.get(row["pk"]))
    return rows


def department_coverage(fy: str) -> list[dict]:
    """Per department: officers nominated and officers trained in the FY (one query), and,
    as separate figures, trained against required on the FY's last day (``required``,
    ``compliant``: the mandatory training rules; three queries more)."""
    first, last = financial_year_bounds(fy)
    in_fy = Q(nominations__programme__ends_on__gte=first, nominations__programme__ends_on__lte=last)
    required = compliance_selectors.officers_required(today=required_on(fy), by_department=True)
    rows = list(
        Department.objects.filter(is_active=True)
        .annotate(
            nominated=Count("nominations__officer", filter=in_fy, distinct=True),
            trained=Count(
                "nominations__officer",
                filter=in_fy
                & Q(
                    nominations__state=NominationState.ATTENDED,
                    nominations__programme__status=ProgrammeStatus.COMPLETED,
                ),
                distinct=True,
            ),
        )
        .values("pk", "name", "name_hi", "nominated", "trained")
        .order_by("-trained", "name")
    )
    for row in rows:
        figures = required.get(row["pk"], {})
        row["required"] = figures.get("required", 0)
        row["compliant"] = figures.get("compliant", 0)
    return rows


def department_dashboard(department_id) -> dict:
    """An HOD's view: officers trained by year and level, pending nominations, and the
    officers never trained."""
    trained = (
        completions()
        .filter(department_id=department_id)
        .annotate(fy=fy_start("programme__ends_on"))
        .values("fy", "officer_level")
        .annotate(officers=Count("officer", distinct=True))
        .order_by("fy", "officer_level")
    )
    pending = Nomination.objects.filter(
        department_id=department_id,
        state__in=(NominationState.SUBMITTED, NominationState.WAITLISTED, NominationState.APPROVED),
    ).count()
    never = (
        User.objects.filter(department_id=department_id, is_active=True)
        .exclude(nominations__state=NominationState.ATTENDED)
        .order_by("first_name", "last_name")
    )
    return {
        "trained": [
            {
                "year": label(r["fy"]),
                "level": r["officer_level"],
                "level_label": _key_label(label(r["fy"]), "level", r["officer_level"]),
                "officers": r["officers"],
            }
            for r in trained
        ],
        "pending": pending,
        "never_trained": never,
    }
