#!/bin/sh
# Ralph (ralph-malph 5.1.0), the learning record store used with Open edX, in its own
# virtual environment (.tools/ralph-venv: its pins need not match ours). The xAPI tests
# start it themselves (tests/xapi/ralph.py); this script installs it and can run one by hand.
#
#   scripts/ralph.sh install                  create .tools/ralph-venv (once; a few seconds with uv)
#   scripts/ralph.sh run [PORT] [DATA_DIR]    a store on 127.0.0.1:PORT (default 8100) with its
#                                             file-system backend in DATA_DIR, user "sevottam",
#                                             password $RALPH_PASSWORD (default "sevottam-lrs")
set -e
cd "$(dirname "$0")/.."
VENV=.tools/ralph-venv
RALPH_VERSION=5.1.0

install() {
  if [ -x "$VENV/bin/uvicorn" ] && [ "$(cat "$VENV/.ralph-version" 2>/dev/null)" = "$RALPH_VERSION" ]; then
    return 0
  fi
  UV=$(scripts/ensure-uv.sh)
  rm -rf "$VENV"
  # Python 3.11 as the project's own; any python3 Ralph supports (3.9 on) where it is missing.
  UV_PYTHON_DOWNLOADS=never "$UV" venv --quiet "$VENV" --python 3.11 2>/dev/null ||
    UV_PYTHON_DOWNLOADS=never "$UV" venv --quiet "$VENV" --python "$(command -v python3)"
  # The `lrs` extra (the API server) imports requests without requiring it, hence the name.
  "$UV" pip install --quiet --python "$VENV/bin/python" "ralph-malph[lrs,cli]==$RALPH_VERSION" requests
  echo "$RALPH_VERSION" > "$VENV/.ralph-version"
  echo "Ralph $RALPH_VERSION installed in $VENV" >&2
}

case "${1:-}" in
  install)
    install
    ;;
  run)
    install
    PORT="${2:-8100}"
    DATA="${3:-$(mktemp -d "${TMPDIR:-/tmp}/ralph-data.XXXXXX")}"
    mkdir -p "$DATA"
    export RALPH_APP_DIR="$DATA/app" RALPH_AUTH_FILE="$DATA/auth.json" RALPH_RUNSERVER_BACKEND=fs
    export RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH="$DATA/statements"
    mkdir -p "$RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"
    if [ ! -s "$RALPH_AUTH_FILE" ]; then
      "$VENV/bin/ralph" auth -u sevottam -p "${RALPH_PASSWORD:-sevottam-lrs}" -s all \
        -A sevottam "http://127.0.0.1:$PORT" -w
    fi
    echo "Ralph on http://127.0.0.1:$PORT/xAPI/ (user sevottam), statements in $DATA/statements" >&2
    # scripts/ralph_app.py: Ralph's app with its file-system backend appending (see there).
    exec "$VENV/bin/uvicorn" --app-dir scripts ralph_app:app --host 127.0.0.1 --port "$PORT" --log-level warning
    ;;
  *)
    echo "usage: $0 install | run [PORT] [DATA_DIR]" >&2
    exit 2
    ;;
esac
