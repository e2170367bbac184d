"""What software can check in a reply the trainee wrote (English or Hindi): a date, a
deadline ("within 7 days"), a designation, an action taken, a reason, the appeal route,
the registration number, the citizen's application ID, the evidence of an ATR.
``text_checks(action, text, ...)`` runs the checks ``rubric.REPLY_CHECKS`` lists for the
action and returns ``{check: passed}``. Pure: no database."""

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


DESIGNATION_RE = _words(
    "officer",
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
    "authority",
    "head",
    "gro",
    "dma",
    "nodal",
    "अधिकारी",
    "तहसीलदार",
    "अभियंता",
    "निरीक्षक",
    "पर्यवेक्षक",
    "सचिव",
    "आयुक्त",
    "प्राधिकारी",
)
ACTION_RE = re.compile(
    r"(?<![\w])(?:action taken|repaired|replaced|restored|fixed|issued|lifted|removed|"
    r"cleared|cleaned|laid|connected|delivered|sanctioned|completed|done|visited|inspected|"
    r"verified|enquired|called|registered|transferred|forwarded|directed|credited|released|"
    r"paid|resolved|redressed|entered|approved|granted|installed|impounded)(?![\w])"
    r"|किया गया|कर दी|कर दिया|जारी|हटाया|ठीक",
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
) -> dict[str, bool]:
    """{check: passed} for a text written with ``action`` (REPLY_CHECKS)."""
    payload = payload or {}
    text = str(text or "")
    results = {}
    for check in REPLY_CHECKS.get(action, ()):
        if check == "reg-no":
            ok = bool(reg_no) and _norm(reg_no) in _norm(text)
        elif check == "action":
            ok = bool(ACTION_RE.search(text))
        elif check == "date":
            ok = has_date(text)
        elif check == "designation":
            ok = bool(DESIGNATION_RE.search(text)) or any(
                d and d.lower() in text.lower() for d in designations
            )
        elif check == "reason":
            ok = bool(REASON_RE.search(text))
        elif check == "expected-date":
            ok = bool(payload.get("expected_by")) or has_date(text)
        elif check == "appeal-route":
            ok = bool(APPEAL_RE.search(text))
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
