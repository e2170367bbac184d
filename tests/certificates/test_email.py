"""The certificate email goes through the shared notify path (lms.core.services.notify): the
same subject and text as before, the PDF attached, sent after commit, kept in the outbox
while the broker is down."""

import pytest
from kombu.exceptions import OperationalError

from certificates import services
from lms.core import tasks as core_tasks
from lms.core.models import PendingTask
from lms.core.pdf import missing_fonts
from lms.core.roles import Role
from tests.factories import build_course, make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(missing_fonts()), reason="fonts-noto-core is not installed"),
]


def test_issuing_emails_the_certificate_with_its_pdf(
    mailoutbox, django_capture_on_commit_callbacks
):
    course = build_course(title="Citizen's Charter")
    holder = make_user(Role.TRAINEE, first_name="Asha", last_name="Rani")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        certificate = services.issue(holder=holder, course=course)
    assert mailoutbox == [], "nothing is sent before the transaction commits"
    for callback in callbacks:
        callback()
    (message,) = mailoutbox
    assert message.to == [holder.email]
    assert message.subject == "Your certificate: Citizen's Charter"
    assert message.body.startswith(f"Dear {certificate.holder_name},\n\n")
    assert (
        f'Your certificate for "Citizen\'s Charter" has been issued (No. {certificate.number}).'
        in message.body
    )
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert filename == f"{certificate.number.replace('/', '-')}.pdf"
    assert mimetype == "application/pdf" and content[:4] == b"%PDF"


def test_a_holder_without_an_email_address_gets_none(
    mailoutbox, django_capture_on_commit_callbacks
):
    holder = make_user(Role.TRAINEE, email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.issue(holder=holder, course=build_course())
    assert mailoutbox == []


def test_with_the_broker_down_the_email_waits_in_the_outbox(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(core_tasks.send_email, "apply_async", refuse)
    holder = make_user(Role.TRAINEE)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.issue(holder=holder, course=build_course())
    row = PendingTask.objects.get()
    assert row.task == "lms.core.tasks.send_email"
    assert row.kwargs["to"] == [holder.email]
    assert row.kwargs["attachments"] == [
        [f"{certificate.number.replace('/', '-')}.pdf", certificate.pdf.name, "application/pdf"]
    ]
    monkeypatch.undo()  # the broker is back
    assert core_tasks.flush_outbox() == 1
    assert mailoutbox[0].attachments[0][2] == "application/pdf"
