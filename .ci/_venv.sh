# Sourced by the .ci scripts: make (once) and activate the project's virtual
# environment, with the package installed editable and its test extras.
# PYTHON picks the interpreter (default python3); VENV the folder (default .venv);
# EXTRAS adds extras of the project (e.g. "lint,release");
# EXTRA_REQUIREMENTS adds pip requirements (e.g. another mypy version).
#
# The editable install is a plain path entry (.pth) for the checkout, which
# mypy can see from any folder (pyproject.toml's package-dir says why).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
pip_log="$VENV/pip-install.log"
# An environment made before the distribution was renamed still holds the
# old "proxystore" distribution and its import-hook finder: remove it (and
# the old name's build metadata in the checkout).
rm -rf proxystore.egg-info
if "$VENV/bin/python" -m pip show -q proxystore >/dev/null 2>&1; then
  "$VENV/bin/python" -m pip uninstall -y -q proxystore >"$pip_log" 2>&1 || true
fi
# shellcheck disable=SC2086  # EXTRA_REQUIREMENTS is a list of requirements
if ! "$VENV/bin/python" -m pip install --disable-pip-version-check \
    -e ".[test${EXTRAS:+,$EXTRAS}]" ${EXTRA_REQUIREMENTS:-} >"$pip_log" 2>&1; then
  cat "$pip_log"
  echo "installing the project into $VENV failed (log above)" >&2
  exit 1
fi
export PATH="$PWD/$VENV/bin:$PATH"
