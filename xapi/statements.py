"""Pure builders of xAPI 1.0.3 statements (plain dicts, no database): the actor, the verb,
an activity, a result with its score, the context (parent and grouping activities, the
department as an extension) and the statement around them. ``receivers`` reads the events'
rows and calls these; ``tests/xapi/test_statements.py`` checks the shape."""

import uuid
from decimal import Decimal

from .enums import VERBS, ActivityType

LANGUAGE = "en-US"


def statement_id(*, homepage: str, key: str) -> uuid.UUID:
    """The same event always gets the same id (a repeated signal or a resend is not a new
    statement); deployments differ by their home page."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{homepage.rstrip('/')}/xapi/statement/{key}")


def actor(
    *, homepage: str, employee_code: str | None, username: str, email: str = "", by_email=False
) -> dict:
    """An Agent identified by an account on the platform (the HRMS employee code, or the
    user name of an officer without one); by email only when the cell chose it
    (``XAPI_ACTOR_BY_EMAIL``) and the officer has one."""
    if by_email and email:
        return {"objectType": "Agent", "mbox": f"mailto:{email}"}
    return {
        "objectType": "Agent",
        "account": {"homePage": homepage, "name": employee_code or username},
    }


def actor_key(agent: dict) -> str:
    """A short stable string for listing and filtering statements by actor."""
    if "mbox" in agent:
        return agent["mbox"].removeprefix("mailto:")
    return agent["account"]["name"]


def verb(key_or_iri: str) -> dict:
    """A verb of ``enums.VERBS`` by its key, or any verb IRI (its display is the IRI's
    last part)."""
    if key_or_iri in VERBS:
        iri, display = VERBS[key_or_iri]
    else:
        iri, display = key_or_iri, key_or_iri.rstrip("/").rsplit("/", 1)[-1]
    return {"id": iri, "display": {LANGUAGE: display}}


def activity_type(*, site: str, kind: str) -> str:
    if kind == ActivityType.CERTIFICATE:
        return f"{site.rstrip('/')}/xapi/activity-types/certificate"
    return kind


def activity(*, id: str, name: str, type: str, description: str = "") -> dict:
    definition = {"name": {LANGUAGE: name}, "type": type}
    if description:
        definition["description"] = {LANGUAGE: description}
    return {"objectType": "Activity", "id": id, "definition": definition}


def _number(value):
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def result(
    *,
    raw=None,
    max=None,
    min=0,
    success: bool | None = None,
    completion: bool | None = None,
    duration_centis: int | None = None,
) -> dict:
    """A result; a score when ``raw`` and ``max`` are given (scaled = raw / max, in 0..1);
    a duration (ISO 8601, as xAPI asks) from hundredths of a second."""
    out = {}
    if raw is not None and max:
        raw_d, max_d, min_d = Decimal(str(raw)), Decimal(str(max)), Decimal(str(min))
        scaled = ((raw_d - min_d) / (max_d - min_d)).quantize(Decimal("0.0001"))
        out["score"] = {
            "scaled": float(scaled),
            "raw": _number(raw_d),
            "min": _number(min_d),
            "max": _number(max_d),
        }
    if success is not None:
        out["success"] = bool(success)
    if completion is not None:
        out["completion"] = bool(completion)
    if duration_centis is not None:
        out["duration"] = duration(duration_centis)
    return out


def duration(centis: int) -> str:
    """Hundredths of a second as an ISO 8601 duration (``PT1H2M3.45S``)."""
    seconds, hundredths = divmod(max(int(centis), 0), 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{seconds}.{hundredths:02d}".rstrip("0").rstrip(".")
    return f"PT{hours}H{minutes}M{text}S"


def department_extension(*, site: str) -> str:
    return f"{site.rstrip('/')}/xapi/extensions/department"


def context(
    *,
    site: str,
    parent: list[dict] = (),
    grouping: list[dict] = (),
    department: dict | None = None,
    platform: str = "Sevottam LMS",
) -> dict:
    """Where the activity sits (``parent``: the course of a lesson or test, the programme of
    a certificate; ``grouping``: the course of a programme) and the officer's department
    (``{"code", "name"}``) as an extension."""
    out = {"platform": platform}
    activities = {}
    if parent:
        activities["parent"] = list(parent)
    if grouping:
        activities["grouping"] = list(grouping)
    if activities:
        out["contextActivities"] = activities
    if department:
        out["extensions"] = {department_extension(site=site): department}
    return out


def statement(
    *,
    id: uuid.UUID,
    actor: dict,
    verb: dict,
    object: dict,
    timestamp,
    result: dict | None = None,
    context: dict | None = None,
) -> dict:
    out = {
        "id": str(id),
        "actor": actor,
        "verb": verb,
        "object": object,
        "timestamp": timestamp.isoformat(),
    }
    if result:
        out["result"] = result
    if context:
        out["context"] = context
    return out
