from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from lms.accounts.particulars import particulars_changed

        from . import receivers
        from .signals import nomination_changed

        particulars_changed.connect(receivers.refresh_open_facts, dispatch_uid="nominations.facts")
        nomination_changed.connect(
            receivers.email_officer_and_hod, dispatch_uid="nominations.email"
        )
