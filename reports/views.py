"""The cell's reports: the DARPG year-wise table, a financial year's breakdowns, downloads."""

import pandas as pd
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.decorators import role_required
from lms.core.fy import financial_year_bounds, financial_year_label
from lms.core.roles import is_cell_admin, is_hod

from . import exports, selectors, services

cell_required = role_required(is_cell_admin)


def _chosen_fy(request) -> str:
    fy = request.GET.get("fy", "")
    try:
        financial_year_bounds(fy)
        return fy
    except ValueError:
        return financial_year_label(timezone.localdate())


@cell_required
def index(request):
    fy = _chosen_fy(request)
    table = selectors.yearly_table()
    fmt = request.GET.get("format")
    wanted = request.GET.get("table", "yearly")
    if fmt == "pdf":
        from django.http import HttpResponse

        from lms.core.pdf import font_face_css, render_pdf

        html = render(
            request,
            "reports/pdf.html",
            {
                "fy": fy,
                "table": table,
                "summary": selectors.fy_summary(fy),
                "fonts": font_face_css(),
                "breakdowns": [
                    (t, selectors.breakdown(fy, k)) for k, (_f, t) in selectors.BREAKDOWNS.items()
                ],
            },
        ).content.decode()
        response = HttpResponse(render_pdf(html), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="sevottam-report-{fy}.pdf"'
        return response
    if fmt in ("csv", "xlsx"):
        if wanted in selectors.BREAKDOWNS:
            title = selectors.BREAKDOWNS[wanted][1]
            rows = selectors.breakdown(fy, wanted)
            frame = pd.DataFrame(
                {
                    title: [r["key"] for r in rows],
                    "Participants": [r["participants"] for r in rows],
                    "Unique officers": [r["officers"] for r in rows],
                }
            )
            return exports.download(frame, filename=f"sevottam-{fy}-by-{wanted}", fmt=fmt)
        return exports.download(exports.yearly_frame(table), filename="sevottam-year-wise", fmt=fmt)
    breakdowns = [
        (key, title, selectors.breakdown(fy, key))
        for key, (_field, title) in selectors.BREAKDOWNS.items()
    ]
    top = max((row["participants"] for row in table["rows"]), default=0)
    return render(
        request,
        "reports/index.html",
        {
            "fy": fy,
            "table": table,
            "summary": selectors.fy_summary(fy),
            "breakdowns": breakdowns,
            "programmes": selectors.programme_list(fy),
            "bar_max": top or 1,
            "years": [row["year"] for row in table["rows"]] or [fy],
            "coverage": selectors.department_coverage(fy),
        },
    )


@role_required(is_hod)
def department(request):
    from django.core.paginator import Paginator

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
