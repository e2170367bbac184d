"""The shape of the code (docs/architecture.md): one module per concept, none so long that
it mixes several. The import layers themselves are checked by ``lint-imports``."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", ".tools", "node_modules", "staticfiles", "media", "migrations"}
MAX_LINES = 600
# Data written as Python, not logic: each with its reason.
DATA_FILES = {
    # the seeded rulebooks and scenarios, every row with its public source
    "simulator/seed_data.py",
}


def python_files():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if not SKIP_DIRS.intersection(relative.parts):
            yield relative


def test_no_module_is_over_600_lines():
    long = {
        str(path): n
        for path in python_files()
        if str(path) not in DATA_FILES
        and (n := len((ROOT / path).read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these by concept (limit {MAX_LINES} lines): {long}"


def test_the_data_files_listed_still_exist():
    for name in DATA_FILES:
        assert (ROOT / name).is_file(), name
