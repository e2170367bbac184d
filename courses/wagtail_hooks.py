from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Enrolment, Topic


class TopicViewSet(ModelViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Course topics")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "name_hi", "slug", "sort_order"]
    search_fields = ["name", "name_hi"]
    form_fields = ["name", "name_hi", "slug", "sort_order"]


class EnrolmentViewSet(ModelViewSet):
    """Read-only list of online enrolments (who, which course, progress dates)."""

    model = Enrolment
    icon = "list-ul"
    menu_label = _("Enrolments")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["user", "course", "source", "enrolled_at", "last_activity_at", "completed_at"]
    list_filter = ["source", "course"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    list_export = ["user", "course", "source", "enrolled_at", "last_activity_at", "completed_at"]
    form_fields = ["source"]

    def get_queryset(self, request):
        return Enrolment.objects.select_related("user", "course")


@hooks.register("register_admin_viewset")
def register_course_viewsets():
    return [TopicViewSet("topics"), EnrolmentViewSet("enrolments")]
