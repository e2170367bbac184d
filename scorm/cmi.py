"""The SCORM 1.2 data a commit may store, checked as the SCORM 1.2 Run-Time Environment
defines each element (section 3.4): its type (every value is a string), its length and its
vocabulary. The browser runtime checks the same on ``LMSSetValue``; the server checks again
because a request can be written by hand.

Stored: ``cmi.core.lesson_status``, ``cmi.core.score.raw``/``min``/``max``,
``cmi.suspend_data``, ``cmi.core.lesson_location``, ``cmi.core.exit`` and
``cmi.core.session_time``. ``cmi.core.total_time`` is read-only to the SCO: the server
works it out from the session times and ignores the one sent. Other elements
(interactions, objectives, comments, preferences) are not kept."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .enums import EXIT_VALUES, LessonStatus

# CMITimespan: HHHH:MM:SS.SS (hours of 2 to 4 digits, optional 1 or 2 decimal places).
TIMESPAN = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(?:\.(\d{1,2}))?$")
# CMIDecimal: an optional sign, digits, an optional decimal part.
DECIMAL = re.compile(r"^-?\d{1,10}(?:\.\d{1,10})?$")
SUSPEND_DATA_MAX = 4096  # CMIString4096
LOCATION_MAX = 255  # CMIString255
HUNDREDTH = Decimal("0.01")


class CmiInvalid(ValueError):
    """A value SCORM 1.2 does not allow; ``code`` is the SCORM 1.2 error code (405:
    incorrect data type, 201: invalid argument)."""

    def __init__(self, message: str, code: int = 405):
        super().__init__(message)
        self.code = code


@dataclass
class Commit:
    """The checked values of one commit; None where the commit did not send the element."""

    lesson_status: str | None = None
    score_raw: Decimal | None = None
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    scores_sent: bool = False
    suspend_data: str | None = None
    lesson_location: str | None = None
    exit: str | None = None
    session_centis: int | None = None


def timespan_centis(value: str) -> int:
    """A CMITimespan as hundredths of a second; raises ``CmiInvalid``."""
    match = TIMESPAN.match(value)
    if not match:
        raise CmiInvalid(
            _("cmi.core.session_time must be a time span such as 0001:30:05.25 (HHHH:MM:SS.SS).")
        )
    hours, minutes, seconds, fraction = match.groups()
    centis = int((fraction or "0").ljust(2, "0"))
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 100 + centis


def centis_timespan(centis: int) -> str:
    """Hundredths of a second as a CMITimespan (hours capped at 9999)."""
    seconds, hundredths = divmod(max(centis, 0), 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{min(hours, 9999):04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"


def _string(data: dict, key: str) -> str | None:
    if key not in data:
        return None
    value = data[key]
    if not isinstance(value, str):
        raise CmiInvalid(_("%(element)s must be a string.") % {"element": f"cmi.{key}"})
    return value


def _score(value: str | None, element: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if not DECIMAL.match(value):
        raise CmiInvalid(_("%(element)s must be a decimal number.") % {"element": element})
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise CmiInvalid(
            _("%(element)s must be a decimal number.") % {"element": element}
        ) from None
    if not 0 <= number <= 100:
        raise CmiInvalid(_("%(element)s must be between 0 and 100.") % {"element": element})
    return number.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def flatten(data, prefix: str = "") -> dict:
    """{"core": {"score": {"raw": "1"}}} -> {"core.score.raw": "1"} (at most 6 levels)."""
    flat = {}
    if not isinstance(data, dict) or prefix.count(".") > 6:
        return flat
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat


def parse(payload) -> Commit:
    """The checked ``Commit`` from the runtime's JSON (``{"cmi": {"core": {...}, ...}}``);
    raises ``CmiInvalid`` naming the element and the rule."""
    if not isinstance(payload, dict) or not isinstance(payload.get("cmi"), dict):
        raise CmiInvalid(_("The commit must be a JSON object with the cmi data."), code=201)
    data = flatten(payload["cmi"])
    commit = Commit()
    status = _string(data, "core.lesson_status")
    if status is not None and status != "":
        if status not in LessonStatus.values:
            raise CmiInvalid(
                _("cmi.core.lesson_status must be one of: %(values)s.")
                % {"values": ", ".join(LessonStatus.values)}
            )
        commit.lesson_status = status
    suspend = _string(data, "suspend_data")
    if suspend is not None:
        if len(suspend) > SUSPEND_DATA_MAX:
            raise CmiInvalid(
                _("cmi.suspend_data may hold at most %(limit)d characters; %(count)d were sent.")
                % {"limit": SUSPEND_DATA_MAX, "count": len(suspend)}
            )
        commit.suspend_data = suspend
    location = _string(data, "core.lesson_location")
    if location is not None:
        if len(location) > LOCATION_MAX:
            raise CmiInvalid(
                _("cmi.core.lesson_location may hold at most %(limit)d characters.")
                % {"limit": LOCATION_MAX}
            )
        commit.lesson_location = location
    exit_value = _string(data, "core.exit")
    if exit_value is not None:
        if exit_value not in EXIT_VALUES:
            raise CmiInvalid(_("cmi.core.exit must be time-out, suspend, logout or empty."))
        commit.exit = exit_value
    session = _string(data, "core.session_time")
    if session:
        commit.session_centis = timespan_centis(session)
    total = _string(data, "core.total_time")
    if total:
        timespan_centis(total)  # checked, not trusted
    scores = {part: _string(data, f"core.score.{part}") for part in ("raw", "min", "max")}
    if any(value is not None for value in scores.values()):
        commit.scores_sent = True
        commit.score_raw = _score(scores["raw"], "cmi.core.score.raw")
        commit.score_min = _score(scores["min"], "cmi.core.score.min")
        commit.score_max = _score(scores["max"], "cmi.core.score.max")
    return commit
