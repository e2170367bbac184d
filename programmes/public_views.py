"""The public programme calendar and its iCal feeds. Draft and cancelled programmes (and
completed ones) are not public: their pages are 404."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from courses.enums import ProgrammeStatus
from lms.core.downloads import attachment

from . import ical, selectors

PAGE_SIZE = 20


def calendar(request):
    topic = request.GET.get("topic", "")[:100]
    month = selectors.parse_month(request.GET.get("month", ""))
    programmes = selectors.calendar_programmes(topic=topic, month=month)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/public/calendar.html",
        {
            "page": page,
            "topics": selectors.topics(),
            "topic": topic,
            "month": f"{month:%Y-%m}" if month else "",
        },
    )


def detail(request, programme_id):
    programme = get_object_or_404(selectors.public_programmes(), pk=programme_id)
    return render(
        request,
        "programmes/public/detail.html",
        {
            "programme": programme,
            "sessions": programme.sessions.all(),
            "window_open": programme.status == ProgrammeStatus.OPEN and programme.is_window_open(),
        },
    )


def _ics(request, programmes, filename):
    body = ical.calendar(
        programmes,
        host=request.get_host().split(":")[0],
        url_for=lambda p: request.build_absolute_uri(reverse("programmes:detail", args=[p.pk])),
    )
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = attachment(filename)
    return response


def programme_ics(request, programme_id):
    programme = get_object_or_404(
        selectors.public_programmes().prefetch_related("sessions"), pk=programme_id
    )
    return _ics(request, [programme], f"{programme.code.replace('/', '-') or programme.pk}.ics")


def calendar_ics(request):
    programmes = selectors.calendar_programmes().prefetch_related("sessions")
    return _ics(request, programmes, "sevottam-programmes.ics")
