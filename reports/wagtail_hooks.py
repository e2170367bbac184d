from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import services
from .models import AnnualTarget, HistoricalFigure


class AnnualTargetViewSet(ModelViewSet):
    model = AnnualTarget
    icon = "pick"
    menu_label = _("Annual targets")
    list_display = ["financial_year", "programmes", "officers"]
    form_fields = ["financial_year", "programmes", "officers"]


class HistoricalFigureEditView(generic.EditView):
    """The figures save as usual; a changed "count in the year-wise table" goes through
    ``services.set_year_counting``, which audits it."""

    def save_instance(self):
        chosen = self.form.instance.counting
        self.form.instance.counting = self.form.initial.get("counting", chosen)
        instance = super().save_instance()
        return services.set_year_counting(
            financial_year=instance.financial_year, counting=chosen, actor=self.request.user
        )


class HistoricalFigureViewSet(ModelViewSet):
    model = HistoricalFigure
    icon = "history"
    menu_label = _("Past years' figures")
    list_display = ["financial_year", "programmes", "participants", "counting", "source"]
    form_fields = ["financial_year", "programmes", "participants", "source", "counting"]
    edit_view_class = HistoricalFigureEditView


class ReportsGroup(ModelViewSetGroup):
    menu_label = _("Report figures")
    menu_icon = "table"
    menu_order = 260
    items = (AnnualTargetViewSet("annual_targets"), HistoricalFigureViewSet("historical_figures"))


@hooks.register("register_admin_viewset")
def register_report_figures():
    return ReportsGroup()
