#!/bin/sh
# Print the path of a usable `uv`, installing it into .tools/ first if needed.
# Works on a fresh Debian/Ubuntu machine that has only python3, apt and make.
set -e
if command -v uv >/dev/null 2>&1; then command -v uv; exit 0; fi
if [ -x .tools/bin/uv ]; then echo "$(pwd)/.tools/bin/uv"; exit 0; fi
echo "uv not found: installing it into .tools/ (one-off)" >&2
if ! python3 -m venv .tools >/dev/null 2>&1; then
  rm -rf .tools
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "python3-venv is missing: installing it with apt-get" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
    python3 -m venv .tools >&2
  else
    echo "python3 -m venv failed. Install python3-venv (sudo apt-get install python3-venv) or uv." >&2
    exit 1
  fi
fi
.tools/bin/python -m pip install --quiet --disable-pip-version-check uv >&2
echo "$(pwd)/.tools/bin/uv"
