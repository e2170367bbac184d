"""The Content-Disposition of a download, as RFC 6266 asks: ``filename`` for old clients
(ASCII only) and ``filename*`` (UTF-8, percent-encoded) for every current one. Setting a
header with non-ASCII text directly makes Django encode it by RFC 2047, which browsers
do not read as a file name."""

import re
from urllib.parse import quote


def attachment(filename: str) -> str:
    fallback = re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("_") or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
