"""Ralph's LRS API (``ralph.api:app``) with its file-system backend appending statements.

Runs inside Ralph's own virtual environment (scripts/ralph.sh, tests/xapi/ralph.py), never
in ours. Ralph 5.1.0's file-system LRS backend writes every request's statements with the
data backend's default operation, "create", which refuses a file that exists: after the
first request every write answers 500 "Statement indexation failed". An LRS appends, so
this sets "append" before the app is built; everything else is Ralph as shipped."""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402

__all__ = ["app"]
