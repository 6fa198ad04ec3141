from __future__ import annotations

from proxystore import Proxy, SimpleFactory

from app.models import Box, Foo, Sub


def foo() -> Proxy[Foo]:
    return Proxy(SimpleFactory(Foo("a")))


def sub() -> Proxy[Sub]:
    return Proxy(SimpleFactory(Sub("b", 1)))


def box() -> Proxy[Box[int]]:
    return Proxy(SimpleFactory(Box(1)))


FOO = foo()
FOOS: list[Proxy[Foo]] = [foo(), FOO]
