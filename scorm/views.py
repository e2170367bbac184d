"""The package's files, and the runtime's commits.

How a package runs (see README, "SCORM packages"): the lesson page holds scorm-again's
``Scorm12API`` and ``CrossFrameLMS``; the package plays in an ``<iframe sandbox=
"allow-scripts allow-forms">`` without ``allow-same-origin``, so its origin is opaque: its
scripts cannot read the lesson page's DOM or this site's cookies, and its requests carry
none. Its files come from ``content`` below, behind a signed token in the path (checked
with the learner's enrolment on every file), with their own Content-Security-Policy,
whose ``sandbox`` directive keeps the package sandboxed even when its address is opened
outside the frame. Into the launch page ``content`` puts scorm-again's ``CrossFrameAPI``
as ``window.API`` with the learner's CMI data, which forwards every call by
``postMessage`` to the lesson page; the lesson page answers only its own frame's messages
and commits to ``commit``."""

import json
import mimetypes
import re

from csp.decorators import csp_exempt
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import packages, selectors, services, tokens
from .launch import seed

MAX_COMMIT_BYTES = 64 * 1024
HTML = {"html", "htm", "xhtml"}
TYPES = {
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "woff2": "font/woff2",
    "woff": "font/woff",
    "webp": "image/webp",
    "vtt": "text/vtt",
    "svg": "image/svg+xml",
}
# The policy of every package file: sandboxed (an opaque origin, even opened on its own),
# its own files only, inline script and eval allowed because authoring tools use them.
PACKAGE_POLICY = "; ".join(
    [
        "sandbox allow-scripts allow-forms",
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    ]
)
HEAD = re.compile(rb"<head(?:\s[^>]*)?>", re.IGNORECASE)
HTML_TAG = re.compile(rb"<html(?:\s[^>]*)?>", re.IGNORECASE)
# The page's own charset declaration, which must stay within its first 1024 bytes.
META_CHARSET = re.compile(rb"<meta\s[^>]*charset[^>]*>", re.IGNORECASE)
SCRIPT = re.compile(rb"<script", re.IGNORECASE)


def content_type(name: str) -> str:
    ext = packages.extension(name)
    if ext in HTML:
        return "text/html"
    return TYPES.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _runtime_tags(request, claim, package) -> bytes:
    """The scripts that give the launch page its ``window.API`` (before any of its own),
    with the CMI data the learner resumes from."""
    user, attempt = selectors.learner_and_attempt(claim)
    data = seed(user=user, package=package, attempt=attempt) if user else {}
    origin = f"{request.scheme}://{request.get_host()}"
    tags = (
        f'<script src="{escape(static("scorm/vendor/cross-frame-api.min.js"))}"></script>'
        f'<script src="{escape(static("js/scorm-frame.js"))}" '
        f'data-parent-origin="{escape(origin)}" data-cmi="{escape(json.dumps(data))}"></script>'
    )
    return tags.encode()


def _inject(page: bytes, tags: bytes) -> bytes:
    """``tags`` before the page's first script: after its charset declaration when that
    comes first (so the browser still finds it), else at the top of ``<head>``."""
    first_script = SCRIPT.search(page)
    limit = first_script.start() if first_script else len(page)
    meta = META_CHARSET.search(page, 0, limit)
    if meta is not None:
        return page[: meta.end()] + tags + page[meta.end() :]
    for pattern in (HEAD, HTML_TAG):
        match = pattern.search(page, 0, limit)
        if match:
            return page[: match.end()] + tags + page[match.end() :]
    return tags + page


@csp_exempt()
@require_GET
def content(request, token, path):
    """One file of a package, for the learner (or staff author) the token names."""
    claim = tokens.read_content_token(token)
    package = selectors.package_for(claim) if claim else None
    name = packages.safe_name(path)
    if (
        package is None
        or name is None
        or packages.extension(name) not in packages.ALLOWED_EXTENSIONS
    ):
        raise Http404
    root = services.package_dir(package).resolve()
    file = (root / name).resolve()
    if root not in file.parents or not file.is_file():
        raise Http404
    kind = content_type(name)
    if name == package.launch_path and packages.extension(name) in HTML:
        tags = _runtime_tags(request, claim, package)
        response = HttpResponse(_inject(file.read_bytes(), tags))
        response["Content-Type"] = kind
        # It holds the learner's data as of now: never from a cache (the token may be
        # the same for two visits within a second).
        response["Cache-Control"] = "no-store"
    else:
        response = FileResponse(file.open("rb"), content_type=kind)
        response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = PACKAGE_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address
    # The frame's origin is opaque: its own requests for data files are cross-origin (and
    # carry no cookies); the token in the path is what lets them through.
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


def _refusal(message: str, *, status: int, code: int = 101) -> JsonResponse:
    return JsonResponse({"result": "false", "errorCode": code, "detail": message}, status=status)


@csrf_exempt  # the runtime token in the path is bound to the learner (scorm/tokens.py)
@require_POST
def commit(request, token):
    """Store the runtime's commit (``{"seq": n, "cmi": {...}}``) for the signed-in learner."""
    claim = tokens.read_runtime_token(token)
    if claim is None:
        return _refusal(_("This lesson has expired; reload the page."), status=403)
    if not request.user.is_authenticated:
        return _refusal(_("Sign in again to save your progress."), status=403)
    origin = request.headers.get("Origin")
    if origin and origin != f"{request.scheme}://{request.get_host()}":
        return _refusal(_("Commits come from this site only."), status=403)
    if len(request.body) > MAX_COMMIT_BYTES:
        return _refusal(_("The commit is too large."), status=413)
    try:
        body = json.loads(request.body.decode("utf-8"))
        seq = int(body.get("seq", 0)) if isinstance(body, dict) else 0
    except (UnicodeDecodeError, ValueError, TypeError, AttributeError):
        return _refusal(_("The commit is not JSON."), status=400, code=201)
    try:
        attempt, completed = services.record_commit(
            user=request.user, claim=claim, seq=max(seq, 0), payload=body
        )
    except services.ScormError as error:
        return _refusal(str(error), status=error.status, code=error.code)
    return JsonResponse(
        {
            "result": "true",
            "errorCode": 0,
            "lessonStatus": attempt.lesson_status,
            "lessonCompleted": completed,
        }
    )
