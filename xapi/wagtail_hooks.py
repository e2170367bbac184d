from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.core.roles import is_cell_admin


class CellMenuItem(MenuItem):
    def is_shown(self, request):
        return is_cell_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_learning_records_menu_item():
    return CellMenuItem(
        _("Learning records (xAPI)"), reverse("xapi:statements"), icon_name="list-ul", order=950
    )
