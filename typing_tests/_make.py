"""Makes proxies; spells every Proxy[...] type in this module."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TypeVar

from proxystore import Proxy, SimpleFactory
from typing_tests._shapes import Box, Shape

T = TypeVar("T")


def make_shape() -> Proxy[Shape]:
    return Proxy(SimpleFactory(Shape()))


def make_numbers() -> Proxy[list[int]]:
    return Proxy(SimpleFactory([1, 2]))


def make_box() -> Proxy[Box[int]]:
    return Proxy(SimpleFactory(Box(3)))


def make_path() -> Proxy[Path]:
    return Proxy(SimpleFactory(Path("/tmp")))


def wrap(value: T) -> Proxy[T]:
    return Proxy(SimpleFactory(value))


def wrap_box(value: T) -> Proxy[Box[T]]:
    return Proxy(SimpleFactory(Box(value)))


@dataclasses.dataclass
class Stats:
    """Proxied in its own module: its dataclass members appear late in analysis."""

    count: int

    def __post_init__(self) -> None:
        self.label = f"{self.count} items"


def make_stats() -> Proxy[Stats]:
    return Proxy(SimpleFactory(Stats(3)))


module_level_shape = make_shape()
