from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .models import AnnualTarget, HistoricalFigure


class AnnualTargetViewSet(ModelViewSet):
    model = AnnualTarget
    icon = "pick"
    menu_label = _("Annual targets")
    list_display = ["financial_year", "programmes", "officers"]
    form_fields = ["financial_year", "programmes", "officers"]


class HistoricalFigureViewSet(ModelViewSet):
    model = HistoricalFigure
    icon = "history"
    menu_label = _("Past years' figures")
    list_display = ["financial_year", "programmes", "participants", "source"]
    form_fields = ["financial_year", "programmes", "participants", "source"]


class ReportsGroup(ModelViewSetGroup):
    menu_label = _("Report figures")
    menu_icon = "table"
    menu_order = 260
    items = (AnnualTargetViewSet("annual_targets"), HistoricalFigureViewSet("historical_figures"))


@hooks.register("register_admin_viewset")
def register_report_figures():
    return ReportsGroup()
