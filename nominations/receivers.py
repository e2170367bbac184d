"""What nominations do when something else changes."""

from lms.accounts.models import OfficerFacts

from .enums import OPEN_STATES
from .models import Nomination


def refresh_open_facts(sender, officer, changes, **kwargs):
    """An officer was transferred or promoted: open nominations take the new facts; final
    ones (attended, no-show, withdrawn...) keep the facts of their time."""
    Nomination.objects.filter(officer=officer, state__in=OPEN_STATES).update(
        **OfficerFacts.facts_of(officer)
    )
