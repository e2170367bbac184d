"""Writes for reports: historical figures (typed, pasted or imported) and annual targets."""

import re
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from lms.core.errors import DomainError
from lms.core.fy import financial_year_bounds
from lms.core.services import record_audit

from .enums import YearCounting
from .models import AnnualTarget, HistoricalFigure

ROW = re.compile(r"^\s*(\d{4}-\d{2})\s+([\d,]+)\s+([\d,]+)\s*$")

#: The year-wise table of programmes and participants printed in the HIPA Sevottam Cell
#: brochure (2024), shipped with the product; the file's header states its source.
HIPA_YEAR_TABLE = Path(__file__).resolve().parent / "data" / "hipa_sevottam_2013-14_to_2023-24.txt"
HIPA_YEAR_TABLE_SOURCE = (
    "HIPA Sevottam Cell brochure, Haryana Training Department letter "
    "No. 46/1/2024-5Trg. of 07.08.2024"
)


class ReportError(DomainError):
    """Figures that cannot be accepted; the message names the line."""


def parse_year_table(text: str) -> list[tuple[str, int, int]]:
    """Rows "2013-14  5  78" from a pasted or extracted year-wise table. Header lines and
    any TOTAL line are ignored: totals are always computed, never copied."""
    rows, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.upper().startswith("TOTAL"):
            continue
        match = ROW.match(line)
        if not match:
            continue
        year, programmes, participants = match.groups()
        try:
            financial_year_bounds(year)
        except ValueError as exc:
            raise ReportError(
                _("Line %(n)d: %(year)s is not a financial year.") % {"n": number, "year": year}
            ) from exc
        if year in seen:
            raise ReportError(
                _("Line %(n)d: %(year)s appears twice.") % {"n": number, "year": year}
            )
        seen.add(year)
        rows.append((year, int(programmes.replace(",", "")), int(participants.replace(",", ""))))
    if not rows:
        raise ReportError(_("No year rows found (expected lines such as: 2013-14  5  78)."))
    return rows


@transaction.atomic
def import_historical(*, rows, actor=None, source: str = "") -> list[HistoricalFigure]:
    saved = []
    for year, programmes, participants in rows:
        figure, _created = HistoricalFigure.objects.update_or_create(
            financial_year=year,
            defaults={
                "programmes": programmes,
                "participants": participants,
                "source": source[:200],
                "entered_by": actor,
            },
        )
        saved.append(figure)
    record_audit(
        actor=actor,
        action="reports.historical_imported",
        note=source,
        data={"years": [row[0] for row in rows]},
    )
    return saved


@transaction.atomic
def set_year_counting(*, financial_year: str, counting: str, actor) -> HistoricalFigure:
    """The cell's choice, for a year with imported figures, of what the year-wise table
    counts there: the imported figures, the programmes recorded here, or both added.
    Audited with the choice before and after."""
    if counting not in YearCounting.values:
        raise ReportError(_("Choose imported, recorded here, or both."))
    figure = HistoricalFigure.objects.select_for_update().filter(financial_year=financial_year)
    figure = figure.first()
    if figure is None:
        raise ReportError(
            _("%(fy)s has no imported figures to choose between.") % {"fy": financial_year}
        )
    before = figure.counting
    if before == counting:
        return figure
    figure.counting = counting
    figure.save(update_fields=["counting", "entered_at"])
    record_audit(
        actor=actor,
        action="reports.year_counting",
        obj=figure,
        from_state=before,
        to_state=counting,
        note=financial_year,
    )
    return figure


@transaction.atomic
def set_target(*, financial_year: str, programmes: int, officers: int, actor=None) -> AnnualTarget:
    financial_year_bounds(financial_year)
    target, _created = AnnualTarget.objects.update_or_create(
        financial_year=financial_year, defaults={"programmes": programmes, "officers": officers}
    )
    record_audit(actor=actor, action="reports.target_set", obj=target)
    return target
