"""Scenario scripts: events that happen to a grievance at a simulated time (the citizen
calls back, call-centre feedback contradicts the ATR, a duplicate complaint arrives, an
allegation is made against the assigned officer, the citizen appeals or asks to reopen).

A script is a JSON list; each item::

    {"kind": "feedback",            # a ScriptKind
     "after": "submit_atr",         # optional: an action; the clock starts when it is first taken
     "at_hours": 24,                # hours after the session start (or after "after")
     "payload": {"rating": "poor", "satisfied": false, "remarks": "..."}}

``validate_script`` is used by ``Scenario.clean`` and by the seed command."""

import re

from .enums import Action, FeedbackRating, ScriptKind

K = ScriptKind

# Evidence a scripted event may carry: an image stored with the site's other media
# (MEDIA_ROOT), named by its path there, e.g. "simulator/evidence/heap-still-there.jpg";
# shown on the desk with the event, with its caption.
ATTACHMENT_KEYS = frozenset({"photo", "photo_caption", "photo_caption_hi"})
IMAGE_RE = re.compile(r"^(?!/)(?!.*\.\.)(?!.*://)[\w./-]+\.(?:jpe?g|png|webp|gif)$", re.IGNORECASE)

# kind -> (required payload keys, optional payload keys)
PAYLOADS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    K.CITIZEN_CALLBACK: (frozenset({"text"}), frozenset({"text_hi"}) | ATTACHMENT_KEYS),
    K.FEEDBACK: (
        frozenset({"rating", "satisfied"}),
        frozenset({"remarks", "remarks_hi", "source"}) | ATTACHMENT_KEYS,
    ),
    K.DUPLICATE_COMPLAINT: (
        frozenset({"text"}),
        frozenset({"text_hi", "citizen_name"}) | ATTACHMENT_KEYS,
    ),
    K.CORRUPTION_ALLEGATION: (frozenset({"text"}), frozenset({"text_hi"}) | ATTACHMENT_KEYS),
    K.APPEAL: (frozenset({"grounds"}), frozenset({"grounds_hi"}) | ATTACHMENT_KEYS),
    K.REOPEN: (frozenset({"reason"}), frozenset({"reason_hi"}) | ATTACHMENT_KEYS),
}
ITEM_KEYS = frozenset({"kind", "after", "at_hours", "payload"})


def validate_script(script) -> list[str]:
    """Problems with a scenario script (empty when it is valid)."""
    if not isinstance(script, list):
        return ["The script must be a JSON list of events."]
    problems = []
    for number, item in enumerate(script, start=1):
        where = f"Event {number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object.")
            continue
        unknown = set(item) - ITEM_KEYS
        if unknown:
            problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}.")
        kind = item.get("kind")
        if kind not in PAYLOADS:
            problems.append(f"{where}: kind must be one of {', '.join(K.values)}.")
            continue
        at = item.get("at_hours", 0)
        if isinstance(at, bool) or not isinstance(at, int | float) or at < 0:
            problems.append(f"{where}: at_hours must be a number of hours, 0 or more.")
        after = item.get("after")
        if after is not None and after not in Action.values:
            problems.append(f"{where}: 'after' must be an action code.")
        payload = item.get("payload", {})
        if not isinstance(payload, dict):
            problems.append(f"{where}: payload must be an object.")
            continue
        required, optional = PAYLOADS[kind]
        missing = required - set(payload)
        if missing:
            problems.append(f"{where}: payload needs {', '.join(sorted(missing))}.")
        extra = set(payload) - required - optional
        if extra:
            problems.append(f"{where}: payload has unknown keys {', '.join(sorted(extra))}.")
        photo = payload.get("photo")
        if "photo" in payload and (not isinstance(photo, str) or not IMAGE_RE.match(photo)):
            problems.append(
                f"{where}: photo must be the path of an image in the media store "
                "(.jpg, .png, .webp or .gif, e.g. simulator/evidence/heap.jpg)."
            )
        for key in required | optional:
            value = payload.get(key)
            if key == "photo":
                continue
            if key == "satisfied" and key in payload and not isinstance(value, bool):
                problems.append(f"{where}: satisfied must be true or false.")
            elif key == "rating" and key in payload and value not in FeedbackRating.values:
                problems.append(
                    f"{where}: rating must be one of {', '.join(FeedbackRating.values)}."
                )
            elif (
                key not in ("satisfied", "rating")
                and key in payload
                and (not isinstance(value, str) or (key in required and not value.strip()))
            ):
                problems.append(f"{where}: {key} must be text.")
    return problems


def offset_minutes(item: dict) -> int:
    return round(float(item.get("at_hours", 0)) * 60)
