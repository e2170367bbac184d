"""The demo curriculum and organisation, read from the data files in ``demo/data``.

- ``organisation.json``: ``topics`` [{"slug", "name", "name_hi"}], ``districts`` [[name,
  name_hi]] (Haryana's 22), ``departments`` [{"code", "name", "name_hi", "offices": [{"name",
  "name_hi", "district"}]}].
- ``courses/NN-<slug>.json``, one course each, in file-name order: ``_sources`` (the public
  documents every fact in it comes from), slug, title, topic, summary, objectives,
  target_levels, duration_hours, language, self_enrol, and modules -> lessons -> ``body``, a
  list of [kind, value] with kind one of "heading" (plain text), "paragraph" (HTML: p, ul,
  ol, li, b, i, a), "callout" ({"kind": "note" | "case_study" | "warning", "title", "body"
  HTML}), "table" ({"caption", "header", "rows"}, plain-text cells) and "knowledge_check"
  ({"question", "options", "correct" (0-based index into options), "explanation"}).
- ``assessments.json``: ``banks`` (question banks, each question in the question import's
  notation) and ``assessments`` (the Citizen's Charter pre-test, post-test and module quiz),
  loaded by ``demo/activity.py``.

The lessons' facts come from public documents: DARPG's note on the Contact Officer for the
Citizen's Charter, the Haryana CM Window SOP (March 2024), the J&K order on the Chief
Minister's Public Services and Outreach Office (December 2024), the HIPA Sevottam Cell
brochure (July 2024), the Bihar Citizens' Charter for municipalities (English and Hindi),
DARPG's CPGRAMS guidelines of 23.08.2024, and the Haryana Right to Service Act 2014 with its
Auto Appeal System."""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def _organisation() -> dict:
    return json.loads((DATA / "organisation.json").read_text(encoding="utf-8"))


@cache
def curriculum() -> list[dict]:
    return [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((DATA / "courses").glob("*.json"))
    ]


def topics() -> list[dict]:
    return _organisation()["topics"]


def districts() -> list[list[str]]:
    return _organisation()["districts"]


def departments() -> list[dict]:
    return _organisation()["departments"]


@cache
def _assessments() -> dict:
    return json.loads((DATA / "assessments.json").read_text(encoding="utf-8"))


def question_banks() -> list[dict]:
    """``assessments.json`` ``banks``: [{"name", "topic", "description", "questions": [{"ref",
    "type", "question", "options" (list of lines), "answer", "explanation", "difficulty",
    "tags", "marks"?, "wrong"?}]}]: questions in the question import's notation."""
    return _assessments()["banks"]


def assessments() -> list[dict]:
    """``assessments.json`` ``assessments``: [{"title", "course" (slug), "module" (slug or
    null), "kind", "questions" (refs, in order), "random"? {"bank", "count", "tag"},
    "rules" (Assessment fields)}]."""
    return _assessments()["assessments"]
