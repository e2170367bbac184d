"""The completion rule, and what finalising does to each officer on a programme's roll.

One rule for the preview the cell reads and for finalising itself (``finalise_outcomes``):
attendance at or above the programme's minimum, plus every online lesson and a passed
post-test when the programme requires them, plus the programme's minimum score on every
SCORM lesson of the course when it sets one, plus the minimum score on every simulator
scenario assigned to the programme as counting toward completion."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.completion import post_test_outcome, post_test_outcomes
from courses.models import Enrolment, Programme
from nominations.enums import NominationState
from nominations.models import Nomination
from scorm.selectors import score_passes
from simulator.selectors import simulation_passes

S = NominationState
# Nominations on the attendance grid, and the ones finalising settles.
ON_THE_ROLL = (S.APPROVED, S.CONFIRMED)


def completion_rule_met(
    *,
    nomination: Nomination,
    total_sessions: int,
    present: int,
    online_done: bool | None = None,
    post_test_passed: bool | None = None,
    simulation_passed: bool | None = None,
    scorm_passed: bool | None = None,
) -> bool:
    """Whether ``nomination``'s officer met the programme's completion rule.
    ``online_done``, ``post_test_passed``, ``simulation_passed`` and ``scorm_passed``, when
    the caller already knows them (for a whole roll at once), save queries."""
    programme = nomination.programme
    if total_sessions == 0:
        return False
    if 100 * present < programme.min_attendance_percent * total_sessions:
        return False
    if programme.requires_online_completion:
        if online_done is None:
            online_done = Enrolment.objects.filter(
                user_id=nomination.officer_id,
                course_id=programme.course_id,
                completed_at__isnull=False,
            ).exists()
        if not online_done:
            return False
    if programme.requires_post_test_pass:
        if post_test_passed is None:
            outcome = post_test_outcome(
                course_id=programme.course_id, user_id=nomination.officer_id
            )
            post_test_passed = bool(outcome and outcome.passed)
        if not post_test_passed:
            return False
    if programme.min_scorm_score is not None:
        if scorm_passed is None:
            scorm_passed = nomination.officer_id in scorm_score_passes(
                programme, [nomination.officer_id]
            )
        if not scorm_passed:
            return False
    if simulation_passed is None:
        simulation_passed = nomination.officer_id in simulation_passes(
            programme, [nomination.officer_id]
        )
    return simulation_passed


def passed_post_tests(programme: Programme, officer_ids) -> dict | None:
    """{officer_id: outcome} for the officers among ``officer_ids`` who passed the course's
    post-test, or None when the programme does not require one (two queries for the whole
    roll). The completion rule counts these; certificates print their grade."""
    if not programme.requires_post_test_pass:
        return None
    outcomes = post_test_outcomes(course_id=programme.course_id, user_ids=officer_ids)
    return {user_id: outcome for user_id, outcome in outcomes.items() if outcome.passed}


def post_test_passes(programme: Programme, officer_ids) -> set | None:
    """The officers among ``officer_ids`` who passed, or None when not required."""
    passed = passed_post_tests(programme, officer_ids)
    return None if passed is None else set(passed)


def scorm_score_passes(programme: Programme, officer_ids) -> set | None:
    """The officers among ``officer_ids`` with the programme's minimum score on every SCORM
    lesson of its course, or None when the programme sets none (two queries)."""
    if programme.min_scorm_score is None:
        return None
    return score_passes(
        course=programme.course, officer_ids=officer_ids, min_score=programme.min_scorm_score
    )


def online_completions(programme: Programme, officer_ids) -> set | None:
    """The officers among ``officer_ids`` who completed the course online, or None when
    the programme does not require it (one query)."""
    if not programme.requires_online_completion:
        return None
    return set(
        Enrolment.objects.filter(
            course_id=programme.course_id, user_id__in=officer_ids, completed_at__isnull=False
        ).values_list("user_id", flat=True)
    )


@dataclass
class Outcome:
    """What finalising does to one officer on the roll, and why (shown before it is done)."""

    nomination: Nomination
    present: int  # sessions marked present
    marked: int  # sessions marked at all (present or absent)
    state: str  # attended, no_show or withdrawn
    reason: str

    @property
    def label(self) -> str:
        return S(self.state).label


def finalise_outcomes(programme: Programme) -> list[Outcome]:
    """Each approved or confirmed officer's outcome by the completion rule, from the
    attendance the cell marked (a fixed number of queries for the whole roll).

    Marked attendance is the fact: an officer who met the rule is attended whether or not
    they confirmed online; one whose attendance was marked but who did not meet it is a
    no-show; an approved officer who never confirmed and has no attendance marked at all is
    withdrawn."""
    total = programme.sessions.count()
    nominations = list(
        Nomination.objects.filter(programme=programme, state__in=ON_THE_ROLL)
        .select_related("officer", "nominated_by")
        .annotate(
            present_count=Count("attendance", filter=Q(attendance__present=True)),
            marked_count=Count("attendance"),
        )
        .order_by("officer__first_name", "officer__last_name", "pk")
    )
    officer_ids = [n.officer_id for n in nominations]
    online = online_completions(programme, officer_ids)
    passed = post_test_passes(programme, officer_ids)
    practised = simulation_passes(programme, officer_ids)
    scored = scorm_score_passes(programme, officer_ids)
    outcomes = []
    for nomination in nominations:
        nomination.programme = programme
        present, marked = nomination.present_count, nomination.marked_count
        sessions = ngettext(
            "%(present)d of %(total)d session", "%(present)d of %(total)d sessions", total
        ) % {"present": present, "total": total}
        met = completion_rule_met(
            nomination=nomination,
            total_sessions=total,
            present=present,
            online_done=None if online is None else nomination.officer_id in online,
            post_test_passed=None if passed is None else nomination.officer_id in passed,
            simulation_passed=nomination.officer_id in practised,
            scorm_passed=None if scored is None else nomination.officer_id in scored,
        )
        unconfirmed = nomination.state == S.APPROVED
        if met:
            state, reason = S.ATTENDED, sessions
            if unconfirmed:
                reason += "; " + _("attended without confirming online")
        elif unconfirmed and marked == 0:
            state, reason = S.WITHDRAWN, _("Never confirmed and no attendance marked.")
        else:
            state, reason = S.NO_SHOW, sessions
        outcomes.append(Outcome(nomination, present, marked, state, reason))
    return outcomes
