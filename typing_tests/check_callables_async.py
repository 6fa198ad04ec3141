"""Callables, class objects, iterators, context managers and async targets."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from proxystore import Proxy, SimpleFactory, extract
from typing_tests._runtime import assert_type


class Foo:
    def bar(self) -> int:
        return 1

    @classmethod
    def build(cls) -> Foo:
        return cls()


def describe(number: int) -> str:
    return str(number)


show: Proxy[Callable[[int], str]] = Proxy(SimpleFactory(describe))
assert_type(show(3), str)
as_callable: Callable[[int], str] = show

numbers: Proxy[Iterator[int]] = Proxy(SimpleFactory(iter([1, 2])))
for number in numbers:
    assert_type(number, int)
# The runtime proxy does not forward __next__ (lazy-object-proxy's C type has
# no tp_iternext), so next() needs iter() first, and mypy says so.
assert_type(next(iter(Proxy(SimpleFactory(iter([1]))))), int)


@contextlib.contextmanager
def opened() -> Iterator[str]:
    yield "resource"


manager: Proxy[contextlib.AbstractContextManager[str]] = Proxy(SimpleFactory(opened()))
with manager as resource:
    assert_type(resource, str)


class Session:
    async def __aenter__(self) -> str:
        return "session"

    async def __aexit__(self, *args: object) -> None:
        return None


async def compute() -> int:
    return 3


async def count() -> AsyncIterator[int]:
    yield 1
    yield 2


async def use_async_proxies() -> None:
    waiting: Proxy[Awaitable[int]] = Proxy(SimpleFactory(compute()))
    assert_type(await waiting, int)
    stream: Proxy[AsyncIterator[int]] = Proxy(SimpleFactory(count()))
    async for item in stream:
        assert_type(item, int)
    session: Proxy[Session] = Proxy(SimpleFactory(Session()))
    async with session as name:
        assert_type(name, str)


asyncio.run(use_async_proxies())

# A proxy of a class object is called and read as the class.
cls_proxy: Proxy[type[Foo]] = Proxy(SimpleFactory(Foo))
assert_type(cls_proxy(), Foo)
assert_type(cls_proxy.build(), Foo)
assert_type(extract(cls_proxy)(), Foo)


def _misuse() -> None:
    show("a")  # E: Argument 1 has incompatible type "str"; expected "int"  [arg-type]
    wrong: Callable[[str], str] = show  # E: Incompatible types in assignment (expression has type "Proxy[Callable[[int], str]]", variable has type "Callable[[str], str]")  [assignment]
    next(numbers)  # type: ignore[call-overload]
    cls_proxy(1)  # E: Too many arguments for "Foo"  [call-arg]
