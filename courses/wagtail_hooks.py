from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.viewsets.model import ModelViewSet

from .localisation import LocalisedPageMixin, english_version, out_of_date_versions
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


@hooks.register("before_edit_page")
def warn_when_a_translation_is_out_of_date(request, page):
    """On the edit view of a course page: say which language version is out of date (the
    English one was published after the Hindi one was last saved), with a link to the other
    version. The page listing shows the same as the status "translation out of date"."""
    if request.method != "GET" or not isinstance(page, LocalisedPageMixin):
        return None
    stale = out_of_date_versions(page)
    if not stale:
        return None
    source = english_version(page)
    published = date_format(localtime(source.last_published_at), "SHORT_DATETIME_FORMAT")
    if page.pk != source.pk:
        messages.warning(
            request,
            gettext(
                "Translation out of date: the English version was published on %(date)s, "
                "after this version was last changed. Bring the changes across, then save."
            )
            % {"date": published},
            buttons=[
                messages.button(
                    reverse("wagtailadmin_pages:edit", args=[source.pk]),
                    gettext("Open the English version"),
                )
            ],
        )
    else:
        for version in stale:
            messages.warning(
                request,
                gettext(
                    "Translation out of date: the %(language)s version was last changed "
                    "before this page was published on %(date)s."
                )
                % {"language": version.locale.get_display_name(), "date": published},
                buttons=[
                    messages.button(
                        reverse("wagtailadmin_pages:edit", args=[version.pk]),
                        gettext("Open the %(language)s version")
                        % {"language": version.locale.get_display_name()},
                    )
                ],
            )
    return None
