"""Unusual spellings of Proxy: none may crash mypy, each gets a clear answer."""

from __future__ import annotations

import enum
from typing import Any, Generic, Protocol, TypeVar, Union, overload

from typing_extensions import Self, TypeAlias

from proxystore import Proxy, ProxyLocker, ProxyOr, SimpleFactory, extract
from typing_tests._runtime import assert_type

T = TypeVar("T")


def bare(p: Proxy) -> None:  # E: Missing type parameters for generic type "Proxy"  [type-arg]
    assert_type(extract(p), Any)


def too_many(p: Proxy[int, str]) -> None:  # E: "Proxy" expects 1 type argument, but 2 given  [type-arg]
    pass


def forward_reference_to_nothing(p: Proxy["Undefined"]) -> None:  # E: Name "Undefined" is not defined  [name-defined]
    pass


def later(p: Proxy[DefinedLater]) -> int:
    return p.value()


class DefinedLater:
    def value(self) -> int:
        return 1


IntProxy: TypeAlias = Proxy[int]
Ints: TypeAlias = list[int]
IntsProxy: TypeAlias = Proxy[Ints]  # an alias of a proxy of another alias
Nested = Union[int, list["Nested"]]


def aliases(a: IntProxy, c: ProxyOr[int], d: Proxy[Nested], e: IntsProxy) -> None:
    assert_type(a + 1, int)
    assert_type(e[0], int)
    assert_type(c + 1, int)
    assert_type(d, Union[Proxy[int], Proxy[list[Nested]]])


class HasProxy(Protocol):
    def get(self) -> Proxy[int]: ...


class Holder:
    def get(self) -> Proxy[int]:
        return Proxy(SimpleFactory(1))


holder: HasProxy = Holder()
assert_type(holder.get() + 1, int)


@overload
def choose(value: Proxy[int]) -> int: ...
@overload
def choose(value: Proxy[str]) -> str: ...
def choose(value: Proxy[int] | Proxy[str]) -> int | str:
    return value


assert_type(choose(Proxy(SimpleFactory(1))), int)
assert_type(choose(Proxy(SimpleFactory("a"))), str)


class Node:
    def proxied(self) -> Proxy[Self]:
        return Proxy(SimpleFactory(self))

    def name(self) -> str:
        return "node"


assert_type(Node().proxied().name(), str)


class IntProxySubclass(Proxy[int]):
    pass


class GenericProxySubclass(Proxy[T], Generic[T]):
    pass


class BoolProxy(Proxy[bool]):
    """bool is final, and Color a populated Enum: such subclasses stay plain proxies."""


class Color(enum.Enum):
    RED = 1


class ColorProxy(Proxy[Color]):
    pass


assert_type(extract(BoolProxy(SimpleFactory(True))), bool)
assert_type(extract(ColorProxy(SimpleFactory(Color.RED))), Color)

sub = IntProxySubclass(SimpleFactory(3))
assert_type(sub + 1, int)
generic_sub = GenericProxySubclass(SimpleFactory("a"))
assert_type(extract(generic_sub), str)

locked: ProxyLocker[Proxy[int]] = ProxyLocker(Proxy(SimpleFactory(Proxy(SimpleFactory(1)))))
assert_type(locked.unlock(), Proxy[Proxy[int]])
assert_type(extract(locked.unlock()), Proxy[int])
