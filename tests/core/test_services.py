"""record_audit and notify: the audit trail and outgoing email."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.utils import translation

from lms.accounts.models import User
from lms.core.models import AuditEntry
from lms.core.roles import Role
from lms.core.services import notify, record_audit
from lms.departments.models import Department
from tests.factories import make_user

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ audit
def test_record_audit_writes_every_field(cell_admin, department):
    entry = record_audit(
        actor=cell_admin,
        action="department.renamed",
        obj=department,
        from_state="draft",
        to_state="active",
        note="Renamed at the HOD's request",
        data={"old": "Revenue"},
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == cell_admin
    assert entry.action == "department.renamed"
    assert entry.content_type == ContentType.objects.get_for_model(Department)
    assert entry.object_id == str(department.pk)
    assert entry.object_repr == "Revenue and Disaster Management"
    assert (entry.from_state, entry.to_state) == ("draft", "active")
    assert entry.note == "Renamed at the HOD's request"
    assert entry.data == {"old": "Revenue"}
    assert entry.created_at is not None
    assert str(entry).endswith("department.renamed Revenue and Disaster Management")


def test_record_audit_without_object_or_actor():
    entry = record_audit(actor=None, action="system.cleanup")
    assert entry.actor is None and entry.content_type is None
    assert (entry.object_id, entry.object_repr, entry.data) == ("", "", {})


def test_anonymous_or_unsaved_actor_is_stored_as_nobody(department):
    assert record_audit(actor=AnonymousUser(), action="x", obj=department).actor is None
    assert record_audit(actor=User(username="ghost"), action="x").actor is None


def test_long_object_names_are_cut_to_fit(department):
    department.name = "N" * 300
    assert len(record_audit(actor=None, action="x", obj=department).object_repr) == 255


def test_audit_rows_are_newest_first(department):
    first = record_audit(actor=None, action="first", obj=department)
    second = record_audit(actor=None, action="second", obj=department)
    assert list(AuditEntry.objects.all()[:2]) == [second, first]


def test_audit_row_is_rolled_back_with_the_change(department):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_audit(actor=None, action="doomed", obj=department)
        raise RuntimeError
    assert not AuditEntry.objects.filter(action="doomed").exists()


# ------------------------------------------------------------------ notify
class LanguageAwareCourse:
    """A course whose title shows the language active while the email is rendered."""

    @property
    def title(self):
        return f"Charter & Citizen's Rights [{translation.get_language()}]"


@pytest.fixture
def officer(department):
    return make_user(
        Role.TRAINEE,
        department=department,
        first_name="Pooja",
        last_name="Devi",
        email="pooja@example.gov.in",
    )


def test_notify_emails_after_commit(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipient=officer, template="enrolled", context={"course": LanguageAwareCourse()})
    assert len(callbacks) == 1 and mail.outbox == []  # nothing before the commit
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pooja@example.gov.in"]
    assert message.subject == "Enrolled: Charter & Citizen's Rights [en]"
    assert message.body.startswith("Dear Pooja Devi,")
    assert "Charter & Citizen's Rights" in message.body  # plain text, not HTML-escaped
    assert "\n" not in message.subject


def test_notify_sends_nothing_when_the_transaction_rolls_back(
    officer, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipient=officer, template="enrolled", context={"course": LanguageAwareCourse()})
        raise RuntimeError("the enrolment failed")
    assert callbacks == [] and mail.outbox == []


def test_notify_skips_a_recipient_without_email(department, django_capture_on_commit_callbacks):
    silent = make_user(Role.TRAINEE, department=department, email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipient=silent, template="enrolled", context={"course": LanguageAwareCourse()})
    assert callbacks == [] and mail.outbox == []


@pytest.mark.parametrize(("preferred", "rendered_in"), [("hi", "hi"), ("en", "en"), ("", "en")])
def test_notify_renders_in_the_recipients_language(
    officer, django_capture_on_commit_callbacks, preferred, rendered_in
):
    officer.preferred_language = preferred
    with translation.override("en"):
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                recipient=officer, template="enrolled", context={"course": LanguageAwareCourse()}
            )
        assert translation.get_language() == "en"  # the caller's language is restored
    message = mail.outbox[0]
    assert message.subject.endswith(f"[{rendered_in}]")
    assert f"[{rendered_in}]" in message.body


def test_hindi_recipient_gets_hindi_while_the_request_is_english(
    officer, django_capture_on_commit_callbacks
):
    other = make_user(Role.TRAINEE, department=officer.department, preferred_language="en")
    officer.preferred_language = "hi"
    officer.save()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        for recipient in (officer, other):
            notify(
                recipient=recipient, template="enrolled", context={"course": LanguageAwareCourse()}
            )
    languages = {m.to[0]: m.subject[-4:] for m in mail.outbox}
    assert languages == {officer.email: "[hi]", other.email: "[en]"}
