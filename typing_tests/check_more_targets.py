"""More kinds of targets and places a proxy type can appear."""

from __future__ import annotations

import collections.abc
import dataclasses
from typing import NamedTuple, NewType

from typing_extensions import TypedDict

from proxystore import Proxy, SimpleFactory, extract
from typing_tests._runtime import assert_type

UserId = NewType("UserId", int)


class Outer:
    class Inner:
        def depth(self) -> int:
            return 2


@dataclasses.dataclass
class Holder:
    count: Proxy[int]
    names: list[Proxy[str]] = dataclasses.field(default_factory=list)


class Row(NamedTuple):
    value: Proxy[float]


class Record(TypedDict):
    owner: Proxy[str]


def local_class_proxy() -> int:
    class Local:
        def size(self) -> int:
            return 5

    local: Proxy[Local] = Proxy(SimpleFactory(Local()))
    return local.size()


user: Proxy[UserId] = Proxy(SimpleFactory(UserId(7)))
assert_type(user + 1, int)
plain_user: UserId = user

inner: Proxy[Outer.Inner] = Proxy(SimpleFactory(Outer.Inner()))
assert_type(inner.depth(), int)

mapping: Proxy[collections.abc.Mapping[str, int]] = Proxy(
    SimpleFactory[collections.abc.Mapping[str, int]]({"a": 1})
)
assert_type(mapping["a"], int)
assert_type(len(mapping), int)

numbers: Proxy[tuple[int, ...]] = Proxy(SimpleFactory((1, 2, 3)))
assert_type(numbers[0], int)
assert_type(numbers[1:], tuple[int, ...])

@dataclasses.dataclass
class Base:
    size: int


@dataclasses.dataclass
class Derived(Base):
    pass


def base_size(base: Proxy[Base]) -> int:
    return base.size


# A dataclass sets __hash__ to None; its proxy is still a proxy of its base.
assert_type(base_size(Proxy(SimpleFactory(Derived(3)))), int)

nested: Proxy[list[Proxy[int]]] = Proxy(SimpleFactory([Proxy(SimpleFactory(1))]))
assert_type(nested[0] + 1, int)
assert_type(extract(nested[0]), int)

holder = Holder(Proxy(SimpleFactory(2)))
assert_type(holder.count * 2, int)
row = Row(Proxy(SimpleFactory(1.5)))
assert_type(row.value + 1, float)
record: Record = {"owner": Proxy(SimpleFactory("ann"))}
assert_type(record["owner"].upper(), str)
assert_type(local_class_proxy(), int)
