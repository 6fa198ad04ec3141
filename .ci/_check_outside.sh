#!/usr/bin/env bash
# Usage: bash .ci/_check_outside.sh PYTHON
# Type-checks a small project in a fresh temporary folder outside the
# checkout, with the plugin, using PYTHON's environment (where the project is
# installed: editable or from the wheel). Fails unless mypy finds proxystore
# through the install and reveals a proxied member's real type (not Any).
set -euo pipefail
python="$1"
project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
cat >"$project/app.py" <<'PY'
from proxystore import Proxy, SimpleFactory


class Foo:
    def bar(self) -> int:
        return 1


p = Proxy(SimpleFactory(Foo()))
reveal_type(p.bar())
PY
cat >"$project/pyproject.toml" <<'TOML'
[tool.mypy]
strict = true
plugins = ["proxystore_mypy"]
TOML
cd "$project"
where=$(env -u PYTHONPATH "$python" -c 'import proxystore, proxystore_mypy; print(proxystore.__file__, proxystore_mypy.__version__)')
echo "-- proxystore imported from: $where"
status=0
output=$(env -u PYTHONPATH -u MYPYPATH "$python" -m mypy --no-incremental app.py 2>&1) || status=$?
echo "$output"
if [ "$status" -ne 0 ] || ! grep -Eq 'app\.py:10: note: Revealed type is "(builtins\.)?int"' <<<"$output"; then
  echo "FAILED: mypy outside the checkout did not reveal int for a proxied member (exit $status)" >&2
  exit 1
fi
echo "-- ok: a proxied member's type is int, outside the checkout"
