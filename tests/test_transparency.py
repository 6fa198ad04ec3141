"""Semantics 7: weak references, process pools, numpy, async, copies, singletons."""

from __future__ import annotations

import asyncio
import copy
import os
import weakref
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import pytest

import proxystore as ps


class Array(ps.Factory[Any]):
    """Module level, so a worker process can unpickle it."""

    def resolve(self) -> Any:
        return np.arange(4)


def inspect_in_worker(p: Any) -> tuple[bool, int, int]:
    arrived_resolved = ps.is_resolved(p)
    return arrived_resolved, int(p.sum()), os.getpid()


def test_seed_example() -> None:
    x = np.array([1, 2, 3])
    f = ps.factory.SimpleFactory(x)
    p = ps.proxy.Proxy(f)
    assert isinstance(p, np.ndarray)
    assert np.array_equal(p, [1, 2, 3])
    assert (p * 2).tolist() == [2, 4, 6]
    assert np.add(p, 1).tolist() == [2, 3, 4]


def test_weak_references_do_not_resolve_and_die_with_the_proxy() -> None:
    p = ps.Proxy(ps.SimpleFactory([1]))
    ref = weakref.ref(p)
    assert ref() is p
    assert not ps.is_resolved(p)
    del p
    assert ref() is None


def test_process_pool_sends_the_factory_and_leaves_the_parent_unresolved() -> None:
    p = ps.Proxy(Array())
    with ProcessPoolExecutor(max_workers=1) as pool:
        arrived_resolved, total, pid = pool.submit(inspect_in_worker, p).result()
    assert arrived_resolved is False
    assert total == 6
    assert pid != os.getpid()
    assert ps.is_resolved(p) is False


class Resource:
    def __init__(self) -> None:
        self.entered = False

    async def __aenter__(self) -> Resource:
        self.entered = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.entered = False


class Awaitable:
    def __await__(self) -> Any:
        yield from asyncio.sleep(0).__await__()
        return 42


async def count(n: int) -> AsyncIterator[int]:
    for i in range(n):
        yield i


def test_async_targets_await_iterate_and_enter() -> None:
    async def main() -> None:
        awaitable: Any = ps.Proxy(Awaitable)
        assert await awaitable == 42
        iterator: Any = ps.Proxy(lambda: count(3))
        assert [i async for i in iterator] == [0, 1, 2]
        resource = Resource()
        manager: Any = ps.Proxy(lambda: resource)
        async with manager as entered:
            assert entered is resource and resource.entered
        assert not resource.entered

    asyncio.run(main())


@pytest.mark.parametrize("resolved", [False, True])
def test_copy_gives_a_new_unresolved_proxy_sharing_the_factory(resolved: bool) -> None:
    factory = ps.SimpleFactory([1, 2])
    p = ps.Proxy(factory)
    if resolved:
        ps.resolve(p)
    q = copy.copy(p)
    assert type(q) is ps.Proxy and q is not p
    assert ps.get_factory(q) is factory
    assert not ps.is_resolved(q)
    assert ps.is_resolved(p) is resolved
    assert ps.extract(q) is ps.extract(p)  # same factory, same target


def test_deepcopy_gives_a_new_unresolved_proxy_of_a_copied_factory() -> None:
    target = [1, [2]]
    p = ps.Proxy(ps.SimpleFactory(target))
    q: Any = copy.deepcopy(p)
    assert type(q) is ps.Proxy
    assert not ps.is_resolved(p) and not ps.is_resolved(q)
    assert ps.get_factory(q) is not ps.get_factory(p)
    assert ps.extract(q) == target and ps.extract(q) is not target


def test_deepcopy_keeps_sharing_inside_a_container() -> None:
    p = ps.Proxy(ps.SimpleFactory([0]))
    a, b = copy.deepcopy([p, p])
    assert a is b and not ps.is_resolved(p)


def test_singletons_are_not_identical_to_their_proxy() -> None:
    p = ps.Proxy(lambda: None)
    assert (p is None) is False
    assert p == None  # noqa: E711 - equality forwards to the target
    assert ps.extract(p) is None
    assert not p
