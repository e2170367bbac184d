"""The scoring rubric as tables (drawn from DARPG's CPGRAMS guidelines 2024 and the
Sevottam grievance-redress steps): the six dimensions' weights and labels, the pass mark
and the hard-fail cap, the rubric's own rule codes with their text and source
(``SCORING_RULES``, ``score.*``), the rule kinds whose refusal is a hard fail, the action
groups scoring looks at (routing, closing, timers), how far along the ordinary path each
action takes a grievance (``STAGE``; also used by ``ideal``), and which written texts are
checked for what (``REPLY_TEXT``, ``REPLY_CHECKS``, ``CHECK_LABELS``; the checks
themselves are in ``replies``). Data only; ``scoring``'s docstring explains the rubric."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .enums import Action, RuleKind

A = Action

SCORING_VERSION = 3  # 3: co-office inputs consolidated, trap rows judged with the hard fails
HARD_FAIL_CAP = 40
# A dimension in which a requirement failed (a deadline missed, a reply without one of its
# required elements, the grievance with the wrong office or offices, a wrong out-of-scope
# reason) keeps at most this share of its weight: every such failure costs at least four
# fifths of the dimension, so a wrong play never passes for a right one (the mutation
# audit, ``audit``). A mandatory step not taken fails the procedure dimension outright.
SEVERE_CAP = 0.2
PASS_MARK = 60  # for statistics outside any programme; assignments set their own

WEIGHTS: dict[str, int] = {
    "timeliness": 25,
    "categorisation": 15,
    "routing": 20,
    "procedure": 15,
    "reply": 20,
    "outcome": 5,
}
DIMENSION_LABELS = {
    "timeliness": _("Timeliness"),
    "categorisation": _("Categorisation"),
    "routing": _("Routing"),
    "procedure": _("Procedure"),
    "reply": _("Reply quality"),
    "outcome": _("Outcome"),
}

RUBRIC = "Sevottam LMS scoring rubric (after DARPG's CPGRAMS guidelines 2024)"
ENGINE_SOURCE = "The grievance procedure as the simulator's desk applies it (who acts, and when)"

# The rubric's own rules: code -> (text, source); the text is translated when shown.
SCORING_RULES: dict[str, tuple[str, str]] = {
    "score.timeliness.ack": (
        _("Acknowledge every grievance within the rulebook's time, with its registration number."),
        "DARPG's Sevottam framework (grievance redress: timely acknowledgement); Bihar Citizens' Charter for municipalities §6, point 5; "
        + RUBRIC,
    ),
    "score.timeliness.service-time": (
        _(
            "Dispose of the grievance within its time limit (the service's time, else the "
            "rulebook's); the score falls linearly to nothing at twice the limit."
        ),
        RUBRIC,
    ),
    "score.timeliness.interim-reply": (
        _(
            "When disposal will be late, send an interim reply with the reason and the expected "
            "date before the time limit runs out."
        ),
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024); " + RUBRIC,
    ),
    "score.timeliness.facilitation": (
        _("Help a citizen who never applied to apply within the time the rulebook gives."),
        "Haryana CM Window SOP (March 2024); " + RUBRIC,
    ),
    "score.timeliness.appeal": (
        _("Decide an appeal within the appellate level's time, or it moves up a level."),
        RUBRIC,
    ),
    "score.timeliness.escalation": (
        _("A missed time that escalates the grievance or files an automatic appeal."),
        RUBRIC,
    ),
    "score.categorisation.missing": (
        _("Categorise every grievance."),
        "Haryana CM Window SOP (March 2024): all grievances categorised; " + RUBRIC,
    ),
    "score.categorisation.others": (
        _("Do not use 'Others' when a specific category fits ('Others' should approach zero)."),
        "Haryana CM Window SOP (March 2024); " + RUBRIC,
    ),
    "score.categorisation.parent": (
        _("Categorise to the specific category, not only the right group."),
        RUBRIC,
    ),
    "score.categorisation.wrong": (_("Categorise to the category the grievance is about."), RUBRIC),
    "score.routing.missing": (
        _("Send the grievance to the office that must act on it."),
        RUBRIC,
    ),
    "score.routing.first-office": (
        _("The first forward (or transfer) goes to the office that must act on it."),
        RUBRIC,
    ),
    "score.routing.extra-transfer": (
        _("Each transfer beyond the one needed passes the citizen from door to door."),
        "CPGRAMS 6.0 user manual (transfers are limited); " + RUBRIC,
    ),
    "score.routing.wrong-out-of-scope": (
        _(
            "Close as out of scope only a grievance that is outside the scheme, for a listed reason."
        ),
        RUBRIC,
    ),
    "score.routing.out-of-scope-reason": (
        _("Close an out-of-scope grievance for the reason that applies."),
        RUBRIC,
    ),
    "score.routing.not-closed": (
        _(
            "A grievance outside the scheme is closed as out of scope with the reason and the "
            "remedy, not worked."
        ),
        RUBRIC,
    ),
    "score.routing.final-office": (
        _(
            "The grievance ends with the office that must act on it (after an allegation: an "
            "office senior to the one accused, or Vigilance)."
        ),
        RUBRIC,
    ),
    "score.routing.office-set": (
        _(
            "A case that needs several offices is forwarded to exactly those offices, with the "
            "lead office that consolidates one action-taken report."
        ),
        "CPGRAMS 6.0 user manual (forwarding to several offices); " + RUBRIC,
    ),
    "score.routing.consolidation": (
        _(
            "In a case forwarded to several offices, the lead office files its action-taken "
            "report only once every co-office's input has arrived, and consolidates them into "
            "that one report."
        ),
        "CPGRAMS 6.0 user manual (forwarding to several offices); " + RUBRIC,
    ),
    "score.routing.consolidation-named": (
        _("The lead office's action-taken report says which co-offices' inputs it consolidates."),
        RUBRIC,
    ),
    "score.routing.separate-atr": (
        _(
            "A co-office does not file an action-taken report of its own: it sends its input to "
            "the lead office, which files one report for the case."
        ),
        "CPGRAMS 6.0 user manual (forwarding to several offices); " + RUBRIC,
    ),
    "score.routing.duplicate-worked": (
        _(
            "A duplicate is linked to its lead case, not worked separately: the lead office "
            "files one action-taken report for the group."
        ),
        RUBRIC,
    ),
    "score.procedure.missing-step": (_("Take every step the procedure requires."), RUBRIC),
    "score.procedure.duplicate-not-linked": (
        _("Link every duplicate complaint to its lead case."),
        RUBRIC,
    ),
    "score.reply.reg-no": (_("A reply quotes the grievance's registration number."), RUBRIC),
    "score.reply.action": (_("A final reply or ATR states the action taken."), RUBRIC),
    "score.reply.date": (_("A final reply or ATR gives a date."), RUBRIC),
    "score.reply.designation": (_("A reply names the designation of the officer."), RUBRIC),
    "score.reply.reason": (
        _("An interim reply or a closure gives its reason."),
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024); " + RUBRIC,
    ),
    "score.reply.expected-date": (
        _("An interim reply gives the date by which the grievance will be disposed of."),
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024); " + RUBRIC,
    ),
    "score.reply.appeal-route": (
        _(
            "A closure tells the citizen where to go next (appeal, reopening, court), to which "
            "authority, and within what time."
        ),
        "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024): speaking replies and the appeal "
        "mechanism; " + RUBRIC,
    ),
    "score.reply.application-id": (
        _("The interim reply quotes the citizen's new application ID."),
        "Haryana CM Window SOP (March 2024); " + RUBRIC,
    ),
    "score.reply.evidence": (
        _("An ATR that claims resolution names its evidence (e.g. a dated photo)."),
        "Haryana CM Window SOP (March 2024): remand on contradicting feedback; " + RUBRIC,
    ),
    "score.reply.deadline": (_("Directions and remands set a deadline."), RUBRIC),
    "score.reply.missing": (_("Write the reply the procedure requires."), RUBRIC),
    "score.reply.original-no": (
        _("The reply to a duplicate's citizen quotes the lead case's number as well as their own."),
        RUBRIC,
    ),
    "score.reply.duplicate-reply": (
        _(
            "Each citizen whose complaint is linked as a duplicate is told so, with their own number."
        ),
        RUBRIC,
    ),
    "score.reply.fresh-route": (
        _(
            "After the reopening window, the closure advises a fresh grievance that cites the "
            "old number."
        ),
        "CPGRAMS FAQ (a closed grievance is not reopened: lodge a fresh one); " + RUBRIC,
    ),
    "score.reply.advice-missing": (
        _(
            "A citizen who asks to reopen after the window is closed with advice: lodge a fresh "
            "grievance citing the old number."
        ),
        "CPGRAMS FAQ; " + RUBRIC,
    ),
    "score.outcome.wrongly-closed": (
        _("The grievance is redressed, not closed away (as out of scope or a duplicate)."),
        RUBRIC,
    ),
    "score.outcome.not-reached": (_("The case is taken as far as the procedure requires."), RUBRIC),
    "score.outcome.remanded": (_("No avoidable remand."), RUBRIC),
    "score.outcome.duplicate-open": (
        _("No complaint is left open: a duplicate is closed by linking it to its lead case."),
        RUBRIC,
    ),
    "score.hard.wrong-out-of-scope": (
        _("Closing a grievance that is within scope as out of scope."),
        RUBRIC + " (hard fails)",
    ),
    "score.hard.conflict-held": (
        _(
            "An office named in an allegation (and the offices under it) never holds, takes up "
            "or answers the grievance."
        ),
        "Central Vigilance Commission, Vigilance Manual 2021 (complaints against an officer "
        "are not examined by that officer); " + RUBRIC + " (hard fails)",
    ),
    "score.hard.conflict-destination": (
        _(
            "A grievance that alleges wrongdoing by an office goes to an office senior to it, or "
            "to Vigilance."
        ),
        "Central Vigilance Commission, Vigilance Manual 2021; " + RUBRIC + " (hard fails)",
    ),
}

# The public documents the rubric's sources cite, one part each (a source joins parts
# with "; "): listed here so that they are translated; the debrief shows each in the page's
# language (tests/simulator/test_debrief_judgement.py checks that every part is listed).
SOURCE_TITLES = frozenset(
    {
        gettext_noop("Bihar Citizens' Charter for municipalities §6, point 5"),
        gettext_noop("CPGRAMS 6.0 user manual (forwarding to several offices)"),
        gettext_noop("CPGRAMS 6.0 user manual (transfers are limited)"),
        gettext_noop("CPGRAMS FAQ"),
        gettext_noop("CPGRAMS FAQ (a closed grievance is not reopened: lodge a fresh one)"),
        gettext_noop("Central Vigilance Commission, Vigilance Manual 2021"),
        gettext_noop(
            "Central Vigilance Commission, Vigilance Manual 2021 (complaints against an officer are not examined by that officer)"
        ),
        gettext_noop("DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024)"),
        gettext_noop(
            "DARPG OM of 23.08.2024 (CPGRAMS guidelines 2024): speaking replies and the appeal mechanism"
        ),
        gettext_noop("DARPG's Sevottam framework (grievance redress: timely acknowledgement)"),
        gettext_noop("Haryana CM Window SOP (March 2024)"),
        gettext_noop("Haryana CM Window SOP (March 2024): all grievances categorised"),
        gettext_noop("Haryana CM Window SOP (March 2024): remand on contradicting feedback"),
        gettext_noop("Sevottam LMS scoring rubric (after DARPG's CPGRAMS guidelines 2024)"),
        gettext_noop(
            "Sevottam LMS scoring rubric (after DARPG's CPGRAMS guidelines 2024) (hard fails)"
        ),
        gettext_noop(
            "The grievance procedure as the simulator's desk applies it (who acts, and when)"
        ),
    }
)

# Rule kinds whose refusal is a hard fail (the rubric's 'hard fails'; the
# simulator README maps them): the trainee tried the forbidden thing.
HARD_FAIL_REFUSALS = frozenset(
    {
        RuleKind.FORBID_CLOSURE_PHRASE,
        RuleKind.FORBID_RETURN_REASON,
        RuleKind.MAX_TRANSFERS,
        RuleKind.CONFLICT_OF_INTEREST,
    }
)
ROUTING = (A.FORWARD, A.TRANSFER, A.REASSIGN)
CLOSING = (
    A.CLOSE_OUT_OF_SCOPE,
    A.LINK_DUPLICATE,
    A.DISPOSE,
    A.CLOSE,
    A.CLOSE_WITH_ADVICE,
    A.DECIDE_APPEAL,
)
TIMERS = (A.ESCALATE, A.AUTO_APPEAL, A.ESCALATE_APPEAL)

# How far along the ordinary path an action takes a grievance (the furthest mandatory step
# is where the case should end); steps off the path have no rank.
STAGE = {
    A.ACKNOWLEDGE: 0,
    A.CATEGORISE: 1,
    A.FORWARD: 2,
    A.TRANSFER: 2,
    A.CLOSE_OUT_OF_SCOPE: 2,
    A.LINK_DUPLICATE: 2,
    A.REQUEST_REASSIGN: 2,
    A.REASSIGN: 2,
    A.TAKE_UP: 3,
    A.CALL_CITIZEN: 3,
    A.FACILITATE_APPLICATION: 3,
    A.INTERIM_REPLY: 3,
    A.SUBMIT_INPUT: 3,
    A.RETURN_ATR: 4,
    A.SUBMIT_ATR: 4,
    A.APPROVE_ATR: 5,
    A.DISPOSE: 6,
    A.ISSUE_DIRECTIONS: 7,
    A.REMAND: 8,
    A.DECIDE_APPEAL: 8,
}

# What each written text is checked for, and where the text is in the payload.
REPLY_TEXT = {
    A.DISPOSE: "reply",
    A.CLOSE_OUT_OF_SCOPE: "reply",
    A.INTERIM_REPLY: "text",
    A.SUBMIT_ATR: "text",
    A.DECIDE_APPEAL: "order",
    A.REMAND: "directions",
    A.ISSUE_DIRECTIONS: "text",
    A.LINK_DUPLICATE: "reply",
    A.CLOSE_WITH_ADVICE: "reply",
}
REPLY_CHECKS: dict[str, tuple[str, ...]] = {
    A.DISPOSE: ("reg-no", "action", "date", "designation", "appeal-route"),
    A.CLOSE_OUT_OF_SCOPE: ("reg-no", "reason", "appeal-route", "designation"),
    A.INTERIM_REPLY: ("reg-no", "reason", "expected-date", "designation", "application-id"),
    A.SUBMIT_ATR: ("action", "date", "designation", "evidence"),
    A.DECIDE_APPEAL: ("reg-no", "reason", "date", "designation", "appeal-route"),
    A.REMAND: ("deadline",),
    A.ISSUE_DIRECTIONS: ("deadline",),
    A.LINK_DUPLICATE: ("reg-no", "original-no"),
    A.CLOSE_WITH_ADVICE: ("reg-no", "fresh-route", "designation"),
}
CHECK_LABELS = {
    "reg-no": _("the registration number"),
    "action": _("the action taken"),
    "date": _("a date"),
    "designation": _("a designation"),
    "reason": _("a reason"),
    "expected-date": _("an expected date"),
    "appeal-route": _("the next step or appeal route with its authority and time limit"),
    "application-id": _("the application ID"),
    "evidence": _("its evidence"),
    "deadline": _("a deadline"),
    "original-no": _("the lead case's number"),
    "fresh-route": _("the advice to lodge a fresh grievance"),
}
