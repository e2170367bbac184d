"""The vendored scorm-again files are the ones static/scorm/vendor/README.md records."""

import hashlib
import re
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "static" / "scorm" / "vendor"
CHECKSUMS = {
    "scorm12.min.js": "cf86d5840673b1ae90d00a1f6689376312842b65c7595b417b1259bfb0fc56b6",
    "cross-frame-lms.min.js": "31e80148b8293ac011986406322dcde9b1873cadbc2643ce3929089ac420e5f1",
    "cross-frame-api.min.js": "6bbd91453b67740fcefd0e7767b1e9a957c1545ad73ba577e5099eee0fe15421",
}


def test_checksums_match_the_note():
    note = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert "scorm-again 3.4.3" in note
    for name, digest in CHECKSUMS.items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
        assert re.search(rf"`{re.escape(name)}`.*?sha256 `{digest}`", note, re.S), name


def test_licence_and_source_maps_are_there():
    assert "MIT License" in (VENDOR / "scorm-again.LICENSE").read_text(encoding="utf-8")
    for name in CHECKSUMS:
        assert (VENDOR / f"{name}.map").is_file()
