"""What courses do when something else changes."""

from .models import Enrolment


def refresh_open_facts(sender, officer, changes, **kwargs):
    """An officer was transferred or promoted: enrolments not yet completed take the new
    facts (department included); completed ones keep the facts of their time."""
    Enrolment.objects.filter(user=officer, completed_at__isnull=True).update(
        **Enrolment.facts_of(officer)
    )
