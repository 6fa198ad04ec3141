"""Part of the incremental-checking test project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


class Foo:
    def __init__(self, n: int) -> None:
        self.n = n

    def double(self) -> int:
        return self.n * 2


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


@dataclass
class Point:
    x: int
    y: int
