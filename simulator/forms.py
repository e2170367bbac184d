"""The desk's forms: one per desk action (``action_form``), the clock and the role switch.

Each action form collects what ``services.perform`` needs for that action
(``enums.REQUIRED_INPUT``) and builds its payload; choices (the category tree, the
offices, the out-of-scope reasons, the other grievances) come from the session's
rulebook, loaded once per page (``DeskOptions``). A form rejects malformed input (a field
left empty, a choice that is not offered, a date that is not one); whether the action is
*allowed* is the rulebook's call, and a refusal is recorded as part of the exercise."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from lms.core.languages import showing_hindi

from .book import book_for
from .enums import Action, ReturnReason, SimRole
from .models import Category, Grievance, Office

A = Action
TEXT_MAX = 4000
# Offered so that the forbidden "does not pertain" closure can be tried (and refused).
DOES_NOT_PERTAIN = ("does_not_pertain", _("Does not pertain to this office"))


def local_name(obj) -> str:
    """The Hindi name when the page is in Hindi and one is given."""
    if showing_hindi() and getattr(obj, "name_hi", ""):
        return obj.name_hi
    return obj.name


class DeskOptions:
    """The rulebook's categories, offices and out-of-scope reasons and the session's
    grievances, loaded once for every form on the desk (2 queries)."""

    def __init__(self, session, grievances):
        self.session = session
        self.grievances = list(grievances)
        categories = list(
            Category.objects.filter(rulebook_id=session.rulebook_id).order_by("sort_order", "name")
        )
        self.offices = list(
            Office.objects.filter(rulebook_id=session.rulebook_id).order_by("organisation", "name")
        )
        self.categories = categories
        self.out_of_scope = book_for(session).out_of_scope_reasons()

    def category_choices(self):
        by_id = {c.pk: c for c in self.categories}
        children: dict[int | None, list] = {}
        for category in self.categories:
            children.setdefault(category.parent_id, []).append(category)

        def path(category):
            names, node = [], category
            while node is not None:
                names.append(local_name(node))
                node = by_id.get(node.parent_id)
            return " › ".join(reversed(names))

        def descendants(category):
            for child in children.get(category.pk, []):
                yield child
                yield from descendants(child)

        choices = [("", _("Choose a category"))]
        for root in children.get(None, []):
            below = list(descendants(root))
            if not below:
                choices.append((root.code, local_name(root)))
                continue
            group = [(root.code, _("%(name)s (the whole group)") % {"name": local_name(root)})]
            group += [(c.code, path(c)) for c in below]
            choices.append((local_name(root), group))
        return choices

    def office_choices(self, *, blank=True):
        groups: dict[str, list] = {}
        for office in self.offices:
            groups.setdefault(office.organisation, []).append((office.code, local_name(office)))
        choices = [("", _("Choose an office"))] if blank else []
        return choices + list(groups.items())

    def reason_choices(self):
        return (
            [("", _("Choose a reason"))]
            + list(self.out_of_scope.items())
            + ([DOES_NOT_PERTAIN] if "does_not_pertain" not in self.out_of_scope else [])
        )

    def original_choices(self, grievance):
        return [("", _("Choose the original grievance"))] + [
            (g.reg_no, g.reg_no) for g in self.grievances if g.pk != grievance.pk
        ]


def _text(label, *, required=True, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ActionForm(forms.Form):
    action = ""

    def __init__(self, *args, options: DeskOptions, grievance: Grievance, **kwargs):
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)
        self.options, self.grievance = options, grievance
        self.setup()

    def setup(self):
        pass

    def payload(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}

    @property
    def label(self):
        return Action(self.action).label


class AcknowledgeForm(ActionForm):
    action = A.ACKNOWLEDGE


class CategoriseForm(ActionForm):
    action = A.CATEGORISE
    category = forms.ChoiceField(label=_("Category"))

    def setup(self):
        self.fields["category"].choices = self.options.category_choices()


class ForwardForm(ActionForm):
    action = A.FORWARD
    office = forms.ChoiceField(label=_("Forward to"))
    also = forms.MultipleChoiceField(
        label=_("Also forward to (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def setup(self):
        self.fields["office"].choices = self.options.office_choices()
        self.fields["also"].choices = [
            (o.code, f"{local_name(o)} ({o.organisation})") for o in self.options.offices
        ]


class TransferForm(ActionForm):
    action = A.TRANSFER
    office = forms.ChoiceField(label=_("Transfer to"))
    reason = _text(_("Reasons for the transfer"), rows=3)

    def setup(self):
        self.fields["office"].choices = self.options.office_choices()


class ReassignForm(ActionForm):
    action = A.REASSIGN
    office = forms.ChoiceField(label=_("Reassign to"))

    def setup(self):
        self.fields["office"].choices = self.options.office_choices()


class CloseOutOfScopeForm(ActionForm):
    action = A.CLOSE_OUT_OF_SCOPE
    reason = forms.ChoiceField(label=_("Reason"))
    reply = _text(
        _("Reply to the citizen"),
        help_text=_("Quote the registration number, the reason and where the citizen can go."),
    )

    def setup(self):
        self.fields["reason"].choices = self.options.reason_choices()


class LinkDuplicateForm(ActionForm):
    action = A.LINK_DUPLICATE
    original = forms.ChoiceField(label=_("Duplicate of"))
    reply = _text(
        _("Reply to this citizen"),
        required=False,
        help_text=_(
            "Tell this citizen their own registration number and the number of the case it "
            "is linked to; the lead office answers both with one action-taken report."
        ),
        rows=3,
    )

    def setup(self):
        self.fields["original"].choices = self.options.original_choices(self.grievance)


class RequestReassignForm(ActionForm):
    action = A.REQUEST_REASSIGN
    reason = _text(_("Why it should go elsewhere"), rows=3)


class ReturnForm(ActionForm):
    action = A.RETURN
    reason = forms.ChoiceField(
        label=_("Reason for returning it"),
        choices=[("", _("Choose a reason")), *ReturnReason.choices],
    )


class TakeUpForm(ActionForm):
    action = A.TAKE_UP


class CallCitizenForm(ActionForm):
    action = A.CALL_CITIZEN
    note = _text(_("Note of the call (optional)"), required=False, rows=2)


class FacilitateForm(ActionForm):
    action = A.FACILITATE_APPLICATION
    application_ref = forms.CharField(
        label=_("Application ID"),
        max_length=60,
        help_text=_("The ID of the application made with the citizen (e.g. on SARAL)."),
    )


class InterimReplyForm(ActionForm):
    action = A.INTERIM_REPLY
    text = _text(
        _("Interim reply"),
        help_text=_("Give the reason for the delay and what has been done so far."),
    )
    expected_by = forms.DateField(
        label=_("Expected disposal date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("YYYY-MM-DD. The date by which the grievance will be disposed of."),
    )

    def clean_expected_by(self):
        value = self.cleaned_data.get("expected_by")
        today = timezone.localtime(self.options.session.sim_now).date()
        if value is not None and value <= today:
            raise forms.ValidationError(_("Give a date after the simulated today."))
        return value

    def payload(self):
        payload = super().payload()
        if payload.get("expected_by"):
            payload["expected_by"] = payload["expected_by"].isoformat()
        return payload


class SubmitInputForm(ActionForm):
    """A co-office's input to the lead office of a case forwarded to several offices."""

    action = A.SUBMIT_INPUT
    office = forms.ChoiceField(label=_("Co-office filing its input"))
    text = _text(
        _("Input to the lead office"),
        help_text=_("What this office found or did; the lead office consolidates it."),
        rows=3,
    )

    def setup(self):
        names = {o.code: local_name(o) for o in self.options.offices}
        self.fields["office"].choices = [("", _("Choose an office"))] + [
            (code, names.get(code, code))
            for code in self.grievance.co_offices or []
            if code not in (self.grievance.co_inputs or [])
        ]


class SubmitAtrForm(ActionForm):
    action = A.SUBMIT_ATR
    text = _text(
        _("Action taken report"),
        help_text=_("What was done, when, and by whom (designation)."),
    )
    office = forms.ChoiceField(
        label=_("Filed by"),
        required=False,
        help_text=_(
            "A case forwarded to several offices has one report, the lead office's, with the "
            "co-offices' inputs."
        ),
    )
    resolved = forms.BooleanField(
        label=_("The grievance is resolved"), required=False, initial=True
    )
    evidence = forms.CharField(
        label=_("Evidence (optional)"),
        required=False,
        max_length=200,
        help_text=_("e.g. the name of a dated photo or document."),
    )

    def setup(self):
        co_offices = list(self.grievance.co_offices or [])
        if not co_offices or self.grievance.office is None:
            del self.fields["office"]  # one office holds it: it files the report
            return
        names = {o.code: local_name(o) for o in self.options.offices}
        lead = self.grievance.office
        self.fields["office"].choices = [
            (lead.code, _("%(office)s (lead office)") % {"office": local_name(lead)})
        ] + [(code, names.get(code, code)) for code in co_offices]
        self.fields["office"].initial = lead.code

    def payload(self):
        payload = {
            "text": self.cleaned_data["text"],
            "resolved": bool(self.cleaned_data.get("resolved")),
            "evidence": self.cleaned_data.get("evidence", ""),
        }
        if self.cleaned_data.get("office"):
            payload["office"] = self.cleaned_data["office"]
        return payload


class ReturnAtrForm(ActionForm):
    action = A.RETURN_ATR
    note = _text(_("What must be done again"), rows=3)


class ApproveAtrForm(ActionForm):
    action = A.APPROVE_ATR


class DisposeForm(ActionForm):
    action = A.DISPOSE
    reply = _text(
        _("Final reply to the citizen"),
        help_text=_(
            "Quote the registration number; state the action taken, the date, your "
            "designation and the appeal route."
        ),
    )


class IssueDirectionsForm(ActionForm):
    action = A.ISSUE_DIRECTIONS
    text = _text(_("Directions"), help_text=_("What is to be done, and by when."), rows=3)


class RemandForm(ActionForm):
    action = A.REMAND
    directions = _text(_("Directions"), help_text=_("What is to be done, and by when."), rows=3)


class DecideAppealForm(ActionForm):
    action = A.DECIDE_APPEAL
    order = _text(_("Speaking order"), help_text=_("Who was heard, the reasons, the decision."))


class CloseForm(ActionForm):
    action = A.CLOSE


class CloseWithAdviceForm(ActionForm):
    action = A.CLOSE_WITH_ADVICE
    reply = _text(
        _("Advice to the citizen"),
        help_text=_(
            "After the reopening window: quote the old registration number and advise the "
            "citizen to lodge a fresh grievance that cites it."
        ),
        rows=3,
    )


FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        AcknowledgeForm,
        CategoriseForm,
        ForwardForm,
        TransferForm,
        ReassignForm,
        CloseOutOfScopeForm,
        LinkDuplicateForm,
        RequestReassignForm,
        ReturnForm,
        TakeUpForm,
        CallCitizenForm,
        FacilitateForm,
        InterimReplyForm,
        SubmitInputForm,
        SubmitAtrForm,
        ReturnAtrForm,
        ApproveAtrForm,
        DisposeForm,
        IssueDirectionsForm,
        RemandForm,
        DecideAppealForm,
        CloseForm,
        CloseWithAdviceForm,
    )
}


def action_form(action: str, *, options: DeskOptions, grievance: Grievance, data=None):
    return FORMS[action](data, options=options, grievance=grievance)


# ---------------------------------------------------------------- drafts
# An invalid action form is answered with a redirect to the desk like any other post; what
# was typed is kept in the browser session until that form is sent again (or the session
# is finished), and the desk binds and validates it again: the errors read in the page's
# language, and switching role, grievance or language keeps it.
def _draft_key(session) -> str:
    return f"simulator-draft-{session.pk}"


def keep_draft(request, session, form, *, role, grievance) -> None:
    """Keep an invalid action form's input (its own fields only) for the desk to show."""
    prefix = f"{form.prefix}-"
    request.session[_draft_key(session)] = {
        "action": form.action,
        "role": role,
        "grievance": grievance.pk,
        "data": {key: request.POST.getlist(key) for key in request.POST if key.startswith(prefix)},
    }


def drop_draft(request, session, *, action=None, grievance=None) -> None:
    """Forget the kept input: any, or only that of this action on this grievance."""
    key = _draft_key(session)
    draft = request.session.get(key)
    if draft is None:
        return
    if action is None or (draft.get("action") == action and draft.get("grievance") == grievance):
        del request.session[key]


def draft_form(request, session, *, options, grievance, role):
    """The kept invalid form for this grievance and role, bound again to what was typed
    and validated again (so its errors read in the page's language), or None."""
    draft = request.session.get(_draft_key(session))
    if (
        not isinstance(draft, dict)
        or grievance is None
        or draft.get("grievance") != grievance.pk
        or draft.get("role") != role
        or draft.get("action") not in FORMS
        or not isinstance(draft.get("data"), dict)
    ):
        return None
    form = action_form(
        draft["action"], options=options, grievance=grievance, data=MultiValueDict(draft["data"])
    )
    form.is_valid()
    return form


# ---------------------------------------------------------------- the clock
PRESETS = {
    "1h": datetime.timedelta(hours=1),
    "4h": datetime.timedelta(hours=4),
    "1d": datetime.timedelta(days=1),
    "7d": datetime.timedelta(days=7),
}
SPEEDS = [
    (0, _("I advance the clock")),
    (60, _("1 simulated hour per minute")),
    (240, _("4 simulated hours per minute")),
    (1440, _("1 simulated day per minute")),
]


class AdvanceForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=0, max_value=400, required=False)
    hours = forms.IntegerField(label=_("Hours"), min_value=0, max_value=9600, required=False)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=0, max_value=10000, required=False)
    preset = forms.ChoiceField(choices=[(k, k) for k in PRESETS], required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("preset"):
            delta = PRESETS[data["preset"]]
        else:
            delta = datetime.timedelta(
                days=data.get("days") or 0,
                hours=data.get("hours") or 0,
                minutes=data.get("minutes") or 0,
            )
        if delta <= datetime.timedelta(0):
            raise forms.ValidationError(_("Give some time to advance the clock by."))
        if delta > datetime.timedelta(days=400):
            raise forms.ValidationError(_("Advance at most 400 days at a time."))
        data["delta"] = delta
        return data


class SpeedForm(forms.Form):
    speed = forms.TypedChoiceField(label=_("Clock"), choices=SPEEDS, coerce=int)


def role_choices(scenario):
    return [(role, SimRole(role).label) for role in scenario.trainee_roles()]
