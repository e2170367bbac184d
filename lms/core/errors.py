"""The one base of every domain error: a request the rules refuse, whose message names the
rule for the person acting (in their language). Each app raises its own subclass
(``NominationError``, ``CertificateError``, ...); pages show the message, and the API maps
every ``DomainError`` to 400 once (``api.exceptions``), with ``as_json`` for its body."""


class DomainError(Exception):
    def as_json(self) -> dict:
        return {"detail": str(self)}
