"""SCORM 1.2 packages made in the test suite: a manifest and pages that call the API, and
malicious ones (zip-slip, zip bomb, entities, too many files, a forbidden type)."""

import io
import json
import re
import zipfile

from courses.models import LessonPage, ModulePage
from scorm import services
from scorm.models import ScormLessonPage
from tests.factories import build_course

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier}" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item1" identifierref="sco1">
        <title>{title}</title>
        <adlcp:masteryscore>{mastery}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco1" type="webcontent" adlcp:scormtype="sco" href="{launch}">
      <file href="{launch}"/>
    </resource>
  </resources>
</manifest>
"""

# A quiz SCO: resumes from suspend_data and lesson_location, records answers as it goes,
# "Leave" suspends; "Finish" scores the answers and passes at 2 of 2.
QUIZ_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Charter quiz</title>
<script src="quiz.js"></script></head>
<body><h1>Charter quiz</h1>
<p id="state">loading</p>
<label>Q1 <input id="q1"></label>
<label>Q2 <input id="q2"></label>
<button id="save" type="button">Leave</button>
<button id="finish" type="button">Finish</button>
</body></html>
"""

QUIZ_SCRIPT = """
window.addEventListener("load", function () {
  var api = window.API;
  api.LMSInitialize("");
  var saved = api.LMSGetValue("cmi.suspend_data");
  var where = api.LMSGetValue("cmi.core.lesson_location");
  if (saved) {
    var parts = saved.split("|");
    document.getElementById("q1").value = parts[0] || "";
    document.getElementById("q2").value = parts[1] || "";
  }
  document.getElementById("state").textContent =
    "entry=" + api.LMSGetValue("cmi.core.entry") + " location=" + (where || "start");
  if (api.LMSGetValue("cmi.core.lesson_status") === "not attempted") {
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
  }
  function keep() {
    api.LMSSetValue("cmi.suspend_data",
      document.getElementById("q1").value + "|" + document.getElementById("q2").value);
    api.LMSSetValue("cmi.core.lesson_location", "question-2");
  }
  document.getElementById("save").addEventListener("click", function () {
    keep();
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSSetValue("cmi.core.session_time", "0000:02:30.00");
    api.LMSCommit("");
    api.LMSFinish("");
    document.getElementById("state").textContent = "saved";
  });
  document.getElementById("finish").addEventListener("click", function () {
    keep();
    var right = 0;
    if (document.getElementById("q1").value === "six") { right += 1; }
    if (document.getElementById("q2").value === "seven") { right += 1; }
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "100");
    api.LMSSetValue("cmi.core.score.raw", String(right * 50));
    api.LMSSetValue("cmi.core.lesson_status", right === 2 ? "passed" : "failed");
    api.LMSSetValue("cmi.core.exit", "");
    api.LMSSetValue("cmi.core.session_time", "0000:01:00.00");
    api.LMSCommit("");
    api.LMSFinish("");
    document.getElementById("state").textContent = "finished";
  });
});
"""

# A hostile SCO: tries to read the lesson page's cookies and DOM and reports what it got.
SPY_SCRIPT = """
window.addEventListener("load", function () {
  var api = window.API;
  api.LMSInitialize("");
  var found = [];
  try { found.push("cookie=" + document.cookie); } catch (e) { found.push("cookie-blocked"); }
  try { found.push("dom=" + window.parent.document.title); } catch (e) { found.push("dom-blocked"); }
  try { found.push("top=" + window.top.location.href); } catch (e) { found.push("top-blocked"); }
  try { found.push("storage=" + window.localStorage.length); } catch (e) { found.push("storage-blocked"); }
  document.getElementById("state").textContent = found.join(";");
  api.LMSSetValue("cmi.suspend_data", found.join(";").slice(0, 4000));
  api.LMSCommit("");
  // The site's pages, asked for with credentials: no cookies go, nothing can be read.
  fetch("/learning/", { credentials: "include" })
    .then(function (response) { return response.text(); })
    .then(function (text) { return "fetch-read:" + text.length; })
    .catch(function () { return "fetch-blocked"; })
    .then(function (outcome) { document.getElementById("fetch").textContent = outcome; });
});
"""

SPY_PAGE = QUIZ_PAGE.replace("quiz.js", "spy.js").replace(
    '<p id="state">loading</p>', '<p id="state">loading</p><p id="fetch">waiting</p>'
)


def manifest(*, title="Charter quiz", launch="index.html", mastery="100", identifier="quiz"):
    return MANIFEST.format(title=title, launch=launch, mastery=mastery, identifier=identifier)


def make_zip(files: dict, *, compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    """A zip of ``files`` ({name: str or bytes}), as an upload (rewound, with a name)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    buffer.name = "package.zip"
    return buffer


def quiz_files(**manifest_fields) -> dict:
    return {
        "imsmanifest.xml": manifest(**manifest_fields),
        "index.html": QUIZ_PAGE,
        "quiz.js": QUIZ_SCRIPT,
        "styles/site.css": "body { font-family: sans-serif; }",
    }


def spy_files() -> dict:
    return {
        "imsmanifest.xml": manifest(title="Spy", identifier="spy"),
        "index.html": SPY_PAGE,
        "spy.js": SPY_SCRIPT,
    }


def scorm_course(*, actor, files=None, title="SCORM course"):
    """A live course: one module with a SCORM lesson, then a text lesson."""
    course = build_course(modules=1, lessons_per_module=0, title=title)
    module = ModulePage.objects.child_of(course).get()
    package = services.add_package(upload=make_zip(files or quiz_files()), actor=actor)
    lesson = ScormLessonPage(title="Charter quiz", slug="charter-quiz", package=package)
    module.add_child(instance=lesson)
    lesson.save_revision().publish()
    text = LessonPage(title="Reading", slug="reading")
    module.add_child(instance=text)
    text.save_revision().publish()
    return course, ScormLessonPage.objects.get(pk=lesson.pk), LessonPage.objects.get(pk=text.pk)


def commit(client, lesson, core: dict, *, seq: int) -> None:
    """Open the SCORM lesson's page as ``client``'s user and send one commit of its runtime
    (``core``: the ``cmi.core`` values), as the frame does."""
    html = client.get(lesson.url).content.decode()
    url = re.search(r'data-commit-url="([^"]+)"', html).group(1)
    response = client.post(
        url, json.dumps({"seq": seq, "cmi": {"core": core}}), content_type="text/plain"
    )
    assert response.status_code == 200, response.content
