"""Passing, assigning and returning a Proxy[T] where T-shaped types are expected."""

from __future__ import annotations

from typing import Optional, Protocol

from proxystore import Proxy, SimpleFactory
from typing_tests._runtime import assert_type


class Foo:
    size = 3

    def bar(self) -> int:
        return 1


class SubFoo(Foo):
    pass


class Bar:
    pass


class HasBar(Protocol):
    def bar(self) -> int: ...


class HasBaz(Protocol):
    def baz(self) -> int: ...


def take_foo(foo: Foo) -> int:
    return foo.bar()


def take_optional(foo: Optional[Foo]) -> int:
    return 0 if foo is None else foo.bar()


def take_list(foos: list[Foo]) -> int:
    return len(foos)


def take_protocol(thing: HasBar) -> int:
    return thing.bar()


def take_proxy(proxy: Proxy[Foo]) -> int:
    return proxy.bar()


def return_foo() -> Foo:
    return Proxy(SimpleFactory(Foo()))


p = Proxy(SimpleFactory(Foo()))
sub = Proxy(SimpleFactory(SubFoo()))
assert_type(take_foo(p), int)
assert_type(take_optional(p), int)
assert_type(take_protocol(p), int)
assert_type(take_proxy(p), int)
assert_type(take_proxy(sub), int)
assert_type(take_foo(sub), int)
assert_type(return_foo(), Foo)
assigned: Foo = p
optional: Optional[Foo] = p
proxies: list[Proxy[Foo]] = [p, p]
foos: list[Foo] = [p]
assert_type(take_list([p]), int)
size: int = p.size


def _misuse() -> None:
    take_list(proxies)  # E: Argument 1 to "take_list" has incompatible type "list[Proxy[Foo]]"; expected "list[Foo]"  [arg-type]
    unrelated: Bar = p  # E: Incompatible types in assignment (expression has type "Proxy[Foo]", variable has type "Bar")  [assignment]
    take_proxy(Foo())  # E: Argument 1 to "take_proxy" has incompatible type "Foo"; expected "Proxy[Foo]"  [arg-type]
    needs_baz: HasBaz = p  # E: Incompatible types in assignment (expression has type "Proxy[Foo]", variable has type "HasBaz")  [assignment]
    back: Proxy[SubFoo] = p  # E: Incompatible types in assignment (expression has type "Proxy[Foo]", variable has type "Proxy[SubFoo]")  [assignment]
