import re

from django import forms
from django.utils.translation import gettext_lazy as _

CODE_LENGTH_MESSAGE = _("The check-in code has 6 letters and digits, e.g. K7M2QX.")


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The 6 letters and digits the coordinator shows in the classroom."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        """Forgive spaces, dashes and lower case; anything else is not a code."""
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"]).upper()
        if not re.fullmatch(r"[A-Z0-9]{6}", code):
            raise forms.ValidationError(CODE_LENGTH_MESSAGE)
        return code
