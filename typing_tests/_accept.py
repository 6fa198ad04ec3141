"""Accepts proxies; a sibling of _make that never imports it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, TypeVar

from proxystore import Proxy
from typing_tests._shapes import Box, Shape

T = TypeVar("T")


def area_of_proxy(shape: Proxy[Shape]) -> float:
    return shape.area()


def area_of_shape(shape: Shape) -> float:
    return shape.area()


def area_of_optional(shape: Optional[Shape]) -> float:
    return 0.0 if shape is None else shape.area()


def total(numbers: Proxy[list[int]]) -> int:
    return sum(numbers)


def first(numbers: list[int]) -> int:
    return numbers[0]


def unbox(box: Proxy[Box[T]]) -> T:
    return box.get()


def name_of(path: Path) -> str:
    return path.name
