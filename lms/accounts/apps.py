from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Models (and the modules that import them) load only after apps.py: import here.
        from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

        from . import particulars, two_factor  # noqa: PLC0415
        from .models import User  # noqa: PLC0415

        post_save.connect(
            two_factor.sync_two_factor_flag, sender=TOTPDevice, dispatch_uid="2fa-save"
        )
        post_delete.connect(
            two_factor.sync_two_factor_flag, sender=TOTPDevice, dispatch_uid="2fa-delete"
        )
        pre_save.connect(particulars.remember_particulars, sender=User, dispatch_uid="particulars")
        post_save.connect(particulars.audit_particulars, sender=User, dispatch_uid="particulars")
