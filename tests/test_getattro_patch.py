"""The ctypes patch of tp_getattro: it takes effect and changes no behaviour."""

from __future__ import annotations

import ctypes
from typing import Any
from typing import cast

import pytest

import proxystore as ps
from proxystore import proxy as proxy_module
from proxystore.proxy import _LazyObjectProxy


def getattro(cls: type) -> int:
    layout = proxy_module._probe_slot_layout()
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


def test_the_patch_took_effect_for_proxy_and_subclasses() -> None:
    base = getattro(_LazyObjectProxy)
    assert proxy_module._FAST_GETATTRO is True
    assert getattro(ps.Proxy) == base
    assert getattro(WithGetattr) == base
    assert getattro(WithOverride) == base


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

    assert getattro(Late) == getattro(_LazyObjectProxy)
    Late.__getattribute__ = lambda self, name: "late"  # type: ignore[method-assign]
    late: Any = Late(Target)
    assert late.anything == "late"
