"""Semantics 3: a proxy calls its factory once, even under a thread race."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

import proxystore as ps
from proxystore.proxy import _Resolver


class Payload:
    value = 7


class SlowCountingFactory(ps.Factory[Payload]):
    def __init__(self) -> None:
        self.calls = 0
        self._lock = threading.Lock()

    def resolve(self) -> Payload:
        with self._lock:
            self.calls += 1
        time.sleep(0.05)  # wide window: every thread arrives while unresolved
        return Payload()


def race(p: Any, threads: int) -> list[object]:
    barrier = threading.Barrier(threads)
    seen: list[object] = []

    def touch(index: int) -> None:
        barrier.wait()
        if index % 2:
            assert p.value == 7  # attribute path
        seen.append(ps.extract(p))

    workers = [threading.Thread(target=touch, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return seen


def test_sixteen_racing_threads_call_the_factory_once() -> None:
    factory = SlowCountingFactory()
    p = ps.Proxy(factory)
    seen = race(p, 16)
    assert factory.calls == 1
    assert len(seen) == 16
    assert all(obj is seen[0] for obj in seen)
    assert ps.extract(p) is seen[0]


def test_many_accesses_after_resolution_never_call_the_factory_again() -> None:
    factory = SlowCountingFactory()
    p: Any = ps.Proxy(factory)
    for _ in range(100):
        assert p.value == 7
    assert factory.calls == 1


def test_a_resolved_proxy_never_calls_its_resolver_again(monkeypatch: pytest.MonkeyPatch) -> None:
    p: Any = ps.Proxy(SlowCountingFactory())
    ps.resolve(p)

    def refuse(self: object) -> Any:
        raise AssertionError("the resolver ran on a resolved proxy")

    # No lock, no claim, no Python call: the C code finds the target.
    monkeypatch.setattr(_Resolver, "__call__", refuse)
    assert p.value == 7
    assert p.value + 0 == 7
    worker = threading.Thread(target=lambda: p.value)
    worker.start()
    worker.join(timeout=5)


def test_a_slow_factory_does_not_block_other_proxies() -> None:
    release = threading.Event()

    def blocked() -> int:
        release.wait(5)
        return 1

    slow: Any = ps.Proxy(blocked)
    worker = threading.Thread(target=ps.resolve, args=(slow,))
    worker.start()
    try:
        fast: Any = ps.Proxy(lambda: 2)
        start = time.perf_counter()
        assert fast + 0 == 2
        assert time.perf_counter() - start < 1
    finally:
        release.set()
        worker.join()
    assert slow == 1
