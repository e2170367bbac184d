"""The cell's learning records page: every statement with its status, filters, and
"Resend failed" (a confirmation page, then a POST). Also the activity addresses used in
statements, which lead to the page itself."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from lms.core.decorators import role_required
from lms.core.roles import is_cell_admin
from simulator.models import Scenario

from . import selectors, services
from .enums import StatementStatus

PAGE_SIZE = 50

cell_required = role_required(is_cell_admin)


@cell_required
def statement_list(request):
    status = request.GET.get("status", "")
    verb = request.GET.get("verb", "")
    actor = request.GET.get("actor", "").strip()[:100]
    rows = selectors.statements(status=status, verb=verb, actor=actor)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.counts()
    return render(
        request,
        "xapi/statement_list.html",
        {
            "page": page,
            "counts": counts,
            "status_counts": [
                (value, label, counts[value]) for value, label in StatementStatus.choices
            ],
            "statuses": StatementStatus.choices,
            "verbs": selectors.verbs(),
            "status": status,
            "verb": verb,
            "actor": actor,
            "enabled": services.enabled(),
        },
    )


@cell_required
def resend_failed(request):
    failed = selectors.counts()[StatementStatus.FAILED]
    if request.method == "POST":
        count = services.resend_failed(actor=request.user)
        messages.success(
            request,
            ngettext(
                "%(n)d failed statement will be sent again.",
                "%(n)d failed statements will be sent again.",
                count,
            )
            % {"n": count},
        )
        return redirect("xapi:statements")
    return render(request, "xapi/resend_confirm.html", {"failed": failed})


def page_activity(request, page_id):
    """A course, module or lesson named in a statement: its page, wherever it is now."""
    page = get_object_or_404(Page.objects.live(), pk=page_id)
    url = page.get_url(request)
    if not url:
        raise Http404(_("This page is not on the site."))
    return redirect(url)


def scenario_activity(request, code):
    get_object_or_404(Scenario, code=code)
    return redirect("simulator:scenarios")
