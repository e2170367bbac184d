"""Registering a grievance: the registration number, the acknowledgement, disposal and
facilitation deadlines from the session's frozen rulebook (``Book``), the escalation ladder
of its office, and the ``register`` event. Used when a session starts
(``sessions.start_session``: the scenario's grievance, possibly set up beyond 'registered')
and when a scripted duplicate complaint arrives (``scripted``)."""

from .book import Book
from .enums import Action, GrievanceState, RuleKind, SimRole
from .journal import _event, _local
from .models import Grievance, PracticeSession
from .timing import Limit

A = Action
S = GrievanceState
R = SimRole


def _register(
    *,
    session: PracticeSession,
    book: Book,
    citizen_name: str,
    text: str,
    text_hi: str = "",
    service=None,
    office=None,
    received_at,
    is_rts: bool = False,
    citizen_applied: bool = True,
    transfer_count: int = 0,
    is_primary: bool = True,
    key_duplicate_of=None,
    setup: dict | None = None,
    note: dict | None = None,
) -> Grievance:
    limit = service.limit if service is not None else book.disposal_limit
    facilitation = book.rule(RuleKind.FACILITATE_APPLICATION)
    facilitation_due = (
        book.due(received_at, Limit.of(facilitation.params["within"]))
        if facilitation and is_rts and not citizen_applied
        else None
    )
    ladder = book.escalation_ladder_for(office)
    setup = dict(setup or {})
    grievance = Grievance.objects.create(
        session=session,
        is_primary=is_primary,
        citizen_name=citizen_name,
        text=text,
        text_hi=text_hi,
        service=service,
        office=office,
        state=setup.pop("state", S.REGISTERED),
        is_rts=is_rts,
        citizen_applied=citizen_applied,
        key_duplicate_of=key_duplicate_of,
        received_at=received_at,
        ack_due_at=book.due(received_at, book.ack_limit),
        disposal_due_at=book.due(received_at, limit),
        facilitation_due_at=facilitation_due,
        escalation_ladder=ladder.code if ladder else "",
        transfer_count=transfer_count,
        **setup,
    )
    grievance.reg_no = book.reg_no(
        org=getattr(office, "org_code", ""), year=_local(received_at).year, seq=grievance.pk
    )
    grievance.save(update_fields=["reg_no"])
    _event(
        grievance,
        action=A.REGISTER,
        role=R.SYSTEM,
        sim_at=received_at,
        from_state="",
        payload={
            "reg_no": grievance.reg_no,
            "office": office,
            "ack_due_at": grievance.ack_due_at,
            "disposal_due_at": grievance.disposal_due_at,
            "time_limit": str(limit) if limit else None,
            "starts_as": grievance.state,
            "prior_transfers": transfer_count,
            **(note or {}),
        },
    ).save()
    return grievance
