"""What the certificates app announces (sent after commit; see ``lms.core.signals``)."""

from django.dispatch import Signal

#: A certificate was issued (or re-issued, as a new certificate): ``certificate_id``.
certificate_issued = Signal()
