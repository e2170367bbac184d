"""Transfers and promotions. A change to an officer's service particulars
(``User.PARTICULARS``), made anywhere (the admin, the HRMS push, a service), is written to
the audit log with the values before and after, and announced with ``particulars_changed``
so that open training records take the new facts while final ones keep theirs."""

from django.dispatch import Signal

from lms.core.acting import current_actor
from lms.core.services import record_audit

from .models import User

#: Sent inside the saving transaction: ``officer`` (the saved User) and ``changes``
#: ({particular: (old value, new value)}, foreign keys as ids).
particulars_changed = Signal()

_ATTNAMES = {name: User._meta.get_field(name).attname for name in User.PARTICULARS}


def _touched(update_fields) -> bool:
    return update_fields is None or bool(set(update_fields) & set(User.PARTICULARS))


def remember_particulars(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: the stored particulars (one query, only when they may change)."""
    instance._particulars_before = None
    if raw or instance.pk is None or instance._state.adding or not _touched(update_fields):
        return
    instance._particulars_before = (
        User.objects.filter(pk=instance.pk).values(*_ATTNAMES.values()).first()
    )


def audit_particulars(sender, instance, created=False, raw=False, **kwargs):
    """post_save: audit and announce what changed."""
    before = getattr(instance, "_particulars_before", None)
    instance._particulars_before = None
    if created or raw or not before:
        return
    changes = {
        name: (before[attname], getattr(instance, attname))
        for name, attname in _ATTNAMES.items()
        if before[attname] != getattr(instance, attname)
    }
    if not changes:
        return
    kinds = []
    if "department" in changes:
        kinds.append("transfer")
    if "level" in changes or "designation" in changes:
        kinds.append("promotion or posting")
    record_audit(
        actor=current_actor(),
        action="particulars.changed",
        obj=instance,
        note=", ".join(kinds),
        data={"changes": {name: [old, new] for name, (old, new) in changes.items()}},
    )
    particulars_changed.send(sender=User, officer=instance, changes=changes)
