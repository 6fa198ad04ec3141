"""Generic code: a proxy argument solves ``T`` in ``Proxy[T]``, ``ProxyOr[T]`` and ``Proxy[T] | T``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar, Union, overload

from typing_extensions import TypeAlias

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


# A user's own spelling of ProxyOr, through an alias (looked through when
# mypy asks whether a callee takes a proxy of its own type variable).
MaybeProxy: TypeAlias = Union[Proxy[T], T]
Sizes: TypeAlias = Union[int, list[int]]


def unwrap_alias(value: MaybeProxy[T], size: Sizes = 0) -> T:
    return extract(value) if isinstance(value, Proxy) else value


def bounded(value: Proxy[B]) -> B:
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


def either(left: ProxyOr[T], right: ProxyOr[T]) -> T:
    return unwrap(left)


def by_keyword(*, value: ProxyOr[T]) -> T:
    return unwrap(value)


@overload
def unwrap_or_pair(value: ProxyOr[T]) -> T: ...
@overload
def unwrap_or_pair(value: int, other: int) -> tuple[int, int]: ...
def unwrap_or_pair(value: object, other: object = None) -> object:
    return unwrap(value) if other is None else (value, other)


class Picker:
    def pick(self, value: ProxyOr[T]) -> T:
        return unwrap(value)

    @staticmethod
    def pick_static(value: Proxy[T] | T) -> T:
        return unwrap(value)


class SubPicker(Picker):
    """Inherits `pick`: mypy names the call `SubPicker.pick`."""


p = Proxy(SimpleFactory(Foo(1)))
s = Proxy(SimpleFactory(Sub(2)))

assert_type(unwrap(p), Foo)
assert_type(unwrap_union(p), Foo)
assert_type(unwrap(Foo(1)), Foo)
assert_type(unwrap_union(Foo(1)), Foo)
assert_type(unwrap_alias(p), Foo)
assert_type(unwrap_alias(Foo(1), [2]), Foo)
assert_type(unwrap(s), Sub)
assert_type(unwrap(Proxy(SimpleFactory([1]))), list[int])
assert_type(unwrap(3), int)
assert_type(bounded(Proxy(SimpleFactory(True))), bool)
assert_type(bounded(Proxy(SimpleFactory(3))), int)
assert_type(Holder(Foo(0)).replace(p), Foo)
assert_type(either(p, Foo(2)), Foo)
assert_type(either(p, s), Foo)
assert_type(by_keyword(value=p), Foo)
assert_type(unwrap_or_pair(p), Foo)
assert_type(unwrap_or_pair(1, 2), tuple[int, int])
assert_type(Picker().pick(p), Foo)
assert_type(Picker.pick_static(p), Foo)
assert_type(SubPicker().pick(p), Foo)
# A union of proxies solves T to the join of their targets, as the targets would.
number: Proxy[int] | Proxy[str] = Proxy(SimpleFactory(1))
assert_type(either(number, 3), object)
# A list of proxies and plain values is solved by mypy itself (a join).
assert_type(first([p, Foo(2)]), Foo)


def _limits() -> None:
    # Known limit (docs/plugin.md): inside a container, a list of proxies only
    # solves T to the proxy type (a Foo too, so calls still type-check).
    assert_type(first([p]), Proxy[Foo])


def _misuse() -> None:
    # As for the type variable itself (`plain_bound("s")` below).
    text = Proxy(SimpleFactory("s"))
    bounded(text)  # E: Value of type variable "B" of "bounded" cannot be "str"  [type-var]
    plain_bound("s")  # E: Value of type variable "B" of "plain_bound" cannot be "str"  [type-var]
