from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import RoleKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RoleForm(forms.Form):
    """A role an officer took up (the HOD or the cell records it)."""

    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    scope = forms.CharField(
        label=_("For"),
        required=False,
        max_length=255,
        help_text=_("The notified services, the appellate level or the office the role is for."),
    )
    from_date = forms.DateField(label=_("From"), widget=DateInput())
    to_date = forms.DateField(
        label=_("To"), required=False, widget=DateInput(), help_text=_("Blank: still held.")
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("from_date"), data.get("to_date")
        if start and end and end < start:
            self.add_error("to_date", _("A role cannot end before it starts."))
        return data


class EndRoleForm(forms.Form):
    to_date = forms.DateField(label=_("Held until"), widget=DateInput())
