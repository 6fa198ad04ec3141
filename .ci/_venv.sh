# Sourced by the .ci scripts: make (once) and activate the project's virtual
# environment, with the package and its test extras installed in it.
# PYTHON picks the interpreter (default python3); VENV the folder (default .venv);
# EXTRA_REQUIREMENTS adds pip requirements (e.g. another mypy version).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
pip_log="$VENV/pip-install.log"
# shellcheck disable=SC2086  # EXTRA_REQUIREMENTS is a list of requirements
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -e ".[test]" \
    ${EXTRA_REQUIREMENTS:-} >"$pip_log" 2>&1; then
  cat "$pip_log"
  echo "installing the project into $VENV failed (log above)" >&2
  exit 1
fi
export PATH="$PWD/$VENV/bin:$PATH"
