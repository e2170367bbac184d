"""What software can check in a reply the trainee wrote (English or Hindi): the required
elements of a reply, each by accepted phrasings, not by single words. A date, a deadline
("within 7 days"), who acted (a designation), what was done, a reason, the next step or
appeal route *with its authority and time limit*, the registration number (the citizen's
own; for a linked duplicate also the lead case's), the citizen's application ID, the
evidence of an ATR, and after the reopening window the fresh-grievance route.

Phrasings: ``DEFAULT_PHRASINGS`` per element and language (``en``, ``hi``); a rulebook adds
its own with a ``reply_elements`` rule (``{"elements": {element: {"en": [...], "hi":
[...]}}}``, seeded with their sources). ``text_checks(action, text, ...)`` runs the checks
``rubric.REPLY_CHECKS`` lists for the action and returns ``{check: passed}``. Pure: no
database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .rubric import REPLY_CHECKS

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    "जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|सितम्बर|अक्टूबर|अक्तूबर|नवंबर|नवम्बर|दिसंबर|दिसम्बर"
)
DATE_RE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
    re.IGNORECASE,
)
WITHIN_RE = re.compile(
    r"\bwithin\s+(?:\d+|one|two|three|four|five|seven|ten|fifteen|thirty)\s+"
    r"(?:working\s+)?(?:hours?|days?|weeks?)\b|\d+\s*(?:दिन|घंटे)",
    re.IGNORECASE,
)


def _words(*words: str) -> re.Pattern:
    return re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE
    )


# Who acted: a designation (not the bare word "officer" or "authority", which every
# route sentence names too); the rulebook's officer titles and "by" phrasings add to it.
DESIGNATION_RE = _words(
    "tehsildar",
    "naib tehsildar",
    "patwari",
    "engineer",
    "supervisor",
    "inspector",
    "director",
    "secretary",
    "commissioner",
    "manager",
    "magistrate",
    "sdm",
    "superintendent",
    "clerk",
    "gro",
    "dma",
    "nodal officer",
    "designated officer",
    "grievance officer",
    "nodal",
    "तहसीलदार",
    "अभियंता",
    "निरीक्षक",
    "पर्यवेक्षक",
    "सचिव",
    "आयुक्त",
    "नोडल अधिकारी",
    "पदनामित अधिकारी",
)
ACTION_RE = re.compile(
    r"(?<![\w])(?:repaired|replaced|restored|fixed|issued|lifted|removed|"
    r"cleared|cleaned|laid|re-?laid|re-?filled|filled|connected|delivered|sanctioned|"
    r"visited|inspected|verified|enquired|called|registered|transferred|forwarded|"
    r"directed|credited|released|paid|entered|approved|granted|installed|"
    r"impounded|refunded|rectified|restarted|resumed|unblocked|desilted|patched|painted)(?![\w])"
    r"|किया गया|कर दी|कर दिया|जारी|हटाया|ठीक|भरा गया|बिछाया",
    re.IGNORECASE,
)
REASON_RE = re.compile(
    r"(?<![\w])(?:because|since|due to|owing to|reason|reasons|pending|awaited|requires|"
    r"required|needs|sub-judice|sub judice|court|in view of|grounds|as per)(?![\w])"
    r"|कारण|क्योंकि|लंबित|न्यायालय",
    re.IGNORECASE,
)
APPEAL_RE = re.compile(
    r"(?<![\w])(?:appeal|appeals|appellate|court|remedy|reopen|reopened|escalate|escalation|"
    r"redressal authority|commission)(?![\w])|अपील|न्यायालय",
    re.IGNORECASE,
)


TIME_LIMIT_RE = re.compile(
    r"\bwithin\s+(?:\d+|one|two|three|four|five|seven|ten|fifteen|thirty|sixty|ninety)\s+"
    r"(?:working\s+|calendar\s+)?(?:hours?|days?|weeks?|months?)\b"
    r"|\b\d+\s*(?:working\s+|calendar\s+)?(?:hours?|days?)\s+(?:of|from)\b"
    r"|\d+\s*(?:दिन|घंटे|कार्य\s*दिवस)",
    re.IGNORECASE,
)

# Accepted phrasings of the elements that are not patterns, per language. A rulebook's
# ``reply_elements`` rule adds to them (``phrasings_for``).
DEFAULT_PHRASINGS: dict[str, dict[str, list[str]]] = {
    # The next step or appeal route (the authority and the time limit are checked apart).
    "route": {
        "en": [
            "appeal",
            "appellate",
            "reopen",
            "re-open",
            "escalate",
            "representation",
            "departmental channel",
            "approach",
            "file a suit",
            "move the court",
            "lodge a fresh grievance",
            "lodge a new grievance",
        ],
        "hi": ["अपील", "पुनः खोल", "अभ्यावेदन", "न्यायालय में", "नई शिकायत"],
    },
    "authority": {
        "en": [
            "authority",
            "court",
            "commission",
            "commissioner",
            "officer",
            "magistrate",
            "head of office",
            "head of department",
            "secretary",
            "dma",
            "city manager",
            "section head",
            "grievance cell",
            "portal",
        ],
        "hi": ["प्राधिकारी", "न्यायालय", "आयोग", "आयुक्त", "अधिकारी", "कार्यालय प्रमुख", "पोर्टल"],
    },
    "fresh": {
        "en": [
            "fresh grievance",
            "new grievance",
            "fresh complaint",
            "new complaint",
            "lodge it afresh",
            "lodge afresh",
        ],
        "hi": ["नई शिकायत", "नया शिकायत", "पुनः शिकायत दर्ज"],
    },
}


def phrasings_for(extra: Mapping | None = None) -> dict[str, list[str]]:
    """{element: phrasings in every language}: the defaults with a rulebook's added."""
    merged: dict[str, list[str]] = {}
    for source in (DEFAULT_PHRASINGS, extra or {}):
        for element, by_language in source.items():
            if not isinstance(by_language, Mapping):
                continue
            for phrases in by_language.values():
                merged.setdefault(element, []).extend(str(p) for p in phrases or [])
    return merged


def _has_phrase(text: str, phrases: Iterable[str]) -> bool:
    folded = " " + re.sub(r"\s+", " ", text.lower()) + " "
    for phrase in phrases:
        phrase = re.sub(r"\s+", " ", str(phrase).lower()).strip()
        if not phrase:
            continue
        if phrase.isascii():
            if re.search(r"(?<![\w])" + re.escape(phrase), folded):
                return True
        elif phrase in folded:
            return True
    return False


SENTENCE_END_RE = re.compile(r"(?<=[.;।!?])\s+|\s+[—–]\s+|\n+")


def has_route(text: str, phrasings: Mapping[str, list[str]] | None = None) -> bool:
    """The next step or appeal route, with the authority it lies to and its time limit,
    in one sentence (words scattered over the reply do not make a route)."""
    phrasings = phrasings or phrasings_for()
    return any(
        _has_phrase(sentence, phrasings.get("route", ()))
        and _has_phrase(sentence, phrasings.get("authority", ()))
        and (bool(TIME_LIMIT_RE.search(sentence)) or has_date(sentence))
        for sentence in SENTENCE_END_RE.split(text or "")
    )


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", str(text or "")).lower()


def has_date(text: str) -> bool:
    return bool(DATE_RE.search(text or ""))


def text_checks(
    action: str,
    text: str,
    *,
    reg_no: str = "",
    payload: Mapping | None = None,
    application_ref: str = "",
    designations: Iterable[str] = (),
    phrasings: Mapping[str, list[str]] | None = None,
) -> dict[str, bool]:
    """{check: passed} for a text written with ``action`` (REPLY_CHECKS)."""
    payload = payload or {}
    text = str(text or "")
    phrasings = phrasings or phrasings_for()
    results = {}
    for check in REPLY_CHECKS.get(action, ()):
        if check == "reg-no":
            ok = bool(reg_no) and _norm(reg_no) in _norm(text)
        elif check == "original-no":
            original = str(payload.get("original_reg_no") or payload.get("original") or "")
            ok = bool(original) and _norm(original) in _norm(text)
        elif check == "action":
            ok = bool(ACTION_RE.search(text)) or _has_phrase(text, phrasings.get("action", ()))
        elif check == "date":
            ok = has_date(text)
        elif check == "designation":
            ok = (
                bool(DESIGNATION_RE.search(text))
                or any(d and d.lower() in text.lower() for d in designations)
                or _has_phrase(text, phrasings.get("by", ()))
            )
        elif check == "reason":
            ok = bool(REASON_RE.search(text))
        elif check == "expected-date":
            ok = bool(payload.get("expected_by")) or has_date(text)
        elif check == "appeal-route":
            ok = has_route(text, phrasings)
        elif check == "fresh-route":
            ok = _has_phrase(text, phrasings.get("fresh", ()))
        elif check == "application-id":
            if not application_ref:
                continue  # checked only once there is an application
            ok = _norm(application_ref) in _norm(text)
        elif check == "evidence":
            if payload.get("resolved") is False:
                continue  # checked only when the ATR claims resolution
            ok = bool(str(payload.get("evidence") or "").strip())
        elif check == "deadline":
            ok = has_date(text) or bool(WITHIN_RE.search(text))
        else:  # pragma: no cover - every check is listed above
            continue
        results[check] = ok
    return results
