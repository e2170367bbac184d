from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class CertificateLayout(models.TextChoices):
    ENGLISH = "en", _("English")
    HINDI = "hi", _("Hindi")
    BILINGUAL = "bilingual", _("English and Hindi on one page")


class IssueRunState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Issuing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
