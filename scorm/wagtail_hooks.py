from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import ScormPackageForm
from .models import ScormPackage


class ScormPackageViewSet(SnippetViewSet):
    """SCORM packages: trainers upload a zip (checked before it is stored), then choose the
    package in a SCORM lesson."""

    model = ScormPackage
    icon = "folder-open-inverse"
    menu_label = _("SCORM packages")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "launch_path", "file_count", "uploaded_by", "uploaded_at"]
    search_fields = ["title", "identifier"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("package")], base_form_class=ScormPackageForm
    )


register_snippet(ScormPackageViewSet)
