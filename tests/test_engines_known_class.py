"""A proxy answers ``__class__`` without resolving when its target's exact class is known."""

from __future__ import annotations

import copy
import pickle
from typing import Any

import numpy as np
import pytest

import proxystore as ps


class Counting(ps.Factory[Any]):
    """Returns ``value`` and counts its calls; declares ``declared`` if given."""

    def __init__(self, value: Any, declared: type[Any] | None = None) -> None:
        self.value = value
        self.declared = declared
        self.calls = 0

    def resolve(self) -> Any:
        self.calls += 1
        return self.value

    def target_class(self) -> type[Any] | None:
        return self.declared


class Base:
    pass


class Derived(Base):
    pass


def make_derived() -> Derived:
    return Derived()


def class_of(obj: object) -> type[Any]:
    """``obj.__class__`` without narrowing ``obj`` for the type checker."""
    return obj.__class__


def test_simple_factory_knows_its_class() -> None:
    p = ps.Proxy(ps.SimpleFactory(np.arange(3)))
    assert isinstance(p, np.ndarray)
    assert p.__class__ is np.ndarray
    assert not isinstance(p, list)
    assert not ps.is_resolved(p)
    assert type(p) is ps.Proxy


def test_a_factory_can_declare_its_class() -> None:
    factory = Counting([1, 2], declared=list)
    p = ps.Proxy(factory)
    assert isinstance(p, list) and p.__class__ is list
    assert factory.calls == 0
    assert p == [1, 2]
    assert factory.calls == 1


def test_the_class_can_be_stated_at_creation() -> None:
    factory = Counting({"a": 1})
    p = ps.Proxy(factory, target_class=dict)
    assert isinstance(p, dict)
    assert factory.calls == 0
    assert p["a"] == 1 and factory.calls == 1


def test_unknown_class_resolves_as_before() -> None:
    for factory in (Counting([1]), ps.LambdaFactory(list, [1])):
        p = ps.Proxy(factory)
        assert isinstance(p, list)
        assert ps.is_resolved(p)


def test_an_annotation_is_not_trusted() -> None:
    # LambdaFactory's callable is annotated `-> Derived`, which would be a
    # guess: it does not declare a class, so isinstance resolves.
    p = ps.Proxy(ps.LambdaFactory(make_derived))
    assert isinstance(p, Derived)
    assert ps.is_resolved(p)


def test_after_resolution_the_target_answers() -> None:
    target = Base()
    p = ps.Proxy(ps.SimpleFactory(target))
    ps.resolve(p)
    target.__class__ = Derived
    assert class_of(p) is Derived
    p.__class__ = Base  # goes to the target, as on the C class
    assert target.__class__ is Base


def test_simple_factory_reads_the_objects_own_class() -> None:
    target = Base()
    factory = ps.SimpleFactory(target)
    p = ps.Proxy(factory)
    target.__class__ = Derived
    assert class_of(p) is Derived
    assert not ps.is_resolved(p)


def test_a_wrong_stated_class_fails_resolution_loudly() -> None:
    factory = Counting(Derived())
    p = ps.Proxy(factory, target_class=Base)
    assert isinstance(p, Base)  # what the user stated, before resolution
    with pytest.raises(ps.ProxyResolveError, match=r"returned a Derived.*target_class=Base"):
        ps.resolve(p)
    assert not ps.is_resolved(p)


def test_target_class_must_be_a_class() -> None:
    with pytest.raises(TypeError, match="target_class must be a class"):
        ps.Proxy(Counting(1), target_class="int")  # type: ignore[arg-type]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_the_stated_class_survives_pickling(protocol: int) -> None:
    p = ps.Proxy(Counting([1]), target_class=list)
    q = pickle.loads(pickle.dumps(p, protocol))
    assert class_of(q) is list
    assert not ps.is_resolved(q) and not ps.is_resolved(p)
    assert q == [1]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_a_proxy_without_a_stated_class_pickles_as_before(protocol: int) -> None:
    p = ps.Proxy(ps.SimpleFactory([1]))
    assert pickle.loads(pickle.dumps(p, protocol)).__class__ is list
    assert pickle.dumps(p, protocol) == pickle.dumps(ps.Proxy(ps.SimpleFactory([1])), protocol)


def test_copies_keep_the_stated_class() -> None:
    p = ps.Proxy(Counting([1]), target_class=list)
    for q in (copy.copy(p), copy.deepcopy(p)):
        assert class_of(q) is list
        assert not ps.is_resolved(q)


def test_a_locker_keeps_the_stated_class() -> None:
    p = ps.Proxy(Counting([1]), target_class=list)
    q = pickle.loads(pickle.dumps(ps.ProxyLocker(p))).unlock()
    assert class_of(q) is list
    assert not ps.is_resolved(q)


def test_a_new_factory_drops_the_stated_class() -> None:
    p = ps.Proxy(Counting([1]), target_class=list)
    # Read-only for the checker (it would make Proxy's T unsound); settable at run time.
    p.__factory__ = Counting((1,))  # type: ignore[misc]
    assert isinstance(p, tuple)
    assert ps.is_resolved(p)


def test_the_seed_numpy_example_still_holds() -> None:
    x = np.array([1, 2, 3])
    p = ps.Proxy(ps.SimpleFactory(x))
    assert isinstance(p, np.ndarray)
    assert np.array_equal(p, [1, 2, 3])
    assert ps.extract(p) is x


class DaskLike:
    """Defines a Dask protocol marker on its class."""

    def __dask_graph__(self) -> dict[str, int]:
        return {"x": 1}


def test_dask_probes_answer_none_from_the_known_class() -> None:
    p = ps.Proxy(ps.SimpleFactory(np.arange(3)))
    assert getattr(p, "__dask_future__", False) is None
    assert getattr(p, "__dask_graph__", None) is None
    assert not ps.is_resolved(p)
    ps.resolve(p)
    # Resolved: the target answers, and it has neither.
    assert not hasattr(p, "__dask_future__")
    assert not hasattr(p, "__dask_graph__")


def test_dask_probes_read_the_target_when_its_class_has_them() -> None:
    p = ps.Proxy(ps.SimpleFactory(DaskLike()))
    assert p.__dask_graph__() == {"x": 1}
    assert ps.is_resolved(p)


def test_dask_probes_on_an_unknown_class_resolve_as_before() -> None:
    p = ps.Proxy(Counting(DaskLike()))
    assert p.__dask_graph__() == {"x": 1}
    q = ps.Proxy(Counting(1))
    assert getattr(q, "__dask_future__", False) is False
    assert ps.is_resolved(q)


def test_an_uninitialised_proxy_raises_instead_of_crashing() -> None:
    # In a subprocess: reading the C base's factory slot of a proxy whose
    # __init__ never ran would kill the interpreter.
    import subprocess
    import sys

    code = """
import copy, pickle
import proxystore as ps
class Bad(ps.Proxy):
    def __init__(self, factory):
        pass
bad = Bad.__new__(Bad)  # Bad(list) raises: its __init__ skips super().__init__
for attempt in (
    lambda: isinstance(bad, list),
    lambda: getattr(bad, "__dask_future__", False),
    lambda: pickle.dumps(ps.ProxyLocker(bad)),
    lambda: copy.copy(bad),
):
    try:
        attempt()
    except (TypeError, ValueError):
        pass
print("survived")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "survived"


class Scaled(ps.Proxy[Any]):
    """A subclass with an extra constructor argument and its own pickling recipe."""

    def __init__(self, factory: Any, scale: int) -> None:
        super().__init__(factory)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (Scaled, (ps.get_factory(self), 3))


def test_a_locker_uses_a_subclass_pickling_recipe() -> None:
    factory = Counting([1])
    locker = ps.ProxyLocker(Scaled(factory, 3))
    copy_ = pickle.loads(pickle.dumps(locker)).unlock()
    assert type(copy_) is Scaled
    assert not ps.is_resolved(copy_)
    assert factory.calls == 0
