"""The factories: what they return, their reprs, and that they pickle."""

from __future__ import annotations

import pickle

import pytest

import proxystore as ps


def scale(values: list[int], factor: int = 1) -> list[int]:
    return [v * factor for v in values]


def test_simple_factory_returns_the_object_itself() -> None:
    obj = {"a": 1}
    assert ps.SimpleFactory(obj)() is obj
    assert ps.SimpleFactory(obj).resolve() is obj


def test_lambda_factory_calls_target_with_its_arguments() -> None:
    factory = ps.LambdaFactory(scale, [1, 2], factor=3)
    assert factory() == [3, 6]
    assert factory() is not factory()  # computed on every call


def test_reprs_name_the_contents_and_stay_short() -> None:
    assert repr(ps.SimpleFactory([1, 2])) == "SimpleFactory([1, 2])"
    assert repr(ps.LambdaFactory(scale, [1], factor=2)) == "LambdaFactory(scale, [1], factor=2)"
    assert repr(ps.LambdaFactory(list)) == "LambdaFactory(list)"
    assert len(repr(ps.SimpleFactory(list(range(1000))))) < 80


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_factories_pickle_at_every_protocol(protocol: int) -> None:
    simple = pickle.loads(pickle.dumps(ps.SimpleFactory([1, 2]), protocol))
    assert type(simple) is ps.SimpleFactory and simple() == [1, 2]
    lam = pickle.loads(pickle.dumps(ps.LambdaFactory(scale, [1], factor=4), protocol))
    assert type(lam) is ps.LambdaFactory and lam() == [4]
