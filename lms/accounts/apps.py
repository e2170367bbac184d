from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save
        from django_otp.plugins.otp_totp.models import TOTPDevice

        post_save.connect(sync_two_factor_flag, sender=TOTPDevice, dispatch_uid="2fa-save")
        post_delete.connect(sync_two_factor_flag, sender=TOTPDevice, dispatch_uid="2fa-delete")

        from . import particulars
        from .models import User

        pre_save.connect(particulars.remember_particulars, sender=User, dispatch_uid="particulars")
        post_save.connect(particulars.audit_particulars, sender=User, dispatch_uid="particulars")


def sync_two_factor_flag(sender, instance, **kwargs):
    """Keep ``User.two_factor_enabled`` equal to "has a confirmed device", however the
    device changed (the services, or the cell deleting it in the admin for a lost phone)."""
    from .models import User

    enabled = sender.objects.filter(user_id=instance.user_id, confirmed=True).exists()
    User.objects.filter(pk=instance.user_id).exclude(two_factor_enabled=enabled).update(
        two_factor_enabled=enabled
    )
