"""The ctypes patch of tp_getattro: it takes effect where allowed and changes no behaviour.

CI runs this file (with the rest of the runtime tests) twice: with the patch
and with PROXYSTORE_NO_GETATTRO_PATCH=1.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from typing import Any, cast

import pytest

import proxystore as ps
from proxystore import _getattro_patch
from proxystore import proxy as proxy_module
from proxystore.proxy import _LazyObjectProxy


def getattro(cls: type) -> int:
    layout = _getattro_patch.probe_slot_layout()
    assert layout is not None
    return ctypes.c_void_p.from_address(id(cls) + layout[0]).value or 0


class Target:
    attribute = "target"

    def method(self) -> str:
        return "called"


class WithGetattr(ps.Proxy[Target]):
    def __getattr__(self, name: str) -> Any:
        if name == "virtual":
            return "from subclass __getattr__"
        return super().__getattr__(name)  # type: ignore[misc]


class WithOverride(ps.Proxy[Target]):
    attribute = "proxy"

    def extra(self) -> str:
        return "extra"


class WithGetattribute(ps.Proxy[Target]):
    def __getattribute__(self, name: str) -> Any:
        if name == "special":
            return "from __getattribute__"
        return super().__getattribute__(name)


def test_the_patch_took_effect_for_proxy_and_subclasses_when_enabled() -> None:
    base = getattro(_LazyObjectProxy)
    enabled = _getattro_patch.is_enabled()
    assert proxy_module._FAST_GETATTRO is enabled
    for cls in (ps.Proxy, WithGetattr, WithOverride):
        assert (getattro(cls) == base) is enabled


def test_the_patch_is_on_by_default_on_tested_versions_and_off_with_the_variable() -> None:
    code = "from proxystore import proxy; print(proxy._FAST_GETATTRO)"
    tested = sys.version_info[:2] in _getattro_patch.TESTED_VERSIONS
    env = {k: v for k, v in os.environ.items() if k != _getattro_patch.DISABLE_VARIABLE}
    on = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert on.stdout.strip() == str(tested)
    env[_getattro_patch.DISABLE_VARIABLE] = "1"
    off = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert off.stdout.strip() == "False"


def test_the_patch_is_refused_on_untested_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "version_info", (3, 99, 0, "final", 0))
    monkeypatch.delenv(_getattro_patch.DISABLE_VARIABLE, raising=False)
    assert _getattro_patch._enabled_here() is False


def test_a_subclass_with_getattribute_keeps_cpythons_slot() -> None:
    assert getattro(WithGetattribute) != getattro(_LazyObjectProxy)
    p: Any = WithGetattribute(Target)
    assert p.special == "from __getattribute__"
    assert p.attribute == "target"


def test_attribute_access_and_forwarding_still_work() -> None:
    p: Any = ps.Proxy(Target)
    assert p.attribute == "target"
    assert p.method() == "called"
    assert isinstance(cast(Any, p), Target)
    assert cast(Any, p).__class__ is Target
    with pytest.raises(AttributeError):
        p.missing  # noqa: B018
    p.new = 1
    assert ps.extract(p).new == 1


def test_subclass_getattr_and_overrides_still_apply() -> None:
    p: Any = WithGetattr(Target)
    assert p.virtual == "from subclass __getattr__"
    assert p.method() == "called"
    q: Any = WithOverride(Target)
    assert q.attribute == "proxy"
    assert q.extra() == "extra"
    assert q.method() == "called"
    assert isinstance(q, Target)


def test_reassigning_getattribute_later_makes_cpython_recompute_the_slot() -> None:
    class Late(ps.Proxy[Target]):
        pass

    assert (getattro(Late) == getattro(_LazyObjectProxy)) is _getattro_patch.is_enabled()
    Late.__getattribute__ = lambda self, name: "late"  # type: ignore[method-assign]
    late: Any = Late(Target)
    assert late.anything == "late"
