"""``{% load feedback_tags %}``: whether a nomination's programme survey is open to its
officer (no query; the survey page itself says when feedback was already given)."""

from django import template
from django.utils import timezone

from courses.enums import ProgrammeStatus
from nominations.enums import NominationState

register = template.Library()


@register.filter
def feedback_open(nomination) -> bool:
    """Attended, or confirmed once the programme has started (the rule of
    ``services.feedback_refusal``), and the programme not cancelled."""
    programme = nomination.programme
    if programme.status == ProgrammeStatus.CANCELLED:
        return False
    if nomination.state == NominationState.ATTENDED:
        return True
    return (
        nomination.state == NominationState.CONFIRMED
        and programme.starts_on <= timezone.localdate()
    )
