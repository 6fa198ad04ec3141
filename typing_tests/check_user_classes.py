"""User classes: properties, class methods, generic methods, dataclasses, enums."""

from __future__ import annotations

import dataclasses
import enum
from typing import Generic, NamedTuple, TypeVar

from typing_extensions import Literal, Self, TypedDict

from proxystore import Proxy, SimpleFactory, extract, get_factory
from typing_tests._runtime import assert_type

T = TypeVar("T")


class Account:
    rate = 0.5

    def __init__(self, balance: int) -> None:
        self._balance = balance
        self.owner = "ann"

    @property
    def balance(self) -> int:
        return self._balance

    @classmethod
    def empty(cls) -> Account:
        return cls(0)

    @staticmethod
    def currency() -> str:
        return "EUR"

    def first(self, values: list[T]) -> T:
        return values[0]

    def sibling(self) -> Proxy[Account]:
        return Proxy(SimpleFactory(Account(1)))

    @classmethod
    def fresh(cls) -> Self:
        return cls(0)

    @property
    def itself(self) -> Self:
        return self


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Pair(NamedTuple):
    left: int
    right: str


class PairProxy(Proxy[Pair]):
    """A subclass of a NamedTuple's proxy keeps the fields."""


class Movie(TypedDict):
    title: str
    year: int


class Color(enum.Enum):
    RED = 1
    BLUE = 2


account = Proxy(SimpleFactory(Account(10)))
assert_type(account, Proxy[Account])
assert_type(account.balance, int)
assert_type(account.owner, str)
assert_type(account.rate, float)
assert_type(account.empty(), Account)
assert_type(account.currency(), str)
assert_type(account.first(["a"]), str)
# A method declared to return a proxy returns one through a proxy too.
assert_type(account.sibling(), Proxy[Account])
assert_type(account.sibling().balance, int)
# Self, through a proxy, is the target (the target's method runs), for
# methods and classmethods; a property returning Self is a known limit.
assert_type(account.fresh(), Account)
itself: Account = account.itself
account.owner = "bob"

box: Proxy[Box[int]] = Proxy(SimpleFactory(Box(3)))
assert_type(box.get(), int)
assert_type(box.item, int)
plain_box: Box[int] = box

point: Proxy[Point] = Proxy(SimpleFactory(Point(1, 2)))
assert_type(point.x, int)
# dataclasses.replace checks type(obj), which is Proxy: pass the target.
assert_type(dataclasses.replace(extract(point), x=3), Point)

pair: Proxy[Pair] = Proxy(SimpleFactory(Pair(1, "a")))
assert_type(pair.left, int)
assert_type(pair[1], str)
assert_type(PairProxy(SimpleFactory(Pair(2, "b"))).left, int)
left, right = pair
assert_type(left, int)
assert_type(right, str)
replaced_pair: Pair = pair._replace(left=2)

movie: Proxy[Movie] = Proxy(SimpleFactory(Movie(title="Up", year=2009)))
assert_type(movie["title"], str)
assert_type(movie["year"], int)
assert_type("title" in movie, bool)
assert_type(extract(movie), Movie)
assert_type(get_factory(movie)()["year"], int)

color: Proxy[Color] = Proxy(SimpleFactory(Color.RED))
assert_type(color.value, int)
assert_type(color.name, str)
plain_color: Color = color

one: Proxy[Literal[1]] = Proxy(SimpleFactory[Literal[1]](1))
assert_type(one + 1, int)


def _misuse() -> None:
    account.balance = 3  # E: Property "balance" defined in "Account" is read-only  [misc]
    account.first(3)  # E: Argument 1 to "first" of "Account" has incompatible type "int"; expected "list[Never]"  [arg-type]
    box.get() + "a"  # E: Unsupported operand types for + ("int" and "str")  [operator]
    plain: Box[str] = box  # E: Incompatible types in assignment (expression has type "Proxy[Box][int]", variable has type "Box[str]")  [assignment]
    point.z  # E: "Proxy[Point]" has no attribute "z"  [attr-defined]
    movie["rating"]  # E: TypedDict "Proxy[Movie]" has no key "rating"  [typeddict-item]
    pair[2]  # E: Tuple index out of range  [misc]
