"""Runtime facts the mypy plugin relies on, so that a change in them is noticed.

* In-place operators replace the target and keep the proxy (the plugin types
  ``p += 1`` as the same ``Proxy[int]``); the factory is untouched, so a
  pickle of the proxy still carries the original factory.
* ``next()`` and the buffer protocol are not forwarded by lazy-object-proxy
  (the plugin reports ``next(p)`` and ``memoryview(p)`` as errors).
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import proxystore as ps


def test_inplace_operator_keeps_the_proxy_and_replaces_the_target() -> None:
    p: Any = ps.Proxy(ps.SimpleFactory(1))
    original = p
    p += 1
    assert p is original
    assert type(p) is ps.Proxy
    assert ps.extract(p) == 2


def test_inplace_on_a_mutable_target_mutates_it() -> None:
    items = [1]
    p: Any = ps.Proxy(ps.SimpleFactory(items))
    p += [2]
    assert type(p) is ps.Proxy
    assert items == [1, 2]


def test_a_pickle_after_an_inplace_operator_carries_the_original_factory() -> None:
    p: Any = ps.Proxy(ps.SimpleFactory(1))
    p += 1
    assert ps.extract(pickle.loads(pickle.dumps(p))) == 1


def test_next_is_not_forwarded_but_iter_is() -> None:
    p: Any = ps.Proxy(ps.SimpleFactory(iter([1, 2])))
    with pytest.raises(TypeError, match="not an iterator"):
        next(p)
    assert next(iter(p)) == 1


def test_the_buffer_protocol_is_not_forwarded() -> None:
    p: Any = ps.Proxy(ps.SimpleFactory(b"abc"))
    with pytest.raises(TypeError):
        memoryview(p)
    assert bytes(memoryview(ps.extract(p))) == b"abc"
