"""``assert_type`` that also checks, at runtime, the class the value has.

For mypy this is ``typing_extensions.assert_type``. At runtime it checks that
the value is an instance of what the asserted type can be checked against:
``Proxy[Foo]`` needs a proxy whose target is a ``Foo``; ``list[int]`` needs a
``list``; a union needs one of its members. Types with no runtime
counterpart (type variables, callables, ``Any``) are not checked.
"""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

import typing_extensions
from typing_extensions import reveal_type as reveal_type

from proxystore.proxy import Proxy

if TYPE_CHECKING:
    from typing_extensions import assert_type as assert_type
else:

    def assert_type(value: Any, expected: Any) -> Any:
        """Raise TypeError unless ``value`` can have the type ``expected``."""
        if not matches(value, expected):
            raise TypeError(f"{value!r} (a {type(value).__name__}) is not a {expected!r}")
        return value


def matches(value: Any, expected: Any) -> bool:
    """Whether ``value`` can be an instance of the type expression ``expected``."""
    if expected is Any or expected is object or isinstance(expected, typing.TypeVar):
        return True
    if expected is None or expected is type(None):
        return value is None
    origin = typing_extensions.get_origin(expected)
    args = typing_extensions.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        return any(matches(value, arg) for arg in args)
    if origin is typing_extensions.Literal:
        return value in args
    if origin is Proxy:
        return type(value) is Proxy and matches(value, args[0])
    if origin is not None:
        return not isinstance(origin, type) or isinstance(value, origin)
    if isinstance(expected, type):
        if typing_extensions.is_typeddict(expected):
            return isinstance(value, dict)
        return isinstance(value, expected)
    return True  # callables, NewType and other forms with no runtime class
