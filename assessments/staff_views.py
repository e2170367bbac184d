"""Staff pages about assessments: the analytics of one assessment (score distribution,
pass rate, item analysis) for trainers, course directors and cell administrators."""

from django.shortcuts import get_object_or_404, render

from lms.core.decorators import role_required
from lms.core.roles import is_staff_author

from . import analytics, selectors
from .models import Assessment

CHART_HEIGHT = 160  # the tallest bar
CHART_TOP = 16  # room for the count above the tallest bar
CHART_BOTTOM = 20  # room for the band labels
BAR_WIDTH = 36
BAR_GAP = 8


def chart_bars(distribution) -> list[dict]:
    """Geometry of the inline-SVG bar chart (the table beside it carries the figures)."""
    top = max((band.count for band in distribution), default=0) or 1
    bars = []
    for index, band in enumerate(distribution):
        height = round(CHART_HEIGHT * band.count / top)
        bars.append(
            {
                "band": band,
                "x": index * (BAR_WIDTH + BAR_GAP),
                "y": CHART_TOP + CHART_HEIGHT - height,
                "height": height,
                "label_x": index * (BAR_WIDTH + BAR_GAP) + BAR_WIDTH // 2,
            }
        )
    return bars


@role_required(is_staff_author)
def assessment_analytics(request, assessment_id):
    assessment = get_object_or_404(Assessment.objects.select_related("course"), pk=assessment_id)
    first_only = request.GET.get("attempts") != "all"
    report = selectors.assessment_analytics(assessment, first_only=first_only)
    bars = chart_bars(report.distribution)
    return render(
        request,
        "assessments/analytics/assessment.html",
        {
            "assessment": assessment,
            "report": report,
            "first_only": first_only,
            "bars": bars,
            "chart": {
                "width": len(bars) * (BAR_WIDTH + BAR_GAP),
                "height": CHART_TOP + CHART_HEIGHT + CHART_BOTTOM,
                "bar_width": BAR_WIDTH,
                "base": CHART_TOP + CHART_HEIGHT,
            },
            "thresholds": {
                "low_facility": analytics.LOW_FACILITY,
                "high_facility": analytics.HIGH_FACILITY,
                "low_discrimination": analytics.LOW_DISCRIMINATION,
            },
        },
    )
