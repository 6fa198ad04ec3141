"""The plugin never crashes mypy: an internal failure falls back to mypy's own answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api as mypy_api

from proxystore_mypy import _fallback, _proxy_types, call_results

ROOT = Path(__file__).resolve().parent.parent

SOURCE = '''\
from proxystore import Proxy, SimpleFactory

class Foo:
    def bar(self) -> int:
        return 1

def use(p: Proxy[Foo]) -> int:
    return p.bar()

use(Proxy(SimpleFactory(Foo())))
'''


def _check(tmp_path: Path) -> tuple[str, int]:
    (tmp_path / "example.py").write_text(SOURCE)
    config = tmp_path / "mypy.ini"
    config.write_text(f"[mypy]\nplugins = proxystore_mypy\nmypy_path = {ROOT}\n")
    stdout, stderr, status = mypy_api.run(
        [
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--show-traceback",
            str(tmp_path / "example.py"),
        ]
    )
    return stdout + stderr, status


def test_guard_returns_the_default_when_a_hook_raises() -> None:
    def broken(ctx: int) -> str:
        raise AssertionError("an internal surprise")

    assert _fallback.guarded(lambda ctx: f"default for {ctx}")(broken)(3) == "default for 3"


def test_an_internal_error_in_every_hook_becomes_mypys_plain_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated internal error")

    monkeypatch.setattr(_fallback, "_DEBUG", False)
    monkeypatch.setattr(_proxy_types, "_synthesize", fail)
    monkeypatch.setattr(call_results, "proxy_type", fail)
    output, status = _check(tmp_path)
    assert "INTERNAL ERROR" not in output and "Traceback" not in output, output
    assert status == 1, output
    # Without its synthesized class a proxy is the plain Proxy class: the
    # attribute is reported, not crashed on.
    assert 'error: "Proxy[Foo]" has no attribute "bar"' in output, output


def test_the_same_module_type_checks_when_nothing_fails(tmp_path: Path) -> None:
    output, status = _check(tmp_path)
    assert status == 0, output


def test_an_unsupported_mypy_is_refused_with_a_clear_error() -> None:
    from proxystore_mypy import ProxystorePlugin, plugin

    assert plugin("1.4.0") is ProxystorePlugin
    assert plugin("2.4.1+dev.0123abcd") is ProxystorePlugin
    with pytest.raises(RuntimeError, match=r"needs mypy >= 1\.4, found 1\.3\.0"):
        plugin("1.3.0")
    with pytest.raises(RuntimeError, match="upgrade mypy"):
        plugin("0.991")
