"""Semantics 8: creating, resolving and pickling proxies leaks nothing."""

from __future__ import annotations

import gc
import pickle
import tracemalloc

import proxystore as ps

CYCLES = 100_000
SLACK = 1 << 20  # 1 MiB


def churn(cycles: int) -> None:
    for i in range(cycles):
        p = ps.Proxy(ps.SimpleFactory(i))
        ps.resolve(p)
        q = pickle.loads(pickle.dumps(p))
        assert q + 0 == i


def test_no_memory_growth_over_100k_proxies() -> None:
    gc.collect()
    tracemalloc.start()
    try:
        churn(1_000)  # warm-up: caches, interned names, free lists
        gc.collect()
        before, _ = tracemalloc.get_traced_memory()
        churn(CYCLES)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < SLACK, f"grew by {after - before} bytes"


def test_a_dropped_proxy_frees_its_target_without_the_cycle_collector() -> None:
    import weakref

    class Target:
        pass

    gc.disable()
    try:
        p = ps.Proxy(Target)
        ref = weakref.ref(ps.extract(p))
        del p
        assert ref() is None
    finally:
        gc.enable()
