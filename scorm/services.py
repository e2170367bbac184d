"""Every write of the SCORM app: adding a package, and storing a learner's commit."""

import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import services as course_services
from courses.models import LessonCompletion
from lms.core.errors import DomainError
from lms.core.languages import canonical
from lms.core.services import record_audit
from lms.core.signals import send_after_commit

from . import cmi, packages
from .enums import DONE, RESULTS, LessonStatus
from .models import ScormAttempt, ScormLessonPage, ScormPackage
from .signals import attempt_result
from .tokens import RuntimeClaim


class ScormError(DomainError):
    """A package or a commit the rules refuse; ``messages`` lists each rule broken."""

    def __init__(self, messages, code: int = 101, status: int = 400):
        messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(messages))
        self.messages = messages
        self.code = code
        self.status = status


def package_root() -> Path:
    return Path(getattr(settings, "SCORM_ROOT", Path(settings.MEDIA_ROOT).parent / "scorm"))


def package_dir(package: ScormPackage) -> Path:
    return package_root() / package.key.hex


def check_package(upload) -> list[str]:
    """Every rule ``upload`` breaks (an empty list for a valid SCORM 1.2 package)."""
    try:
        packages.inspect_package(upload)
    except packages.PackageInvalid as error:
        return error.messages
    return []


@transaction.atomic
def add_package(*, upload, actor, title: str = "") -> ScormPackage:
    """Check ``upload`` (a SCORM 1.2 zip), unpack it and record it. Raises ``ScormError``
    naming every rule the zip breaks; then nothing is stored."""
    remove_orphans()
    try:
        inspection = packages.inspect_package(upload)
    except packages.PackageInvalid as error:
        raise ScormError(error.messages) from None
    package = ScormPackage(
        title=(title or inspection.title or _("SCORM package"))[:255],
        identifier=inspection.identifier,
        launch_path=inspection.launch_path,
        launch_query=inspection.launch_query,
        mastery_score=inspection.mastery_score,
        file_count=len(inspection.files),
        unpacked_bytes=inspection.unpacked_bytes,
        uploaded_by=actor,
    )
    package.save()
    target = package_dir(package)
    try:
        packages.unpack(upload, inspection, target)
    except packages.PackageInvalid as error:
        raise ScormError(error.messages) from None
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
        raise ScormError(_("The zip is damaged: a file cannot be unpacked.")) from None
    mark_uncommitted(target)
    record_audit(actor=actor, action="scorm.package_added", obj=package, to_state="added")
    return package


def mark_uncommitted(target: Path) -> None:
    """Mark ``target`` until the transaction commits. Django has no on-rollback hook: a
    directory whose row was rolled back keeps its marker, and ``remove_orphans`` (run
    before each upload) deletes it later."""
    marker = target / ".uncommitted"
    marker.touch()
    transaction.on_commit(lambda: marker.unlink(missing_ok=True))


def remove_orphans() -> int:
    """Remove package directories left by a rolled-back upload (still marked uncommitted
    after an hour) and interrupted unpacks. Returns how many were removed."""
    root = package_root()
    if not root.is_dir():
        return 0
    cutoff = timezone.now().timestamp() - 3600
    removed = 0
    for path in root.iterdir():
        stale = path.name.startswith(".incoming-") or (path / ".uncommitted").exists()
        if path.is_dir() and stale and path.stat().st_mtime < cutoff:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _regresses(old: str, new: str) -> bool:
    """A lesson passed or completed stays so (a late or repeated commit cannot undo it),
    and failed never turns into a lesser status."""
    if old in DONE:
        return new not in DONE
    return old == LessonStatus.FAILED and new not in DONE


def _result(attempt: ScormAttempt) -> tuple:
    return (attempt.lesson_status, attempt.score_raw, attempt.score_min, attempt.score_max)


@transaction.atomic
def record_commit(*, user, claim: RuntimeClaim, seq: int, payload) -> tuple[ScormAttempt, bool]:
    """Store one commit of the runtime for ``user`` (the learner named by ``claim``).
    Returns the attempt and whether this commit completed the lesson.

    Idempotent: a commit carries the whole state, so sending it again stores the same; a
    commit older (``seq``) than the last one stored for the same session is ignored; time
    is counted per session, never added twice. ``passed`` or ``completed`` completes the
    lesson through ``courses.services.complete_lesson`` (so the course, its certificate
    and the reports follow)."""
    if user.pk != claim.user_id:
        raise ScormError(_("This lesson was opened by someone else."), status=403)
    try:
        commit = cmi.parse(payload)
    except cmi.CmiInvalid as error:
        raise ScormError(str(error), code=error.code) from None
    lesson = ScormLessonPage.objects.filter(pk=claim.lesson_id).first()
    if lesson is None or lesson.package_id != claim.package_id:
        raise ScormError(
            _("This lesson no longer plays this package; reload the page."), status=409
        )
    attempt, _created = ScormAttempt.objects.select_for_update().get_or_create(
        user=user,
        lesson_id=canonical(lesson).pk,
        number=claim.attempt,
        defaults={"package_id": claim.package_id},
    )
    if claim.session < attempt.session:
        raise ScormError(
            _("The lesson was opened again elsewhere; this window's progress was not saved."),
            status=409,
        )
    if claim.session > attempt.session:  # a new launch: the last session's time is kept
        attempt.prior_centis += attempt.session_centis
        attempt.session_centis = 0
        attempt.session = claim.session
        attempt.commit_seq = 0
    elif seq < attempt.commit_seq:  # an older commit arriving late changes nothing
        return attempt, False
    result_before = _result(attempt)
    if commit.lesson_status and not _regresses(attempt.lesson_status, commit.lesson_status):
        attempt.lesson_status = commit.lesson_status
    if commit.scores_sent:
        attempt.score_raw = commit.score_raw
        attempt.score_min = commit.score_min
        attempt.score_max = commit.score_max
    for name in ("suspend_data", "lesson_location", "exit"):
        value = getattr(commit, name)
        if value is not None:
            setattr(attempt, name, value)
    if commit.session_centis is not None:
        attempt.session_centis = commit.session_centis
        attempt.session_time = cmi.centis_timespan(commit.session_centis)
    attempt.commit_seq = seq
    completes = attempt.lesson_status in DONE and not (
        LessonCompletion.objects.filter(user=user, lesson_id=attempt.lesson_id).exists()
    )
    if attempt.lesson_status in DONE and attempt.completed_at is None:
        attempt.completed_at = timezone.now()
    attempt.save()
    if attempt.lesson_status in RESULTS and _result(attempt) != result_before:
        send_after_commit(
            attempt_result,
            sender=ScormAttempt,
            attempt_id=attempt.pk,
            user_id=user.pk,
            lesson_id=attempt.lesson_id,
            status=attempt.lesson_status,
            score_raw=attempt.score_raw,
        )
    if completes:
        try:
            course_services.complete_lesson(user=user, lesson=canonical(lesson))
        except course_services.CourseError as error:
            raise ScormError(str(error), status=409) from None
    return attempt, completes
