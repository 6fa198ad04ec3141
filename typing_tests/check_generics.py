"""Generic code: a proxy argument solves ``T`` in ``Proxy[T]``, ``ProxyOr[T]`` and ``Proxy[T] | T``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from proxystore import Proxy, SimpleFactory, extract
from proxystore.proxy import ProxyOr
from typing_tests._runtime import assert_type

T = TypeVar("T")
B = TypeVar("B", bound=int)


@dataclass
class Foo:
    x: int


class Sub(Foo):
    pass


def unwrap(value: ProxyOr[T]) -> T:
    return extract(value) if isinstance(value, Proxy) else value


def unwrap_union(value: Proxy[T] | T) -> T:
    return extract(value) if isinstance(value, Proxy) else value


def unwrap_bound(value: Proxy[B]) -> B:
    assert_type(value + 1, int)
    return extract(value)


def plain_bound(value: B) -> B:
    return value


class Holder(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def replace(self, value: ProxyOr[T]) -> T:
        return unwrap(value)


def first(values: list[ProxyOr[T]]) -> T:
    return unwrap(values[0])


p = Proxy(SimpleFactory(Foo(1)))
s = Proxy(SimpleFactory(Sub(2)))

assert_type(unwrap(p), Foo)
assert_type(unwrap_union(p), Foo)
assert_type(unwrap(Foo(1)), Foo)
assert_type(unwrap_union(Foo(1)), Foo)
assert_type(unwrap(s), Sub)
assert_type(unwrap(Proxy(SimpleFactory([1]))), list[int])
assert_type(unwrap(3), int)
assert_type(unwrap_bound(Proxy(SimpleFactory(True))), bool)
assert_type(unwrap_bound(Proxy(SimpleFactory(3))), int)
assert_type(Holder(Foo(0)).replace(p), Foo)
# A list of proxies and plain values is solved by mypy itself (a join).
assert_type(first([Foo(1), Foo(2)]), Foo)


def _misuse() -> None:
    # As for the type variable itself (`plain_bound("s")` below).
    unwrap_bound(Proxy(SimpleFactory("s")))  # E: Value of type variable "B" of "unwrap_bound" cannot be "str"  [type-var]
    plain_bound("s")  # E: Value of type variable "B" of "plain_bound" cannot be "str"  [type-var]
