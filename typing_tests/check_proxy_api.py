"""The proxy-only API keeps its own types; the proxy value itself is Proxy[T]."""

from __future__ import annotations

from proxystore import (
    LambdaFactory,
    Proxy,
    ProxyLocker,
    SimpleFactory,
    extract,
    get_factory,
    is_resolved,
    resolve,
)
from proxystore.proxy import FactoryType
from typing_tests._runtime import assert_type, reveal_type


class Foo:
    def bar(self) -> int:
        return 1


def make_foo() -> Foo:
    return Foo()


p = Proxy(make_foo)
assert_type(p, Proxy[Foo])
assert_type(Proxy(SimpleFactory(3)), Proxy[int])
assert_type(Proxy(LambdaFactory(str, 5)), Proxy[str])
assert_type(Proxy[Foo](make_foo), Proxy[Foo])
assert_type(is_resolved(p), bool)
assert_type(resolve(p), None)
assert_type(extract(p), Foo)
assert_type(get_factory(p), FactoryType[Foo])
assert_type(ProxyLocker(p), ProxyLocker[Foo])
assert_type(ProxyLocker(p).unlock(), Proxy[Foo])
assert_type(p.__wrapped__, Foo)
assert_type(p.__factory__, FactoryType[Foo])
assert_type(p.__resolved__, bool)
assert_type(p.bar(), int)

reveal_type(p)  # N: Revealed type is "typing_tests.check_proxy_api.Proxy[Foo]"


def _misuse() -> None:
    Proxy(3)  # E: Argument 1 to "Proxy" has incompatible type "int"; expected "Callable[[], Never]"  [arg-type]
    extract(Foo())  # E: Argument 1 to "extract" has incompatible type "Foo"; expected "Proxy[Never]"  [arg-type]
    ProxyLocker(p).bar()  # E: "ProxyLocker[Foo]" has no attribute "bar"  [attr-defined]
