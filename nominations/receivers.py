"""What nominations do when something else changes."""

from lms.accounts.models import OfficerFacts
from lms.core.services import notify

from .enums import OPEN_STATES, NominationState
from .models import Nomination


def refresh_open_facts(sender, officer, changes, **kwargs):
    """An officer was transferred or promoted: open nominations take the new facts; final
    ones (attended, no-show, withdrawn...) keep the facts of their time."""
    Nomination.objects.filter(officer=officer, state__in=OPEN_STATES).update(
        **OfficerFacts.facts_of(officer)
    )


def email_officer_and_hod(sender, nomination_id, from_state, to_state, note, **kwargs):
    """``nomination_changed``: the officer and the nominating HOD hear of every change, in
    their own language."""
    nomination = (
        Nomination.objects.select_related("officer", "programme", "nominated_by")
        .filter(pk=nomination_id)
        .first()
    )
    if nomination is None:
        return
    context = {
        "nomination": nomination,
        "programme": nomination.programme,
        "officer": nomination.officer,
        "state_label": NominationState(to_state).label,
        "from_label": NominationState(from_state).label if from_state else "",
        "note": note,
    }
    recipients = {nomination.officer}
    if nomination.nominated_by_id:
        recipients.add(nomination.nominated_by)
    for recipient in recipients:
        notify(recipient=recipient, template="nomination_changed", context=context)
