"""Semantics 2: nothing but a real use of the target calls the factory."""

from __future__ import annotations

from typing import Any

import pytest

import proxystore as ps


class Target:
    def __init__(self) -> None:
        self.value = 1


class CountingFactory(ps.Factory[Target]):
    def __init__(self) -> None:
        self.calls = 0

    def resolve(self) -> Target:
        self.calls += 1
        return Target()


@pytest.fixture()
def factory() -> CountingFactory:
    return CountingFactory()


def test_construction_does_not_call_the_factory(factory: CountingFactory) -> None:
    p = ps.Proxy(factory)
    assert factory.calls == 0
    assert not ps.is_resolved(p)


def test_repr_of_an_unresolved_proxy_does_not_resolve(factory: CountingFactory) -> None:
    p = ps.Proxy(factory)
    text = repr(p)
    assert factory.calls == 0
    assert "CountingFactory" in text
    assert not ps.is_resolved(p)


def test_subscripted_construction_does_not_resolve(factory: CountingFactory) -> None:
    p: Any = ps.Proxy[Target](factory)
    assert factory.calls == 0
    assert not ps.is_resolved(p)
    # typing stored __orig_class__ on the proxy, not on the target.
    assert p.__orig_class__ == ps.Proxy[Target]
    assert not ps.is_resolved(p)
    assert "__orig_class__" not in vars(ps.extract(p))


def test_isinstance_of_proxy_and_helpers_do_not_resolve(factory: CountingFactory) -> None:
    p = ps.Proxy(factory)
    assert isinstance(p, ps.Proxy)
    assert ps.get_factory(p) is factory
    assert p.__factory__ is factory
    assert not ps.is_resolved(p)
    assert factory.calls == 0


def test_first_real_use_resolves(factory: CountingFactory) -> None:
    p: Any = ps.Proxy(factory)
    assert p.value == 1
    assert factory.calls == 1
    assert ps.is_resolved(p)
    assert isinstance(p, Target)
    assert factory.calls == 1
