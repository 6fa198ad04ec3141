"""Classes proxied across modules by check_cross_module."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Shape:
    def area(self) -> float:
        return 1.0


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item
