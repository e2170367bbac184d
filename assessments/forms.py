"""Forms of the assessments app.

``parse_responses`` reads a trainee's posted page. ``QuestionForm`` lets a trainer write a
question's answer in plain text (options one per line, the key as letters, pairs as
"left = right", ...) and turns it into the ``options`` and ``key`` JSON that
``assessments.grading`` expects; editing shows what was saved as the same text again. The
notation itself, both ways, is ``assessments.notation``."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import QuestionType
from .models import Question, QuestionBank
from .notation import ANSWER_FIELDS, answer_text, build_answer

# ---------------------------------------------------------------------------------------
# The trainee's responses


def parse_responses(post, shown) -> dict:
    """{question id: response} for the questions on the posted page. Only fields that were
    on the page are read; anything else in the POST is ignored."""
    responses = {}
    for item in shown:
        question, name = item.question, item.field
        kind = question.type
        if kind == QuestionType.MULTIPLE:
            if f"{name}-present" in post:
                responses[str(question.pk)] = post.getlist(name)
        elif kind == QuestionType.TRUE_FALSE:
            if name in post:
                responses[str(question.pk)] = post[name] == "true"
        elif kind == QuestionType.MATCHING:
            pairs = {left["id"]: post.get(f"{name}-{left['id']}", "") for left in item.left}
            if any(pairs.values()):
                responses[str(question.pk)] = {k: v for k, v in pairs.items() if v}
        elif kind == QuestionType.ORDERING:
            order = [post.get(f"{name}-{n}", "") for n in range(len(item.options))]
            if any(order):
                responses[str(question.pk)] = order
        elif name in post:
            responses[str(question.pk)] = post[name][:500]
    return responses


def with_saved_choices(shown) -> list:
    """Mark what is saved on the selects of matching and ordering questions, so that a
    resumed page shows (and, saved again, keeps) the trainee's answer: every left item of a
    matching question gets ``chosen`` (the right item's id), every ordering question gets
    ``positions`` ([{"index", "chosen"}], one per place)."""
    for item in shown:
        answer = item.answer
        if item.question.type == QuestionType.MATCHING:
            saved = answer if isinstance(answer, dict) else {}
            for left in item.left:
                left["chosen"] = saved.get(left["id"], "")
        elif item.question.type == QuestionType.ORDERING:
            saved = answer if isinstance(answer, list) else []
            item.positions = [
                {"index": n, "chosen": saved[n] if n < len(saved) else ""}
                for n in range(len(item.options))
            ]
    return shown


# ---------------------------------------------------------------------------------------
# Authoring: the question form (the notation is in assessments.notation)


def _textarea(rows=5):
    return forms.Textarea(attrs={"rows": rows, "cols": 60})


def offer_to_create_a_bank(field) -> None:
    """Before the first question bank exists the bank list is empty: say so, and link to
    creating one."""
    if not QuestionBank.objects.exists():
        field.help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("There is no question bank yet: every question belongs to one."),
            reverse("question_banks:add"),
            _("Create a question bank"),
        )


class QuestionForm(WagtailAdminModelForm):
    """A question authored without JSON: the text fields of the chosen type become the
    question's ``options`` and ``key`` in ``clean()`` and are filled from them on edit."""

    options_text = forms.CharField(
        label=_("Options"),
        required=False,
        widget=_textarea(6),
        help_text=_(
            "One option per line. Letters a, b, c… are given in order, or start every line "
            "with your own, like “a) Citizen's Charter”. Ordering: write the items in the "
            "right order (trainees see them shuffled); the letters are only labels."
        ),
    )
    correct = forms.CharField(
        label=_("Correct option(s)"),
        required=False,
        max_length=200,
        help_text=_(
            "The letter of the right option, e.g. b. Multiple choice: every right letter, "
            "e.g. a, c."
        ),
    )
    true_false = forms.ChoiceField(
        label=_("The statement is"),
        required=False,
        choices=[("true", _("True")), ("false", _("False"))],
        widget=forms.RadioSelect,
    )
    accepted_answers = forms.CharField(
        label=_("Accepted answers"),
        required=False,
        widget=_textarea(4),
        help_text=_(
            "One accepted answer per line. Capitals and extra spaces do not matter "
            "(“RTS Act” = “rts  act”)."
        ),
    )
    numeric_value = forms.CharField(
        label=_("Right value"),
        required=False,
        max_length=40,
        help_text=_("A number, e.g. 21 or 3.5 (commas are ignored: 1,00,000)."),
    )
    numeric_tolerance = forms.CharField(
        label=_("Tolerance (±)"),
        required=False,
        max_length=40,
        help_text=_("Answers this far from the value still count as right; 0 for exact."),
    )
    pairs = forms.CharField(
        label=_("Pairs"),
        required=False,
        widget=_textarea(6),
        help_text=_(
            "One pair per line as “left = right”, e.g. “RTS Act = 2014”. A line “= right” "
            "adds a right-hand item that matches nothing. Trainees pick the right item for "
            "each left one."
        ),
    )

    class Meta:
        model = Question
        fields = [
            "bank",
            "type",
            "stem",
            "explanation",
            "difficulty",
            "language",
            "tags",
            "marks",
        ]

    answer_fields = (
        "options_text",
        "correct",
        "true_false",
        "accepted_answers",
        "numeric_value",
        "numeric_tolerance",
        "pairs",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._answer_checked = False
        if "bank" in self.fields:
            offer_to_create_a_bank(self.fields["bank"])
        if self.instance.pk:
            for name, value in answer_text(
                self.instance.type, self.instance.options, self.instance.key
            ).items():
                self.initial.setdefault(name, value)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("type")
        if not kind:
            return cleaned
        try:
            options, key = build_answer(kind, cleaned, previous=self.instance.options)
        except ValidationError as error:
            self.add_error(None, error)
        else:
            self.instance.options, self.instance.key = options, key
            self._answer_checked = True
        return cleaned

    def _update_errors(self, errors):
        """The model checks ``options`` and ``key``, which are not fields of this form:
        show its complaint on the text field the key is written in, or drop it when the
        text fields have already been found wanting (it is then about the old key)."""
        if hasattr(errors, "error_dict"):
            kind = self.cleaned_data.get("type")
            target = ANSWER_FIELDS.get(kind, (NON_FIELD_ERRORS,))[-1]
            remapped: dict[str, list] = {}
            for field, messages in errors.error_dict.items():
                if field in ("options", "key"):
                    if not self._answer_checked:
                        continue
                    field = target
                remapped.setdefault(field, []).extend(messages)
            if not remapped:
                return
            errors = ValidationError(remapped)
        super()._update_errors(errors)


class QuestionImportForm(forms.Form):
    """A CSV or XLSX file of questions for one bank (see ``assessments.question_import``)."""

    bank = forms.ModelChoiceField(
        label=_("Question bank"),
        queryset=QuestionBank.objects.order_by("name"),
        help_text=_("The questions are added to this bank."),
    )
    file = forms.FileField(
        label=_("File (.csv or .xlsx, at most 2 MB and 500 questions)"),
        help_text=_(
            "Columns: type, question, options, answer, explanation, difficulty, language, "
            "tags, marks. Options one per line in the cell (or separated by “ | ”)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_to_create_a_bank(self.fields["bank"])
