"""The project stands alone: nothing in it reads, or cites, a file outside the repository.

A fresh clone has no sibling folders, so a path that reaches beside the clone fails there (and
only there). Sources are cited by the public documents' titles; data the product needs ships
inside the project (e.g. ``reports/data/``)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", ".tools", "node_modules", "staticfiles", "media", "__pycache__"}
SUFFIXES = {".py", ".html", ".txt", ".md", ".po", ".json", ".toml", ".cfg", ".ini", ".sh", ".js"}
SUFFIXES |= {".css", ".yml", ".yaml", ".conf", ".service", ".example"}
# Assembled so that this file does not match itself.
FORBIDDEN = re.compile(
    "|".join(
        [
            r"\.\./" + "shared",
            "shared/" + "seeds",
            r"/work/" + r"(shared|main)",
            r"\bseeds/" + r"00\d",
            r"\[S" + r"\d+\]",
            "GRIEVANCE-" + "RESEARCH",
            "DOMAIN" + r"\.md",
            "TECH-" + "NOTES",
            "LMS-" + "PEERS",
        ]
    )
)


def _files():
    for path in ROOT.rglob("*"):
        if any(part in SKIP_DIRS for part in path.relative_to(ROOT).parts):
            continue
        if path.is_file() and (path.suffix in SUFFIXES or path.name in {"Makefile", "run"}):
            yield path


def test_no_file_names_a_path_or_document_outside_the_repository():
    hits = []
    for path in _files():
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
        ):
            if FORBIDDEN.search(line):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:100]}")
    assert not hits, "cite public documents by title instead:\n" + "\n".join(hits)


def test_the_scan_sees_the_project():
    names = {p.relative_to(ROOT).as_posix() for p in _files()}
    assert {"reports/services.py", "README.md", "Makefile", ".ci/run"} <= names
    assert "reports/data/hipa_sevottam_2013-14_to_2023-24.txt" in names
