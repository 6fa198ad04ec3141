"""Every construct where the plugin keeps mypy's default or differs from the target.

Each case is pinned here so that a silent Any cannot spread unnoticed; the
reasons and workarounds are listed in docs/plugin.md ("Known limits").
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar, Union

from typing_extensions import ParamSpec, TypeAlias

from proxystore import Proxy, SimpleFactory, extract
from typing_tests._runtime import assert_type

T = TypeVar("T")
P = ParamSpec("P")


class Foo:
    def bar(self) -> int:
        return 1


class Countdown:
    """An iterator whose own class body defines __next__."""

    def __iter__(self) -> Countdown:
        return self

    def __next__(self) -> int:
        return 1


# 1. A proxy of a class object is called and read as the class
# (check_runtime_types.py), but it is no `type[Foo]`: pass extract().
cls_proxy: Proxy[type[Foo]] = Proxy(SimpleFactory(Foo))
assert_type(extract(cls_proxy)(), Foo)

# 2. A proxy of a proxy is a proxy of a proxy, not of the inner target.
nested: Proxy[Proxy[int]] = Proxy(SimpleFactory(Proxy(SimpleFactory(1))))
assert_type(extract(nested) + 1, int)

# A union spreads item by item; an item the plugin cannot model stays plain.
mixed = Proxy(SimpleFactory[Union[int, Proxy[str]]](1))
assert_type(mixed, Union[Proxy[int], Proxy[Proxy[str]]])

# A recursive alias whose recursion passes through Proxy keeps the plain proxy
# (a synthesized class there would grow with every pass of mypy's analysis).
Tree: TypeAlias = Union[int, Proxy[list["Tree"]]]


def leaves(tree: Tree) -> int:
    if isinstance(tree, int):
        return tree
    return sum(leaves(branch) for branch in extract(tree))


assert_type(leaves(Proxy(SimpleFactory[list[Tree]]([1, 2]))), int)

# 3. A proxy of None is not None (at runtime `p is None` is False too).
nothing: Proxy[None] = Proxy(SimpleFactory(None))
assert_type(extract(nothing), None)

# 4. Proxy[Any] is a class with an Any base: members are Any, but binary
#    operators with a typed right operand ask the right operand.
anything: Proxy[Any] = Proxy(SimpleFactory[Any](2))
assert_type(anything + 1, int)

# 5. A proxy over a bare type variable is not that type variable.
def unwrap(value: Proxy[T]) -> T:
    return extract(value)


# 6. Generic functions return their argument's type: max() of proxies is a
#    proxy (it is, at runtime), sum() of proxies claims a proxy (it is an int).
biggest = max(Proxy(SimpleFactory(1)), Proxy(SimpleFactory(2)))
assert_type(biggest, Proxy[int])


def _static_only(
    generic_call: Proxy[Callable[P, int]],
    number: Proxy[int],
    target: T,
    proxied: Proxy[T],
    some: Proxy[object],
    foo_proxy: Proxy[Foo],
) -> None:
    as_class: type[Foo] = cls_proxy  # E: Incompatible types in assignment (expression has type "Proxy[type[Foo]]", variable has type "type[Foo]")  [assignment]
    nested + 1  # E: Unsupported operand types for + ("Proxy[Proxy[int]]" and "int")  [operator]
    none_value: None = nothing  # E: Incompatible types in assignment (expression has type "Proxy[None]", variable has type "None")  [assignment]
    assert_type(anything.whatever, Any)
    # 5. Pass extract(proxied) where the type variable itself is expected.
    target = proxied  # E: Incompatible types in assignment (expression has type "Proxy[T]", variable has type "T")  [assignment]
    # 7. Callables over a ParamSpec keep the plain proxy.
    generic_call(1)  # E: "Proxy[Callable[P, int]]" not callable  [operator]
    # 8. next() and memoryview() fail at runtime on a proxy: mypy says so.
    next(Proxy(SimpleFactory(iter([1]))))  # type: ignore[call-overload]
    next(Proxy(SimpleFactory(Countdown())))  # type: ignore[call-overload]
    # 9. Under --strict-equality, Proxy[object] overlaps nothing but proxies.
    some == 1  # E: Non-overlapping equality check (left operand type: "Proxy[object]", right operand type: "Literal[1]")  [comparison-overlap]
    # 11. (No longer a limit.) A proxy's type has object's members as its
    #     target has them: a proxy of a hashable class is Hashable, as
    #     hash() is forwarded to the target.
    hashable: Hashable = foo_proxy
    hashable_int: Hashable = number
    # 10. typing.Self and `-> T` methods called through a proxy return the
    #     target's type; functions that rebuild their argument from type(obj)
    #     (dataclasses.replace, copy.replace) need extract(), see docs.
