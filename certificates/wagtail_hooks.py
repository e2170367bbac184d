from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import Certificate, CertificateTemplate


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    list_display = ["name", "layout", "is_default"]


class CertificateViewSet(ModelViewSet):
    """Issued certificates (read-only here; revoke from the cell's programme desk)."""

    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Issued certificates")
    list_display = ["number", "holder_name", "course_title", "issued_on", "status"]
    list_filter = ["status", "issued_on"]
    search_fields = ["number", "holder_name", "holder_name_hi", "course_title"]
    list_export = [
        "number",
        "holder_name",
        "holder_name_hi",
        "designation",
        "designation_hi",
        "department_name",
        "department_name_hi",
        "course_title",
        "course_title_hi",
        "starts_on",
        "ends_on",
        "hours",
        "issued_on",
        "status",
        "revoked_reason",
    ]
    export_filename = "certificates"
    inspect_view_enabled = True
    form_fields = ["grade"]


class CertificatesGroup(ModelViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "tick-inverse"
    menu_order = 250
    items = (
        CertificateTemplateViewSet("certificate_templates"),
        CertificateViewSet("certificates_admin"),
    )


@hooks.register("register_admin_viewset")
def register_certificates():
    return CertificatesGroup()
