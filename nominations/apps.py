from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        # Receivers import models, which exist only once the app registry is ready.
        from lms.accounts.particulars import particulars_changed  # noqa: PLC0415

        from . import receivers  # noqa: PLC0415
        from .signals import nomination_changed  # noqa: PLC0415

        particulars_changed.connect(receivers.refresh_open_facts, dispatch_uid="nominations.facts")
        nomination_changed.connect(
            receivers.email_officer_and_hod, dispatch_uid="nominations.email"
        )
