from django import forms

from .models import User


class ProfileForm(forms.ModelForm):
    """What an officer may change about themselves, their name in Devanagari (for the Hindi
    text of certificates) included. Service particulars (department, level, designation and
    its Hindi, employee code) are kept by the cell and the HRMS."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "name_hi", "email", "mobile", "preferred_language"]
        widgets = {
            "mobile": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
            # Typed in Devanagari: the browser's spelling and input tools follow lang.
            "name_hi": forms.TextInput(attrs={"lang": "hi", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True

    def clean_name_hi(self):
        return " ".join(self.cleaned_data["name_hi"].split())
