"""The contract's own example: a Proxy[Foo] is a Foo, and misuse names the proxy."""

from __future__ import annotations

from proxystore import Proxy, ProxyLocker, SimpleFactory, extract
from typing_tests._runtime import assert_type


class Foo:
    def bar(self) -> int:
        return 1


class Bar:
    pass


def make_foo() -> Foo:
    return Foo()


def use_foo(foo: Foo) -> Foo:
    return foo


def use_bar(bar: Bar) -> Bar:
    return bar


p = Proxy(make_foo)
assert_type(p.bar(), int)
assert_type(use_foo(p), Foo)
n = Proxy(SimpleFactory(1))
assert_type(n + 1, int)
assert_type(extract(p), Foo)
assert_type(ProxyLocker(p).unlock(), Proxy[Foo])


def _misuse() -> None:
    use_bar(p)  # E: Argument 1 to "use_bar" has incompatible type "Proxy[Foo]"; expected "Bar"  [arg-type]
    p.nope  # E: "Proxy[Foo]" has no attribute "nope"  [attr-defined]
    n + "a"  # E: Unsupported operand types for + ("Proxy[int]" and "str")  [operator]
