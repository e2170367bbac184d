"""Helpers for the "first hour" journeys (tests/browser/test_first_hour*.py): the README's
tour per role, walked on the demo data (``seed_demo``) in English and in Hindi.

- ``Walk``: one signed-in journey in one language; ``walk.check()`` runs axe at WCAG 2.1 AA
  on the page and, in Hindi, asserts that no English text is left in <main> other than the
  names of things entered only in English.
- ``english_left``: the English words left in <main> (the Hindi check on its own).
- ``entered_only_in_english``: what the demo holds in English with no Hindi version entered
  (page titles and text of pages with no Hindi translation, programme titles, questions,
  scenario titles without a Hindi title, ...), and ``has_hindi``: English values that do
  have a Hindi one entered, so must not be shown on a Hindi page.

The live server shares the test database but every browser test flushes it, so each journey
seeds the demo itself (``demo`` fixture; about ten seconds on SQLite)."""

import html
import re
from dataclasses import dataclass, field

from django.db import models
from playwright.sync_api import expect

from tests.browser.a11y import format_violations, run_axe

#: Latin words allowed on a Hindi page, each with the reason.
ALLOWED = {
    "CPGRAMS": "name of the central grievance portal, written so in Hindi documents too",
    "CM": "CM Window is the name of the Haryana portal",
    "RTS": "acronym of the Right to Service Act",
    "PDF": "file format",
    "CSV": "file format",
    "XLSX": "file format",
    "UTF": "text encoding (UTF-8), named in the upload help",
    "Excel": "product name (the file type of an upload)",
    "QR": "QR code, no Hindi name in use",
    "DARPG": "acronym of the Department of Administrative Reforms and Public Grievances",
    "HIPA": "acronym of the institute's name",
    "IS": "IS 15700 is the number of an Indian Standard",
    "ATR": "Action Taken Report, the portals' own term",
    "ZIP": "file format",
    "csv": "file extension (.csv), named in the upload help",
    "xlsx": "file extension (.xlsx), named in the upload help",
    "MB": "unit of file size",
    "note": "name of a column of the upload file, typed as it is",
    "n": "statistical symbol for the number of officers counted, as in (n = 4)",
}

#: identifiers: certificate serials (HIPA/SEV/2026-27/000001), programme codes
#: (SEV/2026-27/002), employee codes (HR-REV-00001, HR-HOD.REVENUE), e-mail addresses, URLs
_IDENTIFIERS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|https?://\S+"
    r"|\b[A-Z][A-Z0-9]*(?:[-./][A-Z0-9]+)+\b"
    r"|\b[a-z]+(?:_[a-z]+)+\b"  # column names of an upload file (employee_code)
    r"|[\w.-]+\.(?:csv|xlsx|pdf|zip)\b"  # the name of a file uploaded or downloaded
)
_LATIN_RUN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_TAG = re.compile(r"<[^>]+>")

_TEXT_OF_MAIN = """() => {
  const main = document.querySelector("main");
  const out = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!text) continue;
    const el = node.parentElement;
    if (el.closest("script, style, template, [hidden], [aria-hidden=true]")) continue;
    if (!el.getClientRects().length) continue;  // not rendered (display: none)
    if (!el.checkVisibility()) continue;  // e.g. inside a closed <details>
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    const langEl = el.closest("[lang]");
    out.push({text, lang: langEl ? langEl.getAttribute("lang") : ""});
  }
  // what a form shows that is not a text node: the chosen <option> is one; button values
  for (const el of main.querySelectorAll("input[type=submit], input[type=button]")) {
    if (el.getClientRects().length) out.push({text: el.value, lang: el.closest("[lang]")?.getAttribute("lang") || ""});
  }
  return out;
}"""


def _fragments(value) -> list[str]:
    """The pieces of text a value shows: HTML split at its tags, JSON and stream data to
    their string leaves, each cut into lines."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [piece for item in value.values() for piece in _fragments(item)]
    if isinstance(value, list | tuple):
        return [piece for item in value for piece in _fragments(item)]
    if not isinstance(value, str):
        return []
    pieces = []
    for part in _TAG.split(value):
        for line in html.unescape(part).splitlines():
            line = " ".join(line.split())
            if len(line) >= 4 and re.search("[A-Za-z]", line):
                pieces.append(line)
    return pieces


def _texts_of(obj) -> tuple[list[str], list[str]]:
    """(values entered only in English, English values that have a Hindi one) of a row."""
    english_only, with_hindi = [], []
    names = {f.name for f in obj._meta.concrete_fields}
    for f in obj._meta.concrete_fields:
        if f.choices or isinstance(f, models.SlugField) or f.name.endswith("_hi"):
            continue
        if f.name in {"url_path", "draft_title", "slug", "search_description", "key", "tags"}:
            continue
        if type(f).__name__ == "StreamField":
            value = list(getattr(obj, f.name).raw_data or [])
        elif isinstance(f, models.CharField | models.TextField | models.JSONField):
            value = getattr(obj, f.name)
        else:
            continue
        hindi = getattr(obj, f"{f.name}_hi", "") if f"{f.name}_hi" in names else ""
        (with_hindi if hindi else english_only).extend(_fragments(value))
    return english_only, with_hindi


@dataclass
class Names:
    english_only: list[str]
    has_hindi: list[str]
    pattern: re.Pattern = field(init=False)

    def __post_init__(self):
        unique = sorted(set(self.english_only), key=len, reverse=True)
        self.pattern = re.compile(
            "|".join(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])" for name in unique) or "(?!)"
        )


def entered_only_in_english() -> Names:
    """What the demo holds in English only, and what it holds in both languages."""
    from wagtail.models import Page  # noqa: PLC0415

    from assessments.models import Assessment, FeedbackResponse, Question, QuestionBank
    from courses.models import Programme, ProgrammeSession, Topic
    from lms.accounts.models import User
    from lms.departments.models import Department, District, Office
    from simulator import models as sim

    english_only, has_hindi = [], []
    rows = [
        *Programme.objects.all(),
        *ProgrammeSession.objects.all(),
        *Assessment.objects.all(),
        *Question.objects.all(),
        *QuestionBank.objects.all(),
        *FeedbackResponse.objects.all(),
        *Department.objects.all(),
        *District.objects.all(),
        *Office.objects.all(),
        *Topic.objects.all(),
    ]
    for model in (
        sim.Scenario,
        sim.Rulebook,
        sim.Rule,
        sim.ScenarioAssignment,
        sim.Service,
        sim.Category,
        sim.Office,
        sim.Grievance,
    ):
        rows.extend(model.objects.all())
    for page in Page.objects.filter(depth__gt=1).specific():
        if not page.get_translations().filter(locale__language_code="hi").exists():
            rows.append(page)
    for row in rows:
        only, both = _texts_of(row)
        english_only += only
        has_hindi += both
    for user in User.objects.all():
        # people's names are proper names: shown as entered in lists and rosters
        english_only.append(user.get_full_name())
        if user.designation_hi:
            has_hindi.append(user.designation)
        elif user.designation:
            english_only.append(user.designation)
    return Names(english_only=english_only, has_hindi=[t for t in has_hindi if len(t) > 3])


def english_left(page, names: Names) -> list[str]:
    """The English words in <main> other than the allowed ones, with the text they are in.
    Text in an element marked lang="en" is a value shown as entered (the ``english``
    filter marks only values with no Devanagari); a value that has a Hindi version
    entered is flagged wherever it appears, marked or not."""
    flagged = []
    for item in page.evaluate(_TEXT_OF_MAIN):
        text = item["text"]
        rest = names.pattern.sub(" ", _IDENTIFIERS.sub(" ", text))
        for value in names.has_hindi:
            if re.search(rf"(?<![A-Za-z]){re.escape(value)}(?![A-Za-z])", rest):
                flagged.append(f"{value!r} (has a Hindi name) in {text[:120]!r}")
        if item["lang"].startswith("en"):
            continue
        words = [w for w in _LATIN_RUN.findall(rest) if w not in ALLOWED]
        if words:
            flagged.append(f"{' '.join(words)!r} in {text[:120]!r}")
    return list(dict.fromkeys(flagged))


@dataclass
class Walk:
    """One role's first hour in one language."""

    page: object
    base: str
    language: str
    names: Names | None = None
    visited: list[str] = field(default_factory=list)

    @property
    def hindi(self) -> bool:
        return self.language == "hi"

    def t(self, english: str, hindi: str) -> str:
        return hindi if self.hindi else english

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        return response

    def check(self) -> None:
        """axe at AA, the page's language, and in Hindi no English left in <main>."""
        url = self.page.url
        self.visited.append(url)
        expect(self.page.locator("html")).to_have_attribute("lang", self.language)
        violations = run_axe(self.page)
        assert violations == [], f"{url}\n{format_violations(violations)}"
        if self.hindi:
            left = english_left(self.page, self.names)
            assert left == [], f"English left on {url}:\n" + "\n".join(left)


def sign_in_and_choose(page, base: str, username: str, password: str, language: str) -> None:
    """Sign in with the form; for Hindi, then press the header's language button."""
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    if language == "hi":
        page.locator(".lang-switch button[value=hi]").click()
        expect(page.locator("html")).to_have_attribute("lang", "hi")
