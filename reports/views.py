"""The cell's reports: the DARPG year-wise table, a financial year's breakdowns, downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.core.decorators import role_required
from lms.core.downloads import attachment
from lms.core.fy import financial_year_label, parse_financial_year
from lms.core.numbers import format_indian
from lms.core.pdf import render_pdf, table_flowable
from lms.core.roles import is_cell_admin, is_hod

from . import charts, darpg, exports, selectors, services
from .enums import YearCounting

cell_required = role_required(is_cell_admin)


def _chosen_fy(request, table: dict) -> tuple[str | None, str]:
    """(the financial year asked for, "") or (None, why it cannot be shown). Without ``fy``
    the current year; Indian digits are read as digits; a year outside the report's range
    (the first year with figures, or this year, to next year) is refused."""
    current = financial_year_label(timezone.localdate())
    raw = request.GET.get("fy")
    if raw is None:
        return current, ""
    try:
        fy = parse_financial_year(raw)
    except ValueError:
        return None, _("“%(value)s” is not a financial year: write it as 2024-25.") % {
            "value": raw[:20]
        }
    first, last = selectors.year_range(table)
    if not first <= fy <= last:
        return None, _(
            "%(fy)s is outside the years this report covers (%(first)s to %(last)s)."
        ) % {
            "fy": fy,
            "first": first,
            "last": last,
        }
    return fy, ""


# Hindi headings for the PDF (the page itself follows the chosen language).
BREAKDOWN_HINDI = {
    "department": "विभागवार",
    "level": "स्तरवार",
    "gender": "लिंग के अनुसार",
    "mode": "प्रशिक्षण माध्यम के अनुसार",
    "topic": "विषयवार",
    "month": "माहवार",
}


def _description(items: list[charts.Item], *, extra: str = "") -> str:
    """A chart's text alternative in brief; the table with it carries every figure."""
    if not items:
        return _("No figures yet.")
    highest = max(items, key=lambda item: item.value)
    text = _("%(count)s bars. Highest: %(label)s, %(value)s.") % {
        "count": format_indian(len(items)),
        "label": highest.label,
        "value": format_indian(highest.value),
    }
    return " ".join(
        part for part in (text, extra, _("The table with the chart lists every figure.")) if part
    )


def _year_charts(table: dict) -> list[charts.Chart]:
    rows = table["rows"]
    extra = ""
    if rows:
        extra = _("Financial years %(first)s to %(last)s.") % {
            "first": rows[0]["year"],
            "last": rows[-1]["year"],
        }
    if any(row["imported"] for row in rows):
        extra += " " + _("Hatched bars are past years' figures imported from earlier records.")
    result = []
    for key, title in (
        ("programmes", _("Programmes conducted per financial year")),
        ("participants", _("Participants per financial year")),
    ):
        items = [charts.Item(row["year"], row[key], row["imported"]) for row in rows]
        result.append(
            charts.column_chart(
                items,
                key=f"chart-year-{key}",
                title=title,
                description=_description(items, extra=extra),
            )
        )
    return result


def _breakdown_rows(fy: str) -> list[dict]:
    """The FY's breakdowns for the PDF: title, Hindi title and rows (no charts)."""
    return [
        {
            "key": key,
            "title": title,
            "hindi": BREAKDOWN_HINDI[key],
            "rows": selectors.breakdown(fy, key),
        }
        for key, (_field, title) in selectors.BREAKDOWNS.items()
    ]


def _breakdowns(fy: str) -> list[dict]:
    result = []
    for key, (_field, title) in selectors.BREAKDOWNS.items():
        rows = selectors.breakdown(fy, key)
        items = [charts.Item(str(row["label"]), row["participants"]) for row in rows]
        result.append(
            {
                "key": key,
                "title": title,
                "label": _(title),
                "hindi": BREAKDOWN_HINDI[key],
                "rows": rows,
                "chart": charts.bar_chart(
                    items,
                    key=f"chart-by-{key}",
                    title=_("Participants in %(fy)s by %(title)s")
                    % {"fy": fy, "title": _(title).lower()},
                    description=_description(items),
                ),
            }
        )
    return result


# The PDF's programme list (bilingual, like the rest of the PDF): heading, width, numeric.
# Widths fit "01/04/2026 – 02/04/2026" on one line and each heading's longest word.
PROGRAMME_COLUMNS = (
    ("Dates / तिथियाँ", "20%", False),
    ("Number / क्रमांक", "15%", False),
    ("Title / शीर्षक", "21%", False),
    ("Venue, mode / स्थान, माध्यम", "15%", False),
    ("Participants / प्रतिभागी", "11%", True),
    ("Feedback / प्रतिपुष्टि", "9%", True),
    ("Learning gain / अधिगम लाभ", "9%", True),
)


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _programme_table(programmes: list[dict]):
    """The FY's programme list as one reportlab table (``lms.core.pdf.table_flowable``):
    an HTML table of N programmes cost xhtml2pdf ~5 ms a row, most of the PDF's time."""
    rows = [
        (
            f"{_date(p['starts_on'])} – {_date(p['ends_on'])}",
            p["code"] or "—",
            p["title"],
            f"{p['venue']}, {p['mode_label']}" if p["venue"] else str(p["mode_label"]),
            format_indian(p["participants"]),
            format_indian(p["feedback"], 2) or "—",
            format_indian(p["learning"]["gain"], 2) or "—",
        )
        for p in programmes
    ]
    return table_flowable(
        [heading for heading, _width, _numeric in PROGRAMME_COLUMNS],
        rows,
        widths=[width for _heading, width, _numeric in PROGRAMME_COLUMNS],
        numeric={n for n, (_h, _w, numeric) in enumerate(PROGRAMME_COLUMNS) if numeric},
        single_line={0},
    )


def _pdf(request, fy: str, table: dict) -> HttpResponse:
    programmes = selectors.programme_list(fy)
    html = render(
        request,
        "reports/pdf.html",
        {
            "fy": fy,
            "table": table,
            "summary": selectors.fy_summary(fy),
            "breakdowns": _breakdown_rows(fy),
            "programmes": programmes,
        },
    ).content.decode()
    pdf = render_pdf(html, flowables={"programmes": _programme_table(programmes)})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = attachment(f"sevottam-report-{fy}.pdf")
    return response


@cell_required
def index(request):
    table = selectors.yearly_table()
    fy, problem = _chosen_fy(request, table)
    fmt = request.GET.get("format")
    wanted = request.GET.get("table", "yearly")
    if problem:
        if fmt:
            return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
        years = [row["year"] for row in table["rows"]]
        return render(
            request, "reports/bad_year.html", {"problem": problem, "years": years}, status=400
        )
    if wanted == "darpg" and fmt in ("pdf", "xlsx"):
        return getattr(darpg, fmt)(table, filename="darpg-year-wise")
    if fmt == "pdf":
        return _pdf(request, fy, table)
    if fmt in ("csv", "xlsx"):
        if wanted in selectors.BREAKDOWNS:
            frame = exports.breakdown_frame(
                selectors.breakdown(fy, wanted), selectors.BREAKDOWNS[wanted][1]
            )
            return exports.download(frame, filename=f"sevottam-{fy}-by-{wanted}", fmt=fmt)
        if wanted == "programmes":
            frame = exports.programmes_frame(selectors.programme_list(fy))
            return exports.download(frame, filename=f"sevottam-{fy}-programmes", fmt=fmt)
        return exports.download(exports.yearly_frame(table), filename="sevottam-year-wise", fmt=fmt)
    return render(
        request,
        "reports/index.html",
        {
            "fy": fy,
            "table": table,
            "year_charts": _year_charts(table),
            "summary": selectors.fy_summary(fy),
            "breakdowns": _breakdowns(fy),
            "programmes": selectors.programme_list(fy),
            "coverage": selectors.department_coverage(fy),
            "counting_choices": YearCounting.choices,
        },
    )


@role_required(is_hod)
def department(request):
    data = selectors.department_dashboard(request.user.department_id)
    page = Paginator(data["never_trained"], 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/department.html",
        {**data, "page": page, "department": request.user.department},
    )


@cell_required
def import_figures(request):
    if request.method == "POST":
        try:
            rows = services.parse_year_table(request.POST.get("table", ""))
            services.import_historical(
                rows=rows, actor=request.user, source=request.POST.get("source", "")[:200]
            )
        except services.ReportError as error:
            messages.error(request, str(error))
            return render(
                request,
                "reports/import.html",
                {"table": request.POST.get("table", ""), "source": request.POST.get("source", "")},
            )
        messages.success(request, _("%(n)d years imported.") % {"n": len(rows)})
        return redirect("reports:index")
    return render(request, "reports/import.html", {})


@cell_required
@require_POST
def year_counting(request, fy):
    """The cell's choice of what a year with both imported and recorded figures counts."""
    try:
        figure = services.set_year_counting(
            financial_year=fy, counting=request.POST.get("counting", ""), actor=request.user
        )
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(fy)s now counts: %(choice)s.")
            % {"fy": figure.financial_year, "choice": figure.get_counting_display()},
        )
    return redirect(f"{reverse('reports:index')}#year-{fy}")
