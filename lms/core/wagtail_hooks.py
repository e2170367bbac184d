from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import AuditEntry


class AuditLogViewSet(ModelViewSet):
    """Every state change written by the services (who, when, what, from, to). Read-only:
    cell administrators hold only the view permission."""

    model = AuditEntry
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 900
    add_to_admin_menu = True
    list_display = [
        "created_at",
        "actor",
        "action",
        "object_repr",
        "from_state",
        "to_state",
        "note",
    ]
    list_filter = ["action"]
    search_fields = ["action", "object_repr", "note"]
    list_export = ["created_at", "actor", "action", "object_repr", "from_state", "to_state", "note"]
    inspect_view_enabled = True
    form_fields = ["note"]

    def get_queryset(self, request):
        return AuditEntry.objects.select_related("actor")


@hooks.register("register_admin_viewset")
def register_audit_log():
    return AuditLogViewSet("audit-log")
