"""Semantics 5: a pickle holds the factory only and never resolves the proxy."""

from __future__ import annotations

import pickle
import threading
from typing import Any, cast

import pytest

import proxystore as ps

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
MARKER = "only-in-the-target"


def make_target() -> list[str]:
    return ["".join(reversed("tegrat-eht-ni-ylno"))]


class IntProxy(ps.Proxy[int]):
    pass


@pytest.mark.parametrize("protocol", PROTOCOLS)
@pytest.mark.parametrize("resolved", [False, True])
def test_pickle_holds_the_factory_only(protocol: int, resolved: bool) -> None:
    p: Any = ps.Proxy(ps.LambdaFactory(make_target))
    if resolved:
        assert p == [MARKER]
    data = pickle.dumps(p, protocol)
    assert MARKER.encode() not in data
    assert ps.is_resolved(p) is resolved
    q: Any = pickle.loads(data)
    assert type(q) is ps.Proxy
    assert not ps.is_resolved(q)
    assert cast(Any, q) == [MARKER]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_subclasses_round_trip_as_themselves(protocol: int) -> None:
    q: Any = pickle.loads(pickle.dumps(IntProxy(ps.SimpleFactory(3)), protocol))
    assert type(q) is IntProxy
    assert not ps.is_resolved(q)
    assert cast(Any, q) + 1 == 4


def test_reduce_ex_is_overridden_not_just_reduce() -> None:
    factory = ps.SimpleFactory(1)
    p = ps.Proxy(factory)
    assert p.__reduce_ex__(2) == (ps.Proxy, (factory,))
    assert p.__reduce__() == (ps.Proxy, (factory,))
    assert not ps.is_resolved(p)


def test_unpicklable_lambda_factory_error_names_it() -> None:
    p = ps.Proxy(lambda: 1)
    with pytest.raises((pickle.PicklingError, AttributeError), match="<lambda>"):
        pickle.dumps(p)
    assert not ps.is_resolved(p)


def test_unpicklable_local_function_error_names_it() -> None:
    def local_factory() -> int:
        return 1

    with pytest.raises((pickle.PicklingError, AttributeError), match="local_factory"):
        pickle.dumps(ps.Proxy(local_factory))


def test_unpicklable_factory_class_error_names_it() -> None:
    class LocalFactory(ps.Factory[int]):
        def resolve(self) -> int:
            return 1

    with pytest.raises((pickle.PicklingError, AttributeError), match="LocalFactory"):
        pickle.dumps(ps.Proxy(LocalFactory()))


def test_a_factory_holding_a_lock_fails_to_pickle_without_resolving() -> None:
    # Known limit (see docs/runtime.md): this message names the lock, not the
    # factory, because the pickler raises it while saving the factory's state.
    class Holder:
        def __init__(self) -> None:
            self.lock = threading.Lock()

        def __call__(self) -> int:
            return 1

    p = ps.Proxy(Holder())
    with pytest.raises((TypeError, pickle.PicklingError, AttributeError)):
        pickle.dumps(p)
    assert not ps.is_resolved(p)
