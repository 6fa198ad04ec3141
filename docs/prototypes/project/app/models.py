from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

import proxystore  # noqa: F401  (the prototype needs Proxy analysed first)

T = TypeVar("T")


@dataclass(order=True)
class Foo:
    name: str

    def label(self) -> str:
        return self.name


@dataclass(order=True)
class Sub(Foo):
    extra: int = 0


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item
