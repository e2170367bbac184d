"""The learning record store over HTTP: PUT one statement by its id (xAPI 1.0.3, HTTP
Basic auth). The store's answer is sorted into sent, transient (try again later: the store
is down, busy or broken) and rejected (the statement or the credentials need a person)."""

from dataclasses import dataclass

import requests
from django.conf import settings

from .enums import XAPI_VERSION

SENT, TRANSIENT, REJECTED = "sent", "transient", "rejected"


@dataclass(frozen=True)
class Outcome:
    kind: str
    detail: str = ""


def statements_url() -> str:
    return settings.XAPI_ENDPOINT.rstrip("/") + "/statements"


def put_statement(payload: dict) -> Outcome:
    try:
        response = requests.put(
            statements_url(),
            params={"statementId": payload["id"]},
            json=payload,
            auth=(settings.XAPI_USERNAME, settings.XAPI_PASSWORD),
            headers={"X-Experience-API-Version": XAPI_VERSION},
            timeout=settings.XAPI_TIMEOUT,
        )
    except requests.RequestException as error:
        return Outcome(TRANSIENT, f"{type(error).__name__}: {error}"[:1000])
    code = response.status_code
    if code in (200, 204):
        return Outcome(SENT)
    if code == 409:
        # The store has a statement with this id already (the id is the event's own, so it
        # was sent before): nothing more to send.
        return Outcome(SENT, "409: the store already holds this statement id")
    detail = f"{code}: {response.text[:500]}"
    if code in (408, 429) or code >= 500:
        return Outcome(TRANSIENT, detail)
    return Outcome(REJECTED, detail)
