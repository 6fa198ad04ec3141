"""Semantics 1: a factory must be callable, and the error says what it got."""

from __future__ import annotations

from typing import Any

import pytest

import proxystore as ps


@pytest.mark.parametrize("factory", [42, "not callable", None, [1, 2]])
def test_non_callable_factory_raises_type_error_naming_it(factory: Any) -> None:
    with pytest.raises(TypeError, match="must be callable") as info:
        ps.Proxy(factory)
    assert repr(factory) in str(info.value)
    assert type(factory).__qualname__ in str(info.value)


def test_assigning_a_non_callable_factory_raises() -> None:
    p = ps.Proxy(ps.SimpleFactory(1))
    with pytest.raises(TypeError, match=r"got 3\.5 of type float"):
        p.__factory__ = 3.5  # type: ignore[assignment, misc]  # read-only for the checker
    assert ps.get_factory(p)() == 1


def test_lambda_factory_rejects_a_non_callable_target() -> None:
    with pytest.raises(TypeError, match="target must be callable, got 'x' of type str"):
        ps.LambdaFactory("x")  # type: ignore[arg-type]


def test_factory_base_class_names_the_subclass_missing_resolve() -> None:
    class Incomplete(ps.Factory[int]):
        pass

    with pytest.raises(NotImplementedError, match="Incomplete must implement resolve"):
        Incomplete()()


def test_any_zero_argument_callable_is_a_factory() -> None:
    five: Any = ps.Proxy(lambda: 5)
    empty: Any = ps.Proxy(list)
    assert five + 1 == 6
    assert empty == []
