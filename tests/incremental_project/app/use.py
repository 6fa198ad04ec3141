"""Part of the incremental-checking test project."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, TypeVar

from proxystore import Proxy, extract

from app.models import Box, Foo, Point

T = TypeVar("T")


def take_proxy_foo(p: Proxy[Foo]) -> int:
    return p.double() + extract(p).n


def take_foo(f: Foo) -> int:
    return f.n


def take_optional_foo(f: Optional[Foo]) -> int:
    return 0 if f is None else f.n


def take_proxy_ints(p: Proxy[list[int]]) -> int:
    return sum(p) + len(p)


def take_ints(xs: list[int]) -> int:
    return xs[0]


def take_proxy_box(p: Proxy[Box[int]]) -> int:
    return p.get() + 1


def take_box(b: Box[int]) -> int:
    return b.item


def take_path(p: Path) -> str:
    return p.name


def take_proxy_path(p: Proxy[Path]) -> str:
    return (p / "x").name


def take_point(p: Point) -> int:
    return p.x + p.y


def take_proxy_point(p: Proxy[Point]) -> Point:
    return extract(p)


def generic_box(p: Proxy[Box[T]]) -> T:
    return p.get()
