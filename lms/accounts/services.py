from django.db import transaction

from lms.core.services import record_audit

from .models import User


class AccountError(Exception):
    """An account change the rules do not allow."""


PROFILE_FIELDS = ("first_name", "last_name", "email", "mobile", "preferred_language")


@transaction.atomic
def update_profile(*, user: User, actor: User, data: dict) -> User:
    """Apply an officer's own profile changes. Only PROFILE_FIELDS may change."""
    if actor.pk != user.pk:
        raise AccountError("Officers change only their own profile here.")
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise AccountError(f"Not editable: {', '.join(sorted(unknown))}")
    changed = {name: value for name, value in data.items() if getattr(user, name) != value}
    if not changed:
        return user
    for name, value in changed.items():
        setattr(user, name, value)
    # Validate what the officer changes; service particulars are the cell's to correct.
    user.full_clean(exclude=[f.name for f in User._meta.fields if f.name not in PROFILE_FIELDS])
    user.save(update_fields=list(changed))
    record_audit(actor=actor, action="profile.updated", obj=user, data={"fields": sorted(changed)})
    return user
