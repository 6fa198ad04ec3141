"""Targets whose classes are made in unusual ways, and what their proxies do.

Each class here is made once per program with its proxy class (its
companion, proxystore_mypy/companions.py); these are the ways of making a
class that the companion must not disturb.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Protocol, runtime_checkable

from typing_extensions import Self, dataclass_transform

from proxystore import Proxy, SimpleFactory, extract
from typing_tests._runtime import assert_type


@dataclass_transform()
class ModelBase:
    """A base that makes its subclasses dataclasses (as msgspec's Struct does)."""

    def __init_subclass__(cls, *, frozen: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=frozen)(cls)


class FrozenModel(ModelBase, frozen=True):
    a: int


frozen_model: Proxy[FrozenModel] = Proxy(SimpleFactory(FrozenModel(a=1)))
assert_type(frozen_model.a, int)
assert_type(extract(frozen_model), FrozenModel)


@runtime_checkable
class Sized2(Protocol):
    def size(self) -> int: ...


class Blob:
    def size(self) -> int:
        return 2


def size_of(p: Proxy[Sized2]) -> int:
    assert_type(extract(p), Sized2)
    return p.size()


assert_type(size_of(Proxy(SimpleFactory(Blob()))), int)


class Node:
    def wrap(self) -> Proxy[Self]:
        """A proxy of this very object, of the caller's class."""
        return Proxy(SimpleFactory(self))


class Leaf(Node):
    pass


leaf_proxy: Proxy[Leaf] = assert_type(Leaf().wrap(), Proxy[Leaf])
# Through a proxy, `self` is the target: a Leaf, so a Proxy[Leaf] again.
node_proxy: Proxy[Node] = assert_type(leaf_proxy.wrap(), Proxy[Leaf])
