from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from courses.signals import course_completed
from programmes.signals import programme_finalised


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # The receivers import the models, which load only after apps.py: import here.
        from . import receivers  # noqa: PLC0415

        course_completed.connect(
            receivers.issue_for_completed_course, dispatch_uid="certificates.online"
        )
        programme_finalised.connect(
            receivers.issue_for_finalised_programme, dispatch_uid="certificates.programme"
        )
