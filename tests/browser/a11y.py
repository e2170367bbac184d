"""Helpers for the accessibility browser tests (GIGW 3.0 = WCAG 2.1 AA).

- ``run_axe``: injects the vendored axe-core (tests/browser/vendor, MPL-2.0) and returns the
  WCAG 2.1 A/AA violations of the page as plain dicts; ``format_violations`` prints them.
- ``log_in``: a signed-in browser context without the sign-in form (a session cookie made
  with Django's test client: the live server shares the test database).
- ``focused``: what has the keyboard focus and whether a focus indicator is drawn on it.
- ``build_world``: realistic data for every role's pages, from the factories."""

import datetime
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.test import Client
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import Assessment, AssessmentQuestion, Question, QuestionBank
from certificates.models import Certificate
from courses.models import Enrolment, LessonPage
from courses.services import complete_lesson, enrol
from lms.core.roles import Role
from nominations.enums import NominationState
from nominations.models import Nomination
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, make_user

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


def run_axe(page) -> list[dict]:
    """The page's WCAG 2.1 A and AA violations. The page's context must have been made
    with ``bypass_csp=True``: the script tag Playwright adds is inline, which the site's
    Content-Security-Policy (script-src 'self') refuses."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(_AXE_RUN, WCAG_TAGS)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  <{v['helpUrl']}>")
        for node in v["nodes"][:8]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    {node['target']}  -- {summary[:240]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def log_in(context, live_server, user) -> None:
    """Give ``context`` a signed-in session for ``user``."""
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const opaque = (node) => {
    const bg = rgb(getComputedStyle(node).backgroundColor);
    return bg.length >= 3 && (bg.length < 4 || bg[3] > 0) ? bg.slice(0, 3) : null;
  };
  const backdrop = (nodes) => {
    for (const node of nodes) { const bg = opaque(node); if (bg) return bg; }
    return [255, 255, 255];
  };
  const ancestry = (node) => { const out = []; for (; node; node = node.parentElement) out.push(node); return out; };
  let ringContrast = null;
  if (outline) {
    const ring = luminance(rgb(style.outlineColor).slice(0, 3));
    const ratio = (bg) => { const b = luminance(bg); return (Math.max(ring, b) + 0.05) / (Math.min(ring, b) + 0.05); };
    const width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset) || 0;
    let ratios;
    if (offset + width <= 0) {
      ratios = [ratio(backdrop(ancestry(el)))];  // drawn inside the element
    } else {
      // what is really painted just outside the element, on each side
      const d = offset + width / 2, midX = box.left + box.width / 2, midY = box.top + box.height / 2;
      ratios = [[box.left - d, midY], [box.right + d, midY], [midX, box.top - d], [midX, box.bottom + d]]
        .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight)
        .map(([x, y]) => ratio(backdrop(document.elementsFromPoint(x, y).filter((n) => !el.contains(n)))));
      if (!ratios.length) ratios = [ratio(backdrop(ancestry(el.parentElement)))];
    }
    ratios.sort((a, b) => a - b);
    ringContrast = ratios[Math.floor((ratios.length - 1) / 2)];  // most sides, not every pixel
  }
  return {
    ringContrast,
    tag: el.tagName.toLowerCase(),
    id: el.id,
    type: el.getAttribute("type") || "",
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    href: el.getAttribute("href") || "",
    label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : "",
    landmark: (el.closest("header, nav, main, footer") || {tagName: ""}).tagName.toLowerCase(),
    focusVisible: el.matches(":focus-visible"),
    ringVisible: Boolean(outline || shadow),
    outline: style.outlineStyle + " " + style.outlineWidth + " " + style.outlineColor,
    boxShadow: style.boxShadow,
    inViewport: box.width > 0 && box.height > 0,
  };
}"""


def focused(page) -> dict | None:
    """The element with the keyboard focus, and whether a focus ring is drawn on it."""
    return page.evaluate(_FOCUSED)


def assert_focus_visible(page) -> dict:
    """The focused element matches :focus-visible and draws an outline (at least 3:1
    against the background it is drawn on) or a box shadow."""
    info = focused(page)
    assert info is not None, "nothing has the focus"
    assert info["focusVisible"] and info["ringVisible"], f"no visible focus indicator: {info}"
    if info["ringContrast"] is not None:
        assert info["ringContrast"] >= 3, f"the focus outline is hard to see (< 3:1): {info}"
    return info


def tab_to(page, predicate, *, key="Tab", limit=60, seen=None) -> dict:
    """Press ``key`` until ``predicate(focused element)``; every element passed on the way
    must show a focus indicator. Returns the element reached."""
    for _ in range(limit):
        page.keyboard.press(key)
        info = assert_focus_visible(page)
        if seen is not None:
            seen.append(info)
        if predicate(info):
            return info
    raise AssertionError(f"not reached with {limit} presses of {key}")


# ---------------------------------------------------------------------------------- data
LESSON_BODY = [
    {"type": "heading", "value": "From services to standards"},
    {
        "type": "paragraph",
        "value": "<p>Sevottam asks an office to <b>define its services</b>, set standards "
        'for each and publish them in a <a href="https://darpg.gov.in/">Citizen\'s '
        "Charter</a>.</p>",
    },
    {
        "type": "callout",
        "value": {
            "kind": "case_study",
            "title": "The tehsil office at Sohna",
            "body": "<p>The office cut the wait for a copy of the jamabandi from nine days "
            "to two after it published its standards at the counter.</p>",
        },
    },
    {
        "type": "table",
        "value": {
            "data": [
                ["Step", "What the office does"],
                ["1", "Defines all its services and identifies its clients"],
                ["2", "Sets standards and norms for each service"],
                ["3", "Develops the capability to meet the standards"],
            ],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "The first three steps",
        },
    },
    {
        "type": "knowledge_check",
        "value": {
            "question": "What does an office publish its service standards in?",
            "options": ["A Citizen's Charter", "The gazette only", "An internal circular"],
            "correct_option": 1,
            "explanation": "The charter is the office's public commitment.",
        },
    },
    {"type": "paragraph", "value": "<p>The next lesson looks at grievance redress.</p>"},
]

QUIZ = [
    ("single", "Who hears the first appeal under the RTS Act?",
     [{"id": "a", "text": "The citizen"}, {"id": "b", "text": "The appellate authority"}], "b"),
    ("multiple", "Which are steps of grievance redress?",
     [{"id": "a", "text": "Receipt"}, {"id": "b", "text": "Acknowledgement"},
      {"id": "c", "text": "Delay"}], ["a", "b"]),
    ("matching", "Match each law or system to its year.",
     [{"id": "1", "text": "RTS Act", "side": "left"},
      {"id": "2", "text": "CPGRAMS", "side": "left"},
      {"id": "a", "text": "2007", "side": "right"},
      {"id": "b", "text": "2014", "side": "right"}], {"1": "b", "2": "a"}),
    ("ordering", "Put the steps in order.",
     [{"id": "a", "text": "Acknowledge"}, {"id": "b", "text": "Receive"},
      {"id": "c", "text": "Redress"}], ["b", "a", "c"]),
    ("true_false", "Sevottam means excellence in service.", [], True),
    ("short_text", "Name the portal of the Government of India.", [], ["CPGRAMS"]),
]  # fmt: skip


def make_quiz(course, *, title="Module 1 quiz", minutes=20, attempts=2) -> Assessment:
    bank, _new = QuestionBank.objects.get_or_create(name="Sevottam")
    assessment = Assessment.objects.create(
        title=title,
        course=course,
        kind="module_quiz",
        time_limit_minutes=minutes,
        attempts_allowed=attempts,
        questions_per_page=3,
        shuffle_questions=False,
        pass_mark=50,
        review_policy="after_attempt",
    )
    for order, (kind, stem, options, key) in enumerate(QUIZ):
        question = Question.objects.create(
            bank=bank,
            type=kind,
            stem=f"<p>{stem}</p>",
            options=options,
            key=key,
            explanation=f"See lesson {order + 1}.",
        )
        AssessmentQuestion.objects.create(
            assessment=assessment, question=question, sort_order=order
        )
    return assessment


def build_course_with_content(title="Citizen's Charter and Sevottam"):
    """Two modules of two lessons; the second lesson has a heading, a link, a callout, a
    table and a knowledge check."""
    course = CourseFactory(title=title, slug="citizens-charter")
    outline = {
        "The Citizen's Charter": ["What a charter is", "The seven steps of Sevottam"],
        "Grievance redress": ["Receiving a grievance", "Redress and appeal"],
    }
    lessons = []
    for module_title, lesson_titles in outline.items():
        module = ModuleFactory(parent=course, title=module_title)
        for lesson_title in lesson_titles:
            fields = {"title": lesson_title}
            if lesson_title == "The seven steps of Sevottam":
                fields["body"] = LESSON_BODY
            lessons.append(LessonFactory(parent=module, **fields))
    return course, [LessonPage.objects.get(pk=lesson.pk) for lesson in lessons]


def build_world():
    """Every role's pages, with realistic content:

    - a course (2 x 2 lessons), the trainee enrolled with lesson 1 done; lesson 2 has
      a table, a knowledge check and a callout;
    - a timed quiz: attempt 1 submitted (its review), attempt 2 in progress;
    - programmes: one open for nominations (the trainee approved, two officers of the
      department eligible), one that ran (the trainee attended: the feedback form);
    - a certificate to verify;
    - a trainee, an HOD and officers in one department."""
    from lms.departments.models import Department
    from tests.assessments.helpers import programme as past_programme
    from tests.nominations.factories import open_programme

    department = Department.objects.create(name="Revenue and Disaster Management", code="REV")
    trainee = make_user(
        Role.TRAINEE, department=department, username="meena", first_name="Meena",
        last_name="Kumari", level="cutting_edge",
    )  # fmt: skip
    hod = make_user(
        Role.HOD, department=department, username="nodal", first_name="Suresh",
        last_name="Yadav", level="top",
    )  # fmt: skip
    officers = [
        make_user(Role.TRAINEE, department=department, username=u, first_name=f,
                  last_name=last, level="cutting_edge", designation="Patwari")
        for u, f, last in (("ramesh", "Ramesh", "Chand"), ("neelam", "Neelam", "Rani"))
    ]  # fmt: skip

    course, lessons = build_course_with_content()
    enrol(user=trainee, course=course)
    complete_lesson(user=trainee, lesson=lessons[0])

    quiz = make_quiz(course)
    first = assessment_services.start_attempt(assessment=quiz, user=trainee)
    keys = {str(q.pk): q.key for q in Question.objects.filter(pk__in=first.question_ids)}
    answers = dict(list(keys.items())[:4])
    assessment_services.save_answers(attempt=first, user=trainee, answers=answers)
    assessment_services.submit_attempt(attempt=first, user=trainee)
    attempt = assessment_services.start_attempt(assessment=quiz, user=trainee)

    open_prog = open_programme(title="CM Window SOP batch", course=course, capacity=10)
    Nomination.objects.create(
        programme=open_prog, officer=trainee, department=department,
        state=NominationState.APPROVED, nominated_by=hod,
    )  # fmt: skip
    ran = past_programme(course=course, title="Sevottam batch, Gurugram")
    Nomination.objects.create(
        programme=ran, officer=trainee, department=department, state=NominationState.ATTENDED
    )

    certificate = Certificate.objects.create(
        number="HIPA/SEV/2025-26/000123",
        holder=officers[0],
        holder_name="Ramesh Chand",
        designation="Patwari",
        department_name=department.name,
        course=course,
        course_title=course.title,
        hours=course.duration_hours,
        issued_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    enrolment = Enrolment.objects.get(user=trainee, course=course)
    return SimpleNamespace(
        department=department,
        trainee=trainee,
        hod=hod,
        officers=officers,
        course=course,
        lessons=lessons,
        enrolment=enrolment,
        quiz=quiz,
        attempt=attempt,
        submitted_attempt=first,
        open_programme=open_prog,
        past_programme=ran,
        certificate=certificate,
    )
