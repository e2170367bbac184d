"""The Hindi catalogue (locale/hi/LC_MESSAGES/django.po) is complete: every string marked for
translation in the code and templates has Hindi, nothing is fuzzy, placeholders and plural
forms are intact, and django.mo is compiled from the committed django.po.

A new string without Hindi fails here. Run ``make messages``, translate the new entries (an
empty ``msgstr``, or one marked ``#, fuzzy``) and commit django.po and django.mo."""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "hi" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# What ``make messages`` leaves out (MESSAGES_IGNORE in the Makefile).
IGNORED = {".venv", ".tools", "node_modules", "tests", "bench", "deploy", "staticfiles", "media"}
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


# ------------------------------------------------------------------ a small .po reader
def read_po(path: Path) -> list[dict]:
    """Entries as dicts: ctxt, id, plural, strs {index: text}, flags, obsolete."""
    entries, entry, field = [], None, None

    def new():
        return {"ctxt": None, "id": None, "plural": None, "strs": {}, "flags": set()}

    def finish():
        if entry is not None and entry["id"] is not None:
            entries.append(entry)

    entry = new()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            finish()
            entry, field = new(), None
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if field[0] == "strs":
                entry["strs"][field[1]] += text
            else:
                entry[field[0]] += text
        else:
            keyword, _space, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword == "msgctxt":
                entry["ctxt"], field = text, ("ctxt",)
            elif keyword == "msgid":
                entry["id"], field = text, ("id",)
            elif keyword == "msgid_plural":
                entry["plural"], field = text, ("plural",)
            else:
                index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
                entry["strs"][index], field = text, ("strs", index)
    finish()
    return entries


def messages(path: Path = PO) -> list[dict]:
    """The translatable entries (no header, no obsolete ones)."""
    return [e for e in read_po(path) if e["id"] and not e.get("obsolete")]


def key(entry) -> tuple:
    return (entry["ctxt"] or "", entry["id"])


def show(entry) -> str:
    return repr(entry["id"])[:100]


PYTHON_FORMAT = re.compile(r"%\((\w+)\)[sd]")
BRACES = re.compile(r"\{\w+(?::[^}]*)?\}")


# ------------------------------------------------------------------ the catalogue itself
def test_the_catalogue_is_for_hindi_with_two_plural_forms():
    header = next(e for e in read_po(PO) if e["id"] == "")
    text = header["strs"][0]
    assert "Language: hi\n" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in text
    assert "fuzzy" not in header["flags"], "remove the header's fuzzy flag"


def test_every_entry_has_hindi_and_none_is_fuzzy():
    entries = messages()
    assert len(entries) > 1500
    untranslated = [show(e) for e in entries if not all(e["strs"].values())]
    fuzzy = [show(e) for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == [], f"{len(untranslated)} entries without Hindi: {untranslated[:20]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy entries (check, then drop the flag): {fuzzy[:20]}"


def test_plural_entries_have_both_forms():
    for entry in messages():
        if entry["plural"] is not None:
            assert sorted(entry["strs"]) == [0, 1], show(entry)


def test_placeholders_survive_translation():
    problems = []
    for entry in messages():
        sources = [entry["id"]] + ([entry["plural"]] if entry["plural"] is not None else [])
        wanted_named = set().union(*(set(PYTHON_FORMAT.findall(s)) for s in sources))
        wanted_braces = set().union(*(set(BRACES.findall(s)) for s in sources))
        for text in entry["strs"].values():
            if "python-format" in entry["flags"] and set(PYTHON_FORMAT.findall(text)) != (
                wanted_named
            ):
                problems.append(show(entry))
            if set(BRACES.findall(text)) != wanted_braces:
                problems.append(show(entry))
            if text.count("%%") != sources[-1].count("%%"):
                problems.append(show(entry))
    assert problems == []


def test_translations_are_hindi():
    """An entry may keep the English text only when it is a code or an abbreviation (API,
    PDF, RTS): no English word of three or more lower-case letters."""
    left_in_english = [
        show(e)
        for e in messages()
        if any(
            text == (e["plural"] if i else e["id"])
            and re.search(r"[a-z]{3,}", PYTHON_FORMAT.sub("", text))
            for i, text in e["strs"].items()
        )
    ]
    assert left_in_english == []


def test_the_compiled_catalogue_matches_the_po_file():
    assert MO.exists(), "compile it: manage.py compilemessages -l hi"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in messages():
        msgid = entry["id"] if entry["ctxt"] is None else f"{entry['ctxt']}\x04{entry['id']}"
        if entry["plural"] is None:
            if compiled.gettext(msgid) != entry["strs"][0]:
                stale.append(show(entry))
        elif compiled.ngettext(msgid, entry["plural"], 5) != entry["strs"][1]:
            stale.append(show(entry))
    assert stale == [], f"django.mo is out of date ({len(stale)}): run make messages"


# ------------------------------------------------------------------ the catalogue is up to date
def _copy_sources(target: Path) -> None:
    root = Path(settings.BASE_DIR)

    def ignore(directory, names):
        top = Path(directory) == root
        return [
            name
            for name in names
            if (top and name in IGNORED | {"locale"})
            or name == "__pycache__"
            or name.startswith(".")
            or (
                (Path(directory) / name).is_file()
                and Path(name).suffix not in {".py", ".html", ".txt"}
            )
        ]

    shutil.copytree(root, target, ignore=ignore)


def test_every_marked_string_is_in_the_catalogue(tmp_path):
    """makemessages over a copy of the sources: every msgid it finds must be in django.po."""
    if shutil.which("xgettext") is None:
        if IN_CI:
            pytest.fail("xgettext is missing (apt-get install gettext; scripts/apt-deps.sh)")
        pytest.skip("needs xgettext (apt-get install gettext)")
    source = tmp_path / "src"
    _copy_sources(source)
    (source / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "hi", "--no-obsolete", "-v", "0"]
        + [f"--ignore={name}" for name in sorted(IGNORED)],
        cwd=source,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    found = {key(e) for e in messages(source / "locale" / "hi" / "LC_MESSAGES" / "django.po")}
    catalogued = {key(e) for e in messages()}
    missing = sorted(found - catalogued)
    assert missing == [], (
        f"{len(missing)} strings are not in locale/hi (run make messages and translate them): "
        f"{[m[1][:80] for m in missing[:20]]}"
    )
