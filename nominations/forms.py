from django import forms
from django.utils.translation import gettext_lazy as _

from lms.core import spreadsheets


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SubstituteForm(NoteForm):
    replacement = forms.ModelChoiceField(
        label=_("Substitute officer"),
        queryset=None,
        error_messages={
            "invalid_choice": _("Choose an eligible officer of your department from the list.")
        },
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = officers
        self.fields["replacement"].label_from_instance = lambda o: (
            f"{o.get_full_name() or o.username} ({o.employee_code or '—'}, {o.shown_designation})"
        )
        self.order_fields(["replacement", "note"])


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: employee_code, note (optional). First row is the header. "
            "At most 500 rows, 2 MB; .csv (UTF-8) or .xlsx."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > spreadsheets.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class WithdrawalRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to withdraw?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your HOD reads this and decides: withdraw you or send someone else."),
    )
