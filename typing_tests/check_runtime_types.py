"""The type is what runs: members read or called through a proxy have the target's types.

The runtime proxy forwards every member to its target, so a method that
returns ``Self`` returns the target, not a proxy: ``extract()`` of such a
result must be an error. Each case is checked by mypy and, below it, at
runtime. Cases where mypy still differs from the runtime are pinned with
their reason (docs/plugin.md, "Known limits").
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Callable
from pathlib import Path
from typing import Generic, Literal, Optional, SupportsFloat, SupportsInt, TypeVar

from typing_extensions import Self

from proxystore import Proxy, SimpleFactory, extract
from typing_tests._runtime import assert_type, reveal_type

T = TypeVar("T")


class Vec:
    def __init__(self, x: int) -> None:
        self.x = x

    def __abs__(self) -> Self:
        return type(self)(abs(self.x))

    def __neg__(self) -> Self:
        return type(self)(-self.x)

    def __round__(self, ndigits: int = 0) -> Self:
        return self

    def __pow__(self, exponent: int) -> Self:
        return type(self)(self.x**exponent)

    def __divmod__(self, other: int) -> tuple[Self, Self]:
        return self, self

    def copy(self) -> Self:
        return type(self)(self.x)

    @property
    def me(self) -> Self:
        return self


class Countdown:
    def __init__(self, start: int) -> None:
        self.left = start

    def __iter__(self) -> Self:
        return self

    def __next__(self) -> int:
        if self.left == 0:
            raise StopIteration
        self.left -= 1
        return self.left


class Color(enum.Enum):
    RED = 1
    BLUE = 2


class Box(Generic[T]):
    pass


class Foo:
    kind = "foo"

    @classmethod
    def build(cls) -> Self:
        return cls()


v: Proxy[Vec] = Proxy(SimpleFactory(Vec(-2)))
path: Proxy[Path] = Proxy(SimpleFactory(Path("/tmp/x")))
when: Proxy[datetime.datetime] = Proxy(SimpleFactory(datetime.datetime(2020, 1, 1)))
i: Proxy[int] = Proxy(SimpleFactory(7))
s: Proxy[str] = Proxy(SimpleFactory("abc"))
b: Proxy[bytes] = Proxy(SimpleFactory(b"12"))
mapping: Proxy[dict[str, int]] = Proxy(SimpleFactory({"a": 1}))
countdown: Proxy[Countdown] = Proxy(SimpleFactory(Countdown(2)))

# Builtins that call a special method: the runtime calls it on the target.
reveal_type(abs(v))  # N: Revealed type is "typing_tests.check_runtime_types.Vec"
reveal_type(round(v))  # N: Revealed type is "typing_tests.check_runtime_types.Vec"
reveal_type(pow(v, 2))  # N: Revealed type is "typing_tests.check_runtime_types.Vec"
reveal_type(divmod(v, 2))  # N: Revealed type is "tuple[typing_tests.check_runtime_types.Vec, typing_tests.check_runtime_types.Vec]"
for result in (abs(v), round(v), pow(v, 2), *divmod(v, 2)):
    assert type(result) is Vec and not isinstance(result, Proxy)
# iter() of an iterator whose __iter__ returns Self: the target itself.
reveal_type(iter(countdown))  # N: Revealed type is "typing_tests.check_runtime_types.Countdown"
assert type(iter(countdown)) is Countdown
assert_type(next(iter(countdown)), int)
assert_type([n for n in countdown], list[int])
# A result declared as the target's own class, not Self, is unchanged.
assert_type(abs(i), int)
assert_type(round(i), int)

# Operators, method calls, properties and attribute reads.
reveal_type(-v)  # N: Revealed type is "typing_tests.check_runtime_types.Vec"
reveal_type(v.copy())  # N: Revealed type is "typing_tests.check_runtime_types.Vec"
reveal_type(v.me)  # N: Revealed type is "typing_tests.check_runtime_types.Vec"
reveal_type(path.parent)  # N: Revealed type is "pathlib.Path"
reveal_type(path / "y")  # N: Revealed type is "pathlib.Path"
reveal_type(when.astimezone())  # N: Revealed type is "datetime.datetime"
for plain in (-v, v.copy(), v.me, path.parent, path / "y", when.astimezone()):
    assert not isinstance(plain, Proxy)

# A class method called on a proxy.
assert_type(i.from_bytes(b"\x01", "big"), int)
assert type(i.from_bytes(b"\x01", "big")) is int

# `p.__class__` is the target's class.
assert_type(v.__class__, type[Vec])
assert_type(i.__class__, type[int])
assert v.__class__ is Vec and i.__class__ is int

# int() and float() of a proxy: the proxy's own __int__/__float__ convert
# the target, so they work wherever they work on the target (bytes included,
# which mypy accepts through the buffer protocol the proxy does not forward).
assert_type(int(b), int)
assert_type(float(b), float)
assert int(b) == 12 and float(b) == 12.0
# So a proxy of a buffer is what int() and float() take, wherever they are
# asked for, and so is one of a bytearray.
def as_number(x: SupportsInt, y: SupportsFloat) -> float:
    return int(x) + float(y)


octets: Proxy[bytearray] = Proxy(SimpleFactory(bytearray(b"7")))
assert_type(as_number(b, octets), float)
assert as_number(b, octets) == 19.0 and int(octets) == 7
assert_type(b.__int__(), int)

# math.trunc() needs `__trunc__` on the type, which the runtime proxy lacks:
# rejected, as it fails at runtime; math.floor() falls back to __float__.
number: Proxy[float] = Proxy(SimpleFactory(2.5))
try:
    math.trunc(number)  # E: Argument 1 to "trunc" has incompatible type "Proxy[float]"; expected "_SupportsTrunc[Never]"  [arg-type]
    raise AssertionError("math.trunc() accepted a proxy")
except TypeError:
    pass
assert_type(math.floor(number), int)
# extract() first, on its own line: as an argument of math.trunc, mypy
# would solve extract()'s T from trunc's protocol (a known issue of extract).
plain_number = extract(number)
assert_type(math.trunc(plain_number), int)
assert math.floor(number) == 2 and math.trunc(plain_number) == 2

# Unpacking a proxy of a mapping gives its keys.
assert_type([*mapping], list[str])
assert [*mapping] == ["a"]

# Known limit: a method read without a call keeps Self bound to the proxy.
# mypy runs no plugin hook for it (checkmember returns the bound signature
# as is); calling the method (above) is typed right.
copy = v.copy
assert_type(copy, Callable[[], Proxy[Vec]])
assert not isinstance(copy(), Proxy)


def _static_only(
    cls: Proxy[type[Foo]],
    boxes: Proxy[type[Box[int]]],
    red: Proxy[Literal[Color.RED]],
) -> None:
    # Known limit: an operator that fails both ways recovers as Any (mypy
    # tries the right operand's `str.__rmul__` too: the types differ); the
    # target recovers as `str`. Both are errors, as at runtime.
    reveal_type(s * "x")  # E: Unsupported operand types for * ("Proxy[str]" and "str")  [operator] # N: Revealed type is "Any"


    # Known limit: accepted, but int() with a base needs a real str or bytes
    # and rejects the proxy at runtime (a proxy of a str is a str to mypy).
    int(s, 16)
    int(b, 16)

    # A target that int() rejects: so is its proxy (the proxy's own __int__
    # would raise TypeError).
    as_number(Proxy(SimpleFactory(Foo())), 1.0)  # E: Argument 1 to "as_number" has incompatible type "Proxy[Foo]"; expected "SupportsInt"  [arg-type]

    # A name the class does not have is an error, as for the class itself.
    cls.missing  # E: "type[Foo]" has no attribute "missing"  [attr-defined]
    cls(1)  # E: Too many arguments for "Foo"  [call-arg]
    # Known limit: a proxy of a generic class object has only the proxy API
    # (its constructor would need the class's type arguments).
    boxes()  # E: "Proxy[type[Box[int]]]" not callable  [operator]
    assert_type(extract(boxes)(), Box[int])

    # A proxy of a literal is accepted where the literal is, and only there;
    # mypy names it by its literal in messages.
    wants_red(red)
    wants_optional_red(red)
    wants_blue(red)  # E: Argument 1 to "wants_blue" has incompatible type "Literal[Color.RED]"; expected "Literal[Color.BLUE]"  [arg-type]
    # Known limit: a variable inferred from it forgets the literal, as mypy
    # forgets the literal of `x = "a"` (the proxy is still a Color).
    copied = red
    wants_red(copied)  # E: Argument 1 to "wants_red" has incompatible type "Proxy[Literal[Color.RED]]"; expected "Literal[Color.RED]"  [arg-type]
    wants_red(extract(red))


def wants_red(color: Literal[Color.RED]) -> None: ...


def wants_optional_red(color: Optional[Literal[Color.RED]]) -> None: ...


def wants_blue(color: Literal[Color.BLUE]) -> None: ...


# A failing augmented assignment leaves the proxy as it was, as at runtime.
counter: Proxy[int] = Proxy(SimpleFactory(7))
try:
    counter @= 2  # E: Unsupported left operand type for @ ("int")  [operator]
except TypeError:
    pass
assert_type(counter, Proxy[int])

# The runtime facts the known limits above rest on.
red_proxy: Proxy[Literal[Color.RED]] = Proxy(SimpleFactory[Literal[Color.RED]](Color.RED))
assert extract(red_proxy) is Color.RED and red_proxy == Color.RED
wants_red(red_proxy)
wants_optional_red(red_proxy)

# A proxy of a class object is called and read as the class.
cls_proxy: Proxy[type[Foo]] = Proxy(SimpleFactory(Foo))
reveal_type(cls_proxy())  # N: Revealed type is "typing_tests.check_runtime_types.Foo"
assert_type(cls_proxy.kind, str)
reveal_type(cls_proxy.build())  # N: Revealed type is "typing_tests.check_runtime_types.Foo"
assert_type(cls_proxy.__name__, str)
assert type(cls_proxy()) is Foo and type(cls_proxy.build()) is Foo
assert cls_proxy.kind == "foo" and cls_proxy.__name__ == "Foo"
assert_type(extract(cls_proxy), type[Foo])
# Inferred from the factory (the class as its constructor): the same proxy.
inferred_cls_proxy = Proxy(SimpleFactory(Foo))
assert_type(inferred_cls_proxy.kind, str)
assert_type(inferred_cls_proxy.build(), Foo)
