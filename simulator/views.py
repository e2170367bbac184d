"""The trainee's simulator pages: the scenario list, the desk (the grievance, the simulated
clock, the actions of the role being played, the event log) and the debrief.

Everything works without JavaScript: each action is a plain form posted to ``act`` and
answered with a redirect back to the desk (POST-redirect-GET), an invalid one too: what
was typed is kept in the browser session (a "draft") and the desk shows that form again,
filled in, with its errors next to their fields, at the desk's own address (so that
reloading, switching role or language keeps working). Views call ``simulator.services``
and read through the selectors.

Who sees what: a session is its trainee's; trainers, course directors and cell
administrators may open any session read-only for review; anyone else gets a 404. Only
the trainee acts on it (the services refuse anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from lms.core.decorators import post_only, role_required
from lms.core.languages import showing_hindi

from . import scoring, selectors, services
from .book import book_for
from .debrief import decision as _decision
from .debrief import timed
from .enums import DESK_ACTIONS, Action, EngineRule, SessionStatus, SimRole
from .forms import (
    FORMS,
    SPEEDS,
    AdvanceForm,
    DeskOptions,
    SpeedForm,
    action_form,
    draft_form,
    drop_draft,
    keep_draft,
    local_name,
    role_choices,
)
from .models import PracticeSession, Scenario

A = Action
practiser_required = role_required(services.may_practise)
RECENT_SESSIONS = 20
ACTION_ORDER = list(Action.values)  # the menu follows the enum: the usual order of work


# ---------------------------------------------------------------- the scenario list
@practiser_required
@require_GET
def scenario_list(request):
    """Scenarios assigned to the trainee's programmes first, then every scenario, with the
    trainee's best scores and sessions in progress; the trainee's recent sessions."""
    user = request.user
    assignments = selectors.assignments_for_trainee(user)
    scenarios = list(selectors.scenarios_for_trainees())
    bests = selectors.best_scores(user)
    active = selectors.active_sessions(user)
    assigned_ids = set()
    groups = []
    for assignment in assignments:
        rows = []
        for scenario in assignment.scenarios.all():
            assigned_ids.add(scenario.pk)
            best = bests.get(scenario.pk)
            rows.append(
                {
                    "scenario": scenario,
                    "best": best,
                    "met": best is not None and best >= assignment.min_score,
                    "active": active.get(scenario.pk),
                }
            )
        groups.append({"assignment": assignment, "rows": rows})
    by_rulebook: dict = {}
    for scenario in scenarios:
        by_rulebook.setdefault(scenario.rulebook, []).append(
            {
                "scenario": scenario,
                "best": bests.get(scenario.pk),
                "active": active.get(scenario.pk),
                "assigned": scenario.pk in assigned_ids,
            }
        )
    programmes = {a.programme.pk: a.programme for a in assignments}
    sessions = list(selectors.sessions_for(user)[:RECENT_SESSIONS])
    return render(
        request,
        "simulator/scenario_list.html",
        {
            "groups": groups,
            "by_rulebook": list(by_rulebook.items()),
            "sessions": sessions,
            "programmes": list(programmes.values()),
            "may_review": selectors.may_review(user),
            "pass_mark": scoring.PASS_MARK,
        },
    )


def _startable(request, pk) -> Scenario:
    """A scenario the user may start (404 otherwise): authors may try a withdrawn one."""
    may_review = selectors.may_review(request.user)
    scenarios = Scenario.objects.all() if may_review else selectors.scenarios_for_trainees()
    return get_object_or_404(scenarios, pk=pk)


def _to_scenarios(request, pk) -> str:
    return reverse("simulator:scenarios") + f"#scenario-{_startable(request, pk).pk}"


@practiser_required
@post_only(_to_scenarios)
def start(request, pk):
    """Start the scenario, or go back to the session already running for it."""
    scenario = _startable(request, pk)
    running = selectors.active_session(request.user, scenario)
    if running is not None:
        messages.info(request, _("You have this scenario in progress: carry on where you left."))
        return redirect("simulator:desk", pk=running.pk)
    try:
        session = services.start_session(trainee=request.user, scenario=scenario)
    except services.SimulatorError as error:
        messages.error(request, str(error))
        return redirect("simulator:scenarios")
    return redirect("simulator:desk", pk=session.pk)


# ---------------------------------------------------------------- the desk
def _viewer_session(request, pk) -> PracticeSession:
    try:
        return selectors.session_for_viewer(request.user, pk)
    except PracticeSession.DoesNotExist as missing:
        raise Http404 from missing


def _own_active(request, pk) -> PracticeSession:
    """The requester's own session (404 otherwise, reviewers included)."""
    try:
        return selectors.session_for(request.user, pk)
    except PracticeSession.DoesNotExist as missing:
        raise Http404 from missing


def _to_desk(request, pk) -> str:
    """Where a GET of a desk form's address goes: the desk, for whoever may see it."""
    return reverse("simulator:desk", kwargs={"pk": _viewer_session(request, pk).pk})


def _to_debrief(request, pk) -> str:
    return reverse("simulator:debrief", kwargs={"pk": _viewer_session(request, pk).pk})


def _desk_url(session, *, role=None, grievance=None, anchor="") -> str:
    query = {k: v for k, v in (("role", role), ("g", grievance)) if v}
    url = reverse("simulator:desk", kwargs={"pk": session.pk})
    return url + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")


def _pick(grievances, value):
    if value and str(value).isdigit():
        for grievance in grievances:
            if grievance.pk == int(value):
                return grievance
    return next((g for g in grievances if g.is_primary), grievances[0] if grievances else None)


def _rule_titles(session) -> dict[str, str]:
    titles = {rule.code: rule.title for rule in book_for(session).rules}
    titles.update({code: str(label) for code, label in EngineRule.choices})
    return titles


def describe(event, labels: dict) -> str:
    """A short account of what an event carried (never the simulation's hidden truth)."""
    p = event.payload or {}

    def name(code):
        return labels.get(code, code)

    action = event.action
    parts = []
    if action == A.REGISTER:
        parts.append(_("Registration number %(reg)s") % {"reg": p.get("reg_no", "")})
        if p.get("time_limit"):
            parts.append(_("time limit %(limit)s") % {"limit": p["time_limit"]})
    elif action == A.CATEGORISE:
        parts.append(p.get("category_name") or name(p.get("category", "")))
    elif action in (A.FORWARD, A.TRANSFER, A.REASSIGN):
        if p.get("office"):
            parts.append(name(p["office"]))
        if p.get("also"):
            parts.append(_("also: %(offices)s") % {"offices": ", ".join(map(name, p["also"]))})
    elif action == A.LINK_DUPLICATE:
        parts.append(_("duplicate of %(reg)s") % {"reg": p.get("original_reg_no", "")})
    elif action == A.DUPLICATE_RECEIVED:
        parts.append(_("new complaint %(reg)s") % {"reg": p.get("duplicate_reg_no", "")})
    elif action in (A.DEADLINE_MISSED,):
        parts.append(_("deadline: %(which)s") % {"which": p.get("deadline", "")})
    elif action in (A.ESCALATE, A.AUTO_APPEAL, A.ESCALATE_APPEAL):
        parts.append(
            _("level %(level)s: %(authority)s")
            % {"level": p.get("level", ""), "authority": p.get("authority", "")}
        )
    elif action == A.FEEDBACK:
        parts.append(_("rating: %(rating)s") % {"rating": p.get("rating", "")})
    if action == A.CLOSE_OUT_OF_SCOPE and p.get("reason"):
        parts.append(p.get("reason_label") or name(p["reason"]))
    if action == A.RETURN and p.get("reason"):
        parts.append(p["reason"].replace("_", " "))
    if p.get("expected_by"):
        parts.append(_("expected by %(date)s") % {"date": str(p["expected_by"])[:10]})
    if p.get("application_ref") and action == A.FACILITATE_APPLICATION:
        parts.append(p["application_ref"])
    for key in ("text", "reply", "reason", "note", "directions", "order", "grounds", "remarks"):
        value = p.get(key)
        if (
            isinstance(value, str)
            and value.strip()
            and not (key == "reason" and action in (A.CLOSE_OUT_OF_SCOPE, A.RETURN))
        ):
            parts.append(f"“{Truncator(value.strip()).chars(240)}”")
    if p.get("evidence"):
        parts.append(_("evidence: %(evidence)s") % {"evidence": p["evidence"]})
    return " · ".join(str(part) for part in parts if part)


def _log_rows(events, labels, titles):
    return [
        {
            "event": event,
            "detail": describe(event, labels),
            "rule_title": titles.get(event.rule_code, ""),
            "by_you": event.actor_id is not None,
        }
        for event in events
    ]


def _labels(options: DeskOptions) -> dict[str, str]:
    labels = {c.code: local_name(c) for c in options.categories}
    labels.update({o.code: local_name(o) for o in options.offices})
    labels.update(options.out_of_scope)
    return labels


def _desk(request, session, *, role=None, grievance_id=None):
    """Render the desk; an invalid action form kept for this grievance and role (see
    ``act``) is shown again with what was typed and its errors."""
    scenario = session.scenario
    roles = scenario.trainee_roles()
    grievances = list(selectors.grievances(session))
    grievance = _pick(grievances, grievance_id)
    is_owner = session.trainee_id == request.user.pk
    if role not in roles:
        role = next(
            (r for r in roles if grievance and selectors.desk_actions(grievance, r)),
            roles[0] if roles else None,
        )
    options = DeskOptions(session, grievances)
    forms = []
    if is_owner and session.status == SessionStatus.ACTIVE and grievance is not None:
        bound = draft_form(request, session, options=options, grievance=grievance, role=role)
        for action in sorted(selectors.desk_actions(grievance, role), key=ACTION_ORDER.index):
            if action not in FORMS or (action == A.LINK_DUPLICATE and len(grievances) < 2):
                continue
            if bound is not None and bound.action == action:
                forms.append(bound)
            else:
                forms.append(action_form(action, options=options, grievance=grievance))
    labels = _labels(options)
    titles = _rule_titles(session)
    events = list(selectors.event_log(session))
    hindi = showing_hindi()
    view = selectors.desk_view(grievance) if grievance else None
    context = {
        "session": session,
        "scenario": scenario,
        "grievances": grievances,
        "grievance": grievance,
        "view": view,
        "text_first": (grievance.text_hi if hindi and grievance.text_hi else grievance.text)
        if grievance
        else "",
        "text_other": (
            (grievance.text if hindi and grievance.text_hi else grievance.text_hi)
            if grievance
            else ""
        ),
        "other_lang": "en" if hindi and grievance and grievance.text_hi else "hi",
        "co_offices": [labels.get(code, code) for code in (view or {}).get("co_offices", [])],
        "role": role,
        "role_label": SimRole(role).label if role else "",
        "roles": role_choices(scenario),
        "forms": forms,
        "log": _log_rows(events, labels, titles),
        "is_owner": is_owner,
        "active": session.status == SessionStatus.ACTIVE,
        "advance_form": AdvanceForm(),
        "speed_form": SpeedForm(initial={"speed": session.speed}),
        "speed_label": dict(SPEEDS).get(session.speed, session.speed),
        "rulebook_name": local_name(session.rulebook),
        "scenario_title": scenario.title_hi if hindi and scenario.title_hi else scenario.title,
    }
    return render(request, "simulator/desk.html", context)


@login_required
@require_GET
def desk(request, pk):
    session = _viewer_session(request, pk)
    if session.status != SessionStatus.ACTIVE and session.trainee_id == request.user.pk:
        return redirect("simulator:debrief", pk=session.pk)
    return _desk(request, session, role=request.GET.get("role"), grievance_id=request.GET.get("g"))


@login_required
@post_only(_to_desk)
def act(request, pk):
    """Take one action on one grievance as one simulated role; the result (done, or
    refused with the rule) is shown on the desk after a redirect. An invalid form is kept
    (``forms.keep_draft``) and shown again on the desk, after a redirect too. A GET (an
    old bookmark, a reload) goes to the desk, as for every form of the simulator."""
    session = _own_active(request, pk)
    if session.status != SessionStatus.ACTIVE:
        messages.error(request, _("This practice session has ended."))
        return redirect("simulator:debrief", pk=session.pk)
    action = request.POST.get("action", "")
    role = request.POST.get("role", "")
    if action not in DESK_ACTIONS or action not in FORMS:
        return HttpResponseBadRequest(_("Unknown action."))
    if role not in session.scenario.trainee_roles():
        return HttpResponseBadRequest(_("You do not play that role in this scenario."))
    grievances = list(selectors.grievances(session))
    grievance_id = request.POST.get("grievance", "")
    grievance = next((g for g in grievances if str(g.pk) == grievance_id), None)
    if grievance is None:
        raise Http404
    form = action_form(
        action, options=DeskOptions(session, grievances), grievance=grievance, data=request.POST
    )
    if not form.is_valid():
        keep_draft(request, session, form, role=role, grievance=grievance)
        messages.error(
            request,
            _("The form has errors: see '%(action)s' below.") % {"action": Action(action).label},
        )
        return redirect(
            _desk_url(session, role=role, grievance=grievance.pk, anchor=f"form-{action}")
        )
    try:
        result = services.perform(
            grievance=grievance,
            action=action,
            actor=request.user,
            role=role,
            payload=form.payload(),
        )
    except services.SimulatorError as error:
        keep_draft(request, session, form, role=role, grievance=grievance)  # try again
        messages.error(request, str(error))
        return redirect(
            _desk_url(session, role=role, grievance=grievance.pk, anchor=f"form-{action}")
        )
    drop_draft(request, session, action=action, grievance=grievance.pk)
    if result.ok:
        messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
        for event in result.follow_ups:
            messages.warning(
                request,
                _("Then: %(action)s. %(message)s")
                % {"action": event.get_action_display(), "message": event.message},
            )
    else:
        messages.error(
            request,
            _("Refused under the rule “%(rule)s”: %(message)s")
            % {
                "rule": _rule_titles(session).get(result.rule_code, _("of the procedure")),
                "message": result.message,
            },
        )
    return redirect(_desk_url(session, role=role, grievance=grievance.pk, anchor="log"))


@login_required
@post_only(_to_desk)
def clock(request, pk):
    """Advance the simulated clock, or set its speed."""
    session = _own_active(request, pk)
    back = _desk_url(session, role=request.POST.get("role"), grievance=request.POST.get("g"))
    if session.status != SessionStatus.ACTIVE:
        return redirect("simulator:debrief", pk=session.pk)
    try:
        if "speed" in request.POST:
            form = SpeedForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose one of the clock speeds."))
                return redirect(back)
            services.set_speed(
                session=session, actor=request.user, speed=form.cleaned_data["speed"]
            )
            messages.success(
                request,
                _("Clock: %(speed)s.") % {"speed": dict(SPEEDS)[form.cleaned_data["speed"]]},
            )
            return redirect(back)
        form = AdvanceForm(request.POST)
        if not form.is_valid():
            for error in form.non_field_errors():
                messages.error(request, error)
            for field in ("days", "hours", "minutes", "preset"):
                for error in form.errors.get(field, []):
                    messages.error(request, f"{form.fields[field].label or field}: {error}")
            return redirect(back)
        delta = form.cleaned_data["delta"]
        report = services.advance_clock(
            session=session,
            actor=request.user,
            days=delta.days,
            minutes=delta.seconds // 60,
        )
    except services.SimulatorError as error:
        messages.error(request, str(error))
        return redirect(back)
    session.refresh_from_db(fields=["sim_now"])
    happened = report.events + report.scripted
    messages.info(
        request,
        ngettext(
            "The clock is now %(now)s. %(n)s thing happened meanwhile: see the event log.",
            "The clock is now %(now)s. %(n)s things happened meanwhile: see the event log.",
            happened,
        )
        % {"now": f"{timezone.localtime(session.sim_now):%d/%m/%Y %H:%M}", "n": happened},
    )
    return redirect(back)


@login_required
@post_only(_to_desk)
def finish(request, pk):
    session = _own_active(request, pk)
    drop_draft(request, session)
    if session.status == SessionStatus.ACTIVE:
        abandon = request.POST.get("abandon") == "1"
        services.finish_session(session=session, actor=request.user, abandon=abandon)
    return redirect("simulator:debrief", pk=session.pk)


# ---------------------------------------------------------------- the debrief
@login_required
@require_GET
def debrief(request, pk):
    """The result: total and hard fails, each dimension and deduction with the rule behind
    it, each decision against the key, the model answer, and the timeline."""
    session = _viewer_session(request, pk)
    if session.status == SessionStatus.ACTIVE:
        if session.trainee_id == request.user.pk:
            messages.info(request, _("Finish the session to see the debrief."))
        return redirect("simulator:desk", pk=session.pk)
    breakdown = session.score_breakdown or {}
    grievances = list(selectors.grievances(session))
    options = DeskOptions(session, grievances)
    labels = _labels(options)
    titles = _rule_titles(session)
    rules = {rule.code: rule for rule in book_for(session).rules}
    events = list(selectors.event_log(session))
    dimensions = [
        {
            **dim,
            "label": scoring.DIMENSION_LABELS.get(dim["code"], dim["code"]),
            "deductions": timed(dim.get("deductions", []), rules, labels),
        }
        for dim in breakdown.get("dimensions", [])
    ]
    decisions = [_decision(d, rules, labels) for d in breakdown.get("decisions", [])]
    return render(
        request,
        "simulator/debrief.html",
        {
            "session": session,
            "scenario": session.scenario,
            "breakdown": breakdown,
            "dimensions": dimensions,
            "applicable": [d for d in dimensions if d["applicable"]],
            "deductions": [x for d in dimensions for x in d["deductions"]],
            "decisions": decisions,
            "hard_fails": timed(breakdown.get("hard_fails", []), rules, labels),
            "log": _log_rows(events, labels, titles),
            "is_owner": session.trainee_id == request.user.pk,
            "pass_mark": scoring.PASS_MARK,
            "hard_fail_cap": scoring.HARD_FAIL_CAP,
            "reply_override": timed([breakdown["reply_override"]])[0]
            if breakdown.get("reply_override")
            else None,
            "may_override": selectors.may_review(request.user)
            and any(d["code"] == "reply" and d["applicable"] for d in dimensions),
        },
    )


@login_required
@post_only(_to_debrief)
def override_reply_score(request, pk):
    """A trainer sets the reply-quality score of a finished session, with a comment."""
    if not selectors.may_review(request.user):
        raise Http404
    session = get_object_or_404(PracticeSession, pk=pk)
    try:
        services.override_reply_score(
            session=session,
            actor=request.user,
            percent=request.POST.get("percent", ""),
            comment=request.POST.get("comment", ""),
        )
    except services.SimulatorError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The reply quality score was changed."))
    return redirect("simulator:debrief", pk=session.pk)
