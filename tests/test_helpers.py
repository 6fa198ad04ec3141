"""Semantics 6: extract, is_resolved, resolve, get_factory and ProxyLocker."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from typing import Any, cast

import pytest

import proxystore as ps


class Box:
    def __init__(self, value: int) -> None:
        self.value = value


def make_box() -> Box:
    return Box(9)


def test_extract_returns_the_target_itself_resolving_if_needed() -> None:
    target = Box(1)
    p = ps.Proxy(ps.SimpleFactory(target))
    assert ps.extract(p) is target
    assert ps.is_resolved(p)
    assert ps.extract(p) is target
    assert type(ps.extract(p)) is Box


def test_resolve_and_is_resolved() -> None:
    p = ps.Proxy(ps.SimpleFactory(Box(1)))
    assert ps.is_resolved(p) is False
    assert ps.resolve(p) is None  # type: ignore[func-returns-value]
    assert ps.is_resolved(p) is True


def test_get_factory_returns_the_users_factory() -> None:
    factory = ps.LambdaFactory(make_box)
    p = ps.Proxy(factory)
    assert ps.get_factory(p) is factory
    assert p.__factory__ is factory
    ps.resolve(p)
    assert ps.get_factory(p) is factory


def test_assigning_a_factory_replaces_it() -> None:
    p: Any = ps.Proxy(ps.SimpleFactory(Box(1)))
    replacement = ps.SimpleFactory(Box(2))
    p.__factory__ = replacement
    assert ps.get_factory(p) is replacement
    assert p.value == 2


def locked() -> tuple[ps.ProxyLocker[Box], ps.Proxy[Box]]:
    p = ps.Proxy(ps.LambdaFactory(make_box))
    return ps.ProxyLocker(p), p


def test_unlock_returns_the_same_unresolved_proxy() -> None:
    locker, p = locked()
    assert locker.unlock() is p
    assert not ps.is_resolved(p)


@pytest.mark.parametrize(
    "name",
    ["value", "_proxy", "__wrapped__", "__dict__", "__getstate__", "__factory__", "proxy"],
)
def test_locker_answers_no_other_attribute(name: str) -> None:
    locker, p = locked()
    with pytest.raises(AttributeError, match="call unlock"):
        getattr(locker, name)
    assert not ps.is_resolved(p)


def test_locker_cannot_be_modified() -> None:
    locker, p = locked()
    with pytest.raises(AttributeError):
        locker._proxy = ps.Proxy(make_box)  # type: ignore[attr-defined]
    assert locker.unlock() is p


def test_inspecting_a_locker_does_not_resolve() -> None:
    locker, p = locked()
    assert "unresolved" in repr(locker)
    assert isinstance(locker, ps.ProxyLocker)
    copy.copy(locker)
    assert not ps.is_resolved(p)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickling_a_locker_does_not_resolve(protocol: int) -> None:
    locker, p = locked()
    restored = pickle.loads(pickle.dumps(locker, protocol))
    assert not ps.is_resolved(p)
    assert type(restored) is ps.ProxyLocker
    inner: Any = restored.unlock()
    assert type(inner) is ps.Proxy and not ps.is_resolved(inner)
    assert cast(Any, inner).value == 9


def test_locker_needs_a_proxy() -> None:
    with pytest.raises(TypeError, match="needs a Proxy, got Box"):
        ps.ProxyLocker(Box(1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "helper",
    [ps.extract, ps.is_resolved, ps.resolve, ps.get_factory],
    ids=lambda helper: helper.__name__,
)
@pytest.mark.parametrize("not_a_proxy", [5, "text", [1, 2]], ids=["int", "str", "list"])
def test_a_helper_given_something_else_than_a_proxy_says_so(
    helper: Callable[[Any], object], not_a_proxy: object
) -> None:
    with pytest.raises(
        TypeError,
        match=rf"^{helper.__name__}\(\) needs a proxystore Proxy, got {type(not_a_proxy).__name__}$",
    ):
        helper(not_a_proxy)
