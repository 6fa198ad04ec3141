"""Unions, Optional, narrowing, Any and object."""

from __future__ import annotations

from typing import Any, Optional, Union

from proxystore import Proxy, ProxyLocker, SimpleFactory, extract, get_factory, is_resolved
from typing_tests._runtime import assert_type


class Foo:
    def bar(self) -> int:
        return 1


class Bar:
    def baz(self) -> str:
        return "b"


def pick(value: Union[Proxy[Foo], Bar]) -> Union[int, str]:
    if isinstance(value, Foo):
        assert_type(value, Proxy[Foo])
        return value.bar()
    assert_type(value, Bar)
    return value.baz()


def maybe(value: Optional[Proxy[Foo]]) -> int:
    if value is not None:
        assert_type(value, Proxy[Foo])
        return value.bar()
    assert_type(value, None)
    return 0


either: Proxy[Union[int, str]] = Proxy(SimpleFactory[Union[int, str]](3))
assert_type(either, Union[Proxy[int], Proxy[str]])
if isinstance(either, int):
    assert_type(either + 1, int)
else:
    assert_type(either.upper(), str)

anything: Proxy[Any] = Proxy(SimpleFactory[Any](5))
assert_type(anything + 1, int)  # mypy asks int.__radd__, as for a class with an Any base
assert_type(extract(anything), Any)


def _any_members() -> None:
    assert_type(anything.whatever, Any)
    assert_type(anything(1, 2), Any)
    assert_type(anything[0], Any)


some: Proxy[object] = Proxy(SimpleFactory[object](5))
assert_type(str(some), str)
assert_type(hash(some), int)

assert_type(pick(Proxy(SimpleFactory(Foo()))), Union[int, str])
assert_type(extract(either), Union[int, str])
assert_type(get_factory(either)(), Union[int, str])
assert_type(is_resolved(either), bool)
assert_type(ProxyLocker(either), ProxyLocker[Union[int, str]])
assert_type(maybe(None), int)


def _misuse() -> None:
    either + 1  # E: Unsupported operand types for + ("Proxy[str]" and "int")  [operator]
    some.bar()  # E: "Proxy[object]" has no attribute "bar"  [attr-defined]
    pick(some)  # E: Argument 1 to "pick" has incompatible type "Proxy[object]"; expected "Proxy[Foo] | Bar"  [arg-type]
    value: Union[Proxy[Foo], Bar] = Bar()
    value.bar()  # E: Item "Bar" of "Proxy[Foo] | Bar" has no attribute "bar"  [union-attr]
    value.baz()  # E: Item "Proxy[Foo]" of "Proxy[Foo] | Bar" has no attribute "baz"  [union-attr]
