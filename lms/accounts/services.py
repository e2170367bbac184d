from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.core.errors import DomainError
from lms.core.languages import is_supported
from lms.core.roles import Role, has_role
from lms.core.services import record_audit

from .models import User


class AccountError(DomainError):
    """An account change the rules do not allow."""


PROFILE_FIELDS = ("first_name", "last_name", "name_hi", "email", "mobile", "preferred_language")


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


@transaction.atomic
def set_preferred_language(*, user: User, language: str) -> bool:
    """Remember ``language`` (en or hi) as the officer's own, for pages, emails and
    certificates. Returns whether it changed."""
    if not is_supported(language):
        raise AccountError(_("Choose English or Hindi."))
    if user.preferred_language == language:
        return False
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    record_audit(
        actor=user, action="profile.updated", obj=user, data={"fields": ["preferred_language"]}
    )
    return True


# ------------------------------------------------------------------ two-factor sign-in
def start_two_factor(*, user: User):
    """A fresh, unconfirmed TOTP device for ``user`` (any earlier unconfirmed one is
    dropped). It protects nothing until ``confirm_two_factor`` proves the phone has it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_two_factor(*, user: User, device_id, token: str):
    """Confirm the pending device with a code from the app; from then on every sign-in of
    ``user`` asks for a code. Returns the device."""
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        raise AccountError(_("Start the set-up again: this set-up has expired."))
    if not device.verify_token(token.strip().replace(" ", "")):
        raise AccountError(_("That code is not right. Check the phone's clock and try again."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    user.two_factor_enabled = True
    user.save(update_fields=["two_factor_enabled"])
    record_audit(actor=user, action="two_factor.enabled", obj=user)
    return device


@transaction.atomic
def remove_two_factor(*, user: User, actor: User) -> int:
    """Turn two-factor sign-in off for ``user`` (a lost phone): the user themself, or the
    cell. Returns how many devices were removed."""
    if actor.pk != user.pk and not has_role(actor, Role.CELL_ADMIN):
        raise AccountError(_("Only the cell can turn off another officer's two-factor sign-in."))
    removed, _by_model = TOTPDevice.objects.filter(user=user).delete()
    user.two_factor_enabled = False
    user.save(update_fields=["two_factor_enabled"])
    if removed:
        record_audit(actor=actor, action="two_factor.removed", obj=user)
    return removed
