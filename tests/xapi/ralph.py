"""Ralph (ralph-malph 5.1.0), the learning record store of Open edX, run for the tests as
its own process from its own virtual environment (``scripts/ralph.sh install`` makes
``.tools/ralph-venv``; ``make install-test`` runs it), with its file-system backend in a
temporary folder, on a free port of 127.0.0.1 (``scripts/ralph_app.py``: the app as
shipped, its file-system backend set to append). The tests post through its real HTTP API
and read the statements back the same way."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("RALPH_VENV", ROOT / ".tools" / "ralph-venv"))
USERNAME = "sevottam-tests"
PASSWORD = "ralph-test-password"
HEADERS = {"X-Experience-API-Version": "1.0.3"}


def missing_reason() -> str | None:
    """None when Ralph can be started, otherwise why not."""
    if not (VENV / "bin" / "uvicorn").exists() or not (VENV / "bin" / "ralph").exists():
        return f"Ralph is not installed in {VENV} (run `make ralph` or scripts/ralph.sh install)"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Ralph:
    def __init__(self):
        self.port = free_port()
        self.home = Path(tempfile.mkdtemp(prefix="ralph-test-"))
        self.data = self.home / "statements"
        self.data.mkdir()
        self.process: subprocess.Popen | None = None
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(self.home / "app"),
            "RALPH_AUTH_FILE": str(self.home / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.data),
        }
        # Ralph's own CLI writes the credentials file (a bcrypt hash of the password).
        subprocess.run(
            [str(VENV / "bin" / "ralph"), "auth", "-u", USERNAME, "-p", PASSWORD, "-s", "all"]
            + ["-A", USERNAME, "http://127.0.0.1", "-w"],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=60,
        )

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> None:
        if self.running:
            return
        self.log = open(self.home / "ralph.log", "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(VENV / "bin" / "uvicorn"), "--app-dir", str(ROOT / "scripts"), "ralph_app:app"]
            + ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.home / 'ralph.log').read_text()}")
            try:
                if requests.get(self.url("__heartbeat__"), timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise RuntimeError("Ralph did not answer within 30 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
            self.log.close()

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def get(self, **params) -> list[dict]:
        """Statements matching the xAPI query ``params``, read over HTTP."""
        response = requests.get(
            self.endpoint + "statements",
            params=params,
            auth=(USERNAME, PASSWORD),
            headers=HEADERS,
            timeout=10,
        )
        response.raise_for_status()
        body = response.json()
        return body.get("statements", [body])

    def statement(self, statement_id) -> list[dict]:
        """Every statement the store holds with this id (read back over HTTP)."""
        return self.get(statementId=str(statement_id))

    def of_agent(self, agent: dict) -> list[dict]:
        return self.get(agent=json.dumps(agent), limit=500)
