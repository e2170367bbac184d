"""Use in training: a programme's batch leaderboard and the trainers' per-scenario
difficulty statistics.

Leaderboard: staff (trainers, course directors, cell administrators) see every officer of
the batch with their best score per assigned scenario, the total and the rank. A trainee
of the batch (confirmed or attended) sees only their own rank, out of how many, and their
own scores: never another officer's name or score. Anyone else gets a 404 (a programme is
not revealed to those outside it).

Scenario sets are assigned to programmes in the Wagtail admin (Grievance simulator ›
Scenario assignments)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import Programme
from lms.core.decorators import role_required
from nominations.models import Nomination

from . import scoring, selectors
from .audit import MARGIN, audit, auditor
from .models import Scenario, ScenarioAssignment

reviewer_required = role_required(selectors.may_review)


@login_required
@require_GET
def leaderboard(request, programme_id):
    programme = get_object_or_404(Programme.objects.select_related("course"), pk=programme_id)
    staff = selectors.may_review(request.user)
    if (
        not staff
        and not Nomination.objects.filter(
            programme=programme, officer=request.user, state__in=selectors.PROGRAMME_STATES
        ).exists()
    ):
        raise Http404
    board = selectors.leaderboard(programme)
    context = {
        "programme": programme,
        "board": board,
        "staff": staff,
        "mine": board.row_of(request.user),
        "batch": len(board.rows),
    }
    return render(request, "simulator/leaderboard.html", context)


@reviewer_required
@require_GET
def stats(request):
    programme = None
    value = request.GET.get("programme", "")
    if value:
        if not value.isdigit():
            raise Http404
        programme = get_object_or_404(Programme, pk=int(value))
    rows = selectors.scenario_stats(programme=programme)
    programmes = (
        Programme.objects.filter(scenario_assignments__isnull=False)
        .distinct()
        .order_by("-starts_on", "code")
    )
    return render(
        request,
        "simulator/stats.html",
        {
            "rows": rows,
            "programme": programme,
            "programmes": programmes,
            "pass_mark": scoring.PASS_MARK,
        },
    )


@reviewer_required
@require_GET
def review(request):
    """Staff landing: programmes with assigned scenarios (leaderboards), recent finished
    sessions to review, the statistics."""
    assignments = (
        ScenarioAssignment.objects.select_related("programme")
        .prefetch_related("scenarios")
        .order_by("-programme__starts_on", "programme_id", "pk")
    )
    recent = (
        selectors.PracticeSession.objects.filter(score__isnull=False)
        .select_related("trainee", "scenario")
        .only(
            "pk",
            "score",
            "hard_fail",
            "status",
            "finished_at",
            "trainee__username",
            "trainee__first_name",
            "trainee__last_name",
            "scenario__title",
        )
        .order_by("-finished_at", "-pk")[:30]
    )
    return render(
        request,
        "simulator/review.html",
        {"assignments": assignments, "recent": recent},
    )


@reviewer_required
@require_http_methods(["GET", "POST"])
def scenario_audit(request, pk):
    """A scenario's mutation audit (``audit``) for its authors: the key's score and every
    wrong play derived from it, played on throw-away sessions when the button is pressed
    (nothing is kept), against the targets (each wrong play at least ``MARGIN`` below the
    key, each hard-rule break at most ``HARD_FAIL_CAP``)."""
    scenario = get_object_or_404(Scenario.objects.select_related("rulebook"), pk=pk)
    row = None
    if request.method == "POST":
        row = audit(scenario, auditor())
    rows = []
    if row is not None:
        for name, value in sorted(row.scores.items(), key=lambda item: -item[1]):
            hard = name in row.hard
            rows.append(
                {
                    "name": name,
                    "score": value,
                    "hard": hard,
                    "margin": row.key - value,
                    "ok": (value <= scoring.HARD_FAIL_CAP) if hard else (row.key - value >= MARGIN),
                }
            )
    return render(
        request,
        "simulator/audit.html",
        {
            "scenario": scenario,
            "row": row,
            "rows": rows,
            "margin": MARGIN,
            "hard_fail_cap": scoring.HARD_FAIL_CAP,
        },
    )
