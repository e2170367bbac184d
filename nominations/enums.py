from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    WAITLISTED = "waitlisted", _("Waitlisted")
    REJECTED = "rejected", _("Rejected")
    CONFIRMED = "confirmed", _("Confirmed by officer")
    DECLINED = "declined", _("Declined by officer")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUBSTITUTED = "substituted", _("Substituted")
    ATTENDED = "attended", _("Attended (completed)")
    NO_SHOW = "no_show", _("Did not complete")


S = NominationState

# The one transition map. Who may take each step is in ACTORS below.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.APPROVED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN}),
    S.WAITLISTED: frozenset({S.APPROVED, S.REJECTED, S.WITHDRAWN}),
    # An approved officer who attended without confirming online is finalised by the
    # attendance the cell marked: attended or no-show, like a confirmed one.
    S.APPROVED: frozenset(
        {S.CONFIRMED, S.DECLINED, S.WITHDRAWN, S.SUBSTITUTED, S.ATTENDED, S.NO_SHOW}
    ),
    S.CONFIRMED: frozenset({S.ATTENDED, S.NO_SHOW, S.WITHDRAWN, S.SUBSTITUTED}),
    S.REJECTED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.SUBSTITUTED: frozenset(),
    S.ATTENDED: frozenset(),
    S.NO_SHOW: frozenset(),
}


class Actor(models.TextChoices):
    CELL = "cell", _("Cell administrator")
    HOD = "hod", _("HOD of the officer's department")
    OFFICER = "officer", _("The nominated officer")
    SYSTEM = "system", _("The system")


# Which kind of actor may move a nomination into each state.
ACTORS: dict[str, frozenset[str]] = {
    S.APPROVED: frozenset({Actor.CELL, Actor.SYSTEM}),
    S.WAITLISTED: frozenset({Actor.CELL}),
    S.REJECTED: frozenset({Actor.CELL}),
    # The cell may confirm on the officer's behalf (a phone call, a letter), with a note.
    S.CONFIRMED: frozenset({Actor.OFFICER, Actor.CELL}),
    S.DECLINED: frozenset({Actor.OFFICER}),
    S.WITHDRAWN: frozenset({Actor.HOD, Actor.CELL, Actor.SYSTEM}),
    S.SUBSTITUTED: frozenset({Actor.HOD}),
    S.ATTENDED: frozenset({Actor.CELL, Actor.SYSTEM}),
    S.NO_SHOW: frozenset({Actor.CELL, Actor.SYSTEM}),
}

# A live nomination still counts: an officer may hold only one per programme.
LIVE_STATES = frozenset({S.SUBMITTED, S.WAITLISTED, S.APPROVED, S.CONFIRMED, S.ATTENDED, S.NO_SHOW})
# Open nominations: their officer facts still follow the officer (a transfer or promotion
# before the programme is finalised); the other states are final and keep theirs.
OPEN_STATES = frozenset({S.SUBMITTED, S.WAITLISTED, S.APPROVED, S.CONFIRMED})
# States that hold a seat of the programme's capacity (and of the department's quota).
SEAT_STATES = frozenset({S.APPROVED, S.CONFIRMED, S.ATTENDED, S.NO_SHOW})
# States a reason is required for.
REASON_REQUIRED = frozenset({S.REJECTED})


class AttendanceMethod(models.TextChoices):
    MARKED = "marked", _("Marked by the coordinator")
    SELF = "self", _("Self check-in")
