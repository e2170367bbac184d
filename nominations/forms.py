from django import forms
from django.utils.translation import gettext_lazy as _


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SubstituteForm(NoteForm):
    replacement = forms.ModelChoiceField(label=_("Substitute officer"), queryset=None)

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = officers
        self.fields["replacement"].label_from_instance = lambda o: (
            f"{o.get_full_name() or o.username} ({o.employee_code or '—'}, {o.designation})"
        )
        self.order_fields(["replacement", "note"])


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        min_length=6,
        max_length=6,
        help_text=_("The 6 letters and digits the coordinator shows in the classroom."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class UploadForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: employee_code, note (optional). First row is the header. At most 500 rows, 2 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload
