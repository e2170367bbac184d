"""Short-lived signed tokens in the URLs of a SCORM lesson.

The package runs in a sandboxed frame whose origin is opaque: the browser sends it no
cookies, so the address itself must say who may read the package. A *content* token
(package key, learner, lesson) prefixes every package file's URL and expires after
``SCORM_CONTENT_TOKEN_SECONDS``; the file view checks it and the learner's enrolment again.

A *runtime* token (learner, lesson, package, attempt, and the moment the lesson page was
opened, which names the learning session) is the address the lesson page commits the
learner's CMI data to. The commit must also come with the learner's session cookie; the
token, which only the lesson page holds, stands in for the CSRF token because the
runtime's last commit is sent with ``navigator.sendBeacon``, which cannot set headers."""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

CONTENT_SALT = "scorm.content"
RUNTIME_SALT = "scorm.runtime"


def content_seconds() -> int:
    return int(getattr(settings, "SCORM_CONTENT_TOKEN_SECONDS", 6 * 3600))


def runtime_seconds() -> int:
    return int(getattr(settings, "SCORM_RUNTIME_TOKEN_SECONDS", 24 * 3600))


@dataclass(frozen=True)
class ContentClaim:
    package_key: str
    user_id: int
    lesson_id: int


@dataclass(frozen=True)
class RuntimeClaim:
    user_id: int
    lesson_id: int
    package_id: int
    attempt: int
    session: int  # when the lesson page was opened (milliseconds since the epoch)


def content_token(*, package_key, user_id: int, lesson_id: int) -> str:
    return signing.dumps([str(package_key), user_id, lesson_id], salt=CONTENT_SALT)


def read_content_token(token: str) -> ContentClaim | None:
    try:
        key, user_id, lesson_id = signing.loads(token, salt=CONTENT_SALT, max_age=content_seconds())
        return ContentClaim(str(key), int(user_id), int(lesson_id))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def runtime_token(*, user_id: int, lesson_id: int, package_id: int, attempt: int) -> str:
    session = int(timezone.now().timestamp() * 1000)
    return signing.dumps([user_id, lesson_id, package_id, attempt, session], salt=RUNTIME_SALT)


def read_runtime_token(token: str) -> RuntimeClaim | None:
    try:
        values = signing.loads(token, salt=RUNTIME_SALT, max_age=runtime_seconds())
        return RuntimeClaim(*(int(value) for value in values))
    except (signing.BadSignature, ValueError, TypeError):
        return None
