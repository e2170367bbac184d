"""What the lesson page needs to launch a package: the frame's address (behind a content
token), the commit address (behind a runtime token) and the CMI data the runtime starts
from, so that ``cmi.suspend_data`` and ``cmi.core.lesson_location`` resume where the
learner left."""

from django.urls import reverse

from . import tokens
from .cmi import centis_timespan


def student_name(user) -> str:
    """SCORM 1.2 asks for "Last, First"."""
    first, last = (user.first_name or "").strip(), (user.last_name or "").strip()
    name = f"{last}, {first}" if last and first else (last or first or user.get_username())
    return name[:255]


def seed(*, user, package, attempt) -> dict:
    """The flattened CMI data the runtime is loaded with before ``LMSInitialize``."""
    data = {
        "cmi.core.student_id": str(user.pk),
        "cmi.core.student_name": student_name(user),
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.entry": "ab-initio",
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.lesson_location": "",
        "cmi.core.total_time": centis_timespan(0),
        "cmi.suspend_data": "",
        "cmi.launch_data": "",
    }
    if package.mastery_score is not None:
        data["cmi.student_data.mastery_score"] = f"{package.mastery_score.normalize():f}"
    if attempt is not None:
        data.update(
            {
                "cmi.core.entry": "resume" if attempt.exit == "suspend" else "",
                "cmi.core.lesson_status": attempt.lesson_status,
                "cmi.core.lesson_location": attempt.lesson_location,
                "cmi.core.total_time": centis_timespan(attempt.total_centis),
                "cmi.suspend_data": attempt.suspend_data,
            }
        )
        for part in ("raw", "min", "max"):
            value = getattr(attempt, f"score_{part}")
            if value is not None:
                data[f"cmi.core.score.{part}"] = f"{value.normalize():f}"
    return data


def launch_context(*, request, lesson_id: int, package, attempt, record: bool) -> dict:
    """The frame URL, the commit URL (None for a staff preview, which stores nothing) and
    the starting CMI data of ``package`` in lesson ``lesson_id`` for ``request.user``."""
    user = request.user
    content = tokens.content_token(package_key=package.key, user_id=user.pk, lesson_id=lesson_id)
    src = reverse("scorm:content", args=[content, package.launch_path])
    if package.launch_query:
        src += "?" + package.launch_query
    commit_url = None
    if record:
        runtime = tokens.runtime_token(
            user_id=user.pk,
            lesson_id=lesson_id,
            package_id=package.pk,
            attempt=attempt.number if attempt else 1,
        )
        commit_url = reverse("scorm:commit", args=[runtime])
    return {
        "src": src,
        "commit_url": commit_url,
        "cmi": seed(user=user, package=package, attempt=attempt),
    }
