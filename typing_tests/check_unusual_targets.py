"""Unusual targets: each gets a defined answer and none crashes mypy.

requires: mypy >= 1.10 (variadic generics and Concatenate in this file)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Literal, NoReturn, Optional, Protocol, TypeVar

from typing_extensions import Concatenate, LiteralString, Never, ParamSpec, TypeVarTuple, Unpack

from proxystore import Proxy, extract
from typing_tests._runtime import assert_type

Ts = TypeVarTuple("Ts")
P = ParamSpec("P")
T = TypeVar("T")


class Runner(Protocol):
    def run(self) -> int: ...


class Variadic(Generic[Unpack[Ts]]):
    def __init__(self, *items: Unpack[Ts]) -> None:
        self._items = items

    def items(self) -> tuple[Unpack[Ts]]:
        return self._items


def _static_only(
    never: Proxy[Never],
    any_args: Proxy[Callable[..., int]],
    choice: Proxy[Literal["a", "b"]],
    empty: Proxy[tuple[()]],
    literal_string: Proxy[LiteralString],
    runner: Proxy[Runner],
    variadic: Proxy[Variadic[int, str]],
    concatenated: Proxy[Callable[Concatenate[int, P], T]],
    no_return: Proxy[NoReturn],
    deep: Proxy[Proxy[Proxy[int]]],
    optional_call: Proxy[Optional[Callable[[int], str]]],
    loose: Proxy[dict[str, Any]],
) -> None:
    assert_type(any_args(1, "x"), int)
    assert_type(choice.upper(), str)
    assert_type(len(empty), int)
    assert_type(literal_string + "x", str)
    assert_type(runner.run(), int)
    assert_type(variadic.items(), tuple[int, str])
    assert_type(extract(concatenated), Callable[Concatenate[int, P], T])
    assert_type(extract(extract(deep)), Proxy[int])
    assert_type(loose["key"], Any)
    if optional_call is not None:
        # A proxy is never None at runtime, so `is not None` keeps both items.
        assert_type(optional_call, Proxy[Callable[[int], str]] | Proxy[None])
