from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XapiConfig(AppConfig):
    name = "xapi"
    verbose_name = _("Learning records (xAPI)")

    def ready(self):
        # The receivers import the models, which load only after apps.py: import here.
        from . import receivers  # noqa: PLC0415

        receivers.connect()
