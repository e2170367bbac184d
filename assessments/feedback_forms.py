"""The trainee's reaction survey form: one radio group (1-5) per statement the survey
asks, and two optional comments. Eligibility and the one-response rule are the service's."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LIKERT_CHOICES, FeedbackResponse

NOT_APPLICABLE = "na"
COMMENT_MAX = 2000


class FeedbackForm(forms.Form):
    def __init__(self, *args, items, venue_optional=False, **kwargs):
        super().__init__(*args, **kwargs)
        for item in items:
            choices = [(str(value), label) for value, label in LIKERT_CHOICES]
            if item == "venue" and venue_optional:
                choices.append((NOT_APPLICABLE, _("Not applicable (I joined online)")))
            self.fields[item] = forms.ChoiceField(
                label=FeedbackResponse._meta.get_field(item).verbose_name,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a rating for this statement."),
                    "invalid_choice": _("Choose one of the ratings shown."),
                },
            )
        self.fields["what_worked"] = forms.CharField(
            label=_("What worked well?"),
            required=False,
            max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.fields["what_to_improve"] = forms.CharField(
            label=_("What could be improved?"),
            required=False,
            max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
        self.items = list(items)

    def rating_fields(self):
        return [self[item] for item in self.items]

    def comment_fields(self):
        return [self["what_worked"], self["what_to_improve"]]

    def ratings(self) -> dict:
        return {
            item: None
            if self.cleaned_data[item] == NOT_APPLICABLE
            else int(self.cleaned_data[item])
            for item in self.items
        }
