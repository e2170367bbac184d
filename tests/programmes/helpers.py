"""Helpers of the programme tests."""

from programmes import services as programme_services


def attend_all(programme, nominations, actor):
    """Mark every officer of ``nominations`` present at every session of ``programme``."""
    for nomination in nominations:
        for session in programme.sessions.all():
            programme_services.mark_attendance(
                session=session, nomination=nomination, present=True, actor=actor
            )
