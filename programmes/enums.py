"""The programme's status map. The statuses themselves are ``courses.enums.ProgrammeStatus``
(the ``Programme`` model's field choices); which moves are allowed is this app's rule, and
``programmes.services.set_status`` is the one place that applies it."""

from courses.enums import ProgrammeStatus

PROGRAMME_TRANSITIONS: dict[str, frozenset[str]] = {
    ProgrammeStatus.DRAFT: frozenset({ProgrammeStatus.OPEN, ProgrammeStatus.CANCELLED}),
    ProgrammeStatus.OPEN: frozenset(
        {ProgrammeStatus.CLOSED, ProgrammeStatus.DRAFT, ProgrammeStatus.CANCELLED}
    ),
    # A closed programme whose sessions took place without being marked running is
    # completed by finalising its attendance, like a running one.
    ProgrammeStatus.CLOSED: frozenset(
        {
            ProgrammeStatus.OPEN,
            ProgrammeStatus.RUNNING,
            ProgrammeStatus.COMPLETED,
            ProgrammeStatus.CANCELLED,
        }
    ),
    ProgrammeStatus.RUNNING: frozenset({ProgrammeStatus.COMPLETED, ProgrammeStatus.CANCELLED}),
    ProgrammeStatus.COMPLETED: frozenset(),
    ProgrammeStatus.CANCELLED: frozenset(),
}

# A programme in these statuses is over: its attendance is final and check-in is closed.
CLOSED_STATUSES = frozenset({ProgrammeStatus.CANCELLED, ProgrammeStatus.COMPLETED})
