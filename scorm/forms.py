"""The admin's upload form for a SCORM package: the zip is checked before anything is
stored, and each rule it breaks is a message on the form."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services


class ScormPackageForm(WagtailAdminModelForm):
    package = forms.FileField(
        label=_("SCORM 1.2 zip"),
        help_text=_(
            "A SCORM 1.2 package as exported by the authoring tool (Articulate, iSpring, "
            "Adapt): a zip with imsmanifest.xml at its top. SCORM 2004 and cmi5 are not "
            "supported."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Left blank, the title in the manifest is used.")
        if self.instance.pk:  # a package's files never change: upload a new package
            del self.fields["package"]

    def save(self, commit=True):
        upload = self.cleaned_data.get("package")
        if self.instance.pk or upload is None:
            return super().save(commit=commit)
        # Checked in ``clean_package``: what is left to fail here is the disk.
        self.instance = services.add_package(
            upload=upload, actor=self.for_user, title=self.cleaned_data.get("title", "")
        )
        return self.instance

    def clean_package(self):
        upload = self.cleaned_data.get("package")
        if upload is not None:
            problems = services.check_package(upload)
            if problems:
                raise forms.ValidationError(problems)
        return upload
