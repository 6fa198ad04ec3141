"""Part of the incremental-checking test project."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from proxystore import Proxy, SimpleFactory, extract

from app.models import Box, Foo, Point
from app.models2 import Bar

T = TypeVar("T")


def foo() -> Proxy[Foo]:
    return Proxy(SimpleFactory(Foo(1)))


def ints() -> Proxy[list[int]]:
    return Proxy(SimpleFactory([1, 2]))


def box() -> Proxy[Box[int]]:
    return Proxy(SimpleFactory(Box(3)))


def path() -> Proxy[Path]:
    return Proxy(SimpleFactory(Path("/tmp")))


def point() -> Proxy[Point]:
    return Proxy(SimpleFactory(Point(1, 2)))


def bar() -> Proxy[Bar]:
    return Proxy(SimpleFactory(Bar()))


def wrap(x: T) -> Proxy[T]:
    return Proxy(SimpleFactory(x))


def boxed(b: Proxy[Box[T]]) -> T:
    return b.get()


def rebox(b: Box[T]) -> Proxy[Box[T]]:
    p: Proxy[Box[T]] = wrap(b)
    return p


def unbox(b: Proxy[Box[T]]) -> Box[T]:
    return extract(b)
