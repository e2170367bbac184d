from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.signals import course_completed
        from nominations.signals import programme_finalised

        from . import receivers

        course_completed.connect(
            receivers.issue_for_completed_course, dispatch_uid="certificates.online"
        )
        programme_finalised.connect(
            receivers.issue_for_finalised_programme, dispatch_uid="certificates.programme"
        )
