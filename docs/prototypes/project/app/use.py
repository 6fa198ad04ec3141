from __future__ import annotations

from proxystore import Proxy, extract

from app.models import Box, Foo


def take(p: Proxy[Foo]) -> str:
    return p.label() + p.name


def take_list(xs: list[Proxy[Foo]]) -> int:
    return len(xs)


def less(a: Proxy[Foo], b: Proxy[Foo]) -> bool:
    return a < b


def get(b: Proxy[Box[int]]) -> int:
    return b.get() + extract(b).item


def plain(f: Foo) -> str:
    return f.name
