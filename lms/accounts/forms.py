from django import forms

from .models import User


class ProfileForm(forms.ModelForm):
    """What an officer may change about themselves. Service particulars (department,
    level, designation, employee code) are kept by the cell and the HRMS."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "mobile", "preferred_language"]
        widgets = {"mobile": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True
