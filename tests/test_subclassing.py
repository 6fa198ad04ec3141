"""Issue 9, point 6: the rules for subclassing Proxy (docs/runtime.md, "Subclassing")."""

from __future__ import annotations

import copy
import inspect
import pickle
import subprocess
import sys
import textwrap
from typing import Any

import dill  # type: ignore[import-untyped]
import pytest

import proxystore as ps


def make_list() -> list[int]:
    return [1, 2, 3]


class Plain(ps.Proxy[list[int]]):
    def total(self) -> int:
        values: list[int] = ps.extract(self)
        return sum(values)


class SameSignature(ps.Proxy[list[int]]):
    def __init__(self, factory: Any) -> None:
        super().__init__(factory)


class ExtraArgument(ps.Proxy[list[int]]):
    def __init__(self, factory: Any, tag: str) -> None:
        super().__init__(factory)


class Tagged(ps.Proxy[list[int]]):
    """The documented pattern: state declared on the class, and __reduce_ex__."""

    tag: str = ""  # declared on the class, so `self.tag = ...` stays on the proxy

    def __init__(self, factory: Any, tag: str) -> None:
        super().__init__(factory)
        self.tag = tag

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (Tagged, (ps.get_factory(self), self.tag))


class Stateful(ps.Proxy[list[int]]):
    note: str = ""


PICKLERS = [pickle.dumps, dill.dumps]
COPIERS = [copy.copy, copy.deepcopy]


@pytest.mark.parametrize("dumps", PICKLERS, ids=["pickle", "dill"])
@pytest.mark.parametrize("cls", [Plain, SameSignature])
def test_subclasses_with_the_base_signature_round_trip(cls: Any, dumps: Any) -> None:
    p = cls(make_list)
    q = pickle.loads(dumps(p))
    assert type(q) is cls
    assert not ps.is_resolved(p)
    assert not ps.is_resolved(q)
    assert list(q) == [1, 2, 3]


@pytest.mark.parametrize("copier", COPIERS)
def test_subclasses_with_the_base_signature_copy(copier: Any) -> None:
    q = copier(Plain(make_list))
    assert type(q) is Plain
    assert q.total() == 6


@pytest.mark.parametrize(
    "action", [*PICKLERS, *COPIERS], ids=["pickle", "dill", "copy", "deepcopy"]
)
def test_extra_constructor_arguments_fail_when_pickled_or_copied(action: Any) -> None:
    p = ExtraArgument(make_list, "tag")
    with pytest.raises(
        TypeError,
        match=r"ExtraArgument: its constructor cannot be called with the factory alone .*define __reduce_ex__",
    ):
        action(p)
    assert not ps.is_resolved(p)


@pytest.mark.parametrize(
    "action", [*PICKLERS, *COPIERS], ids=["pickle", "dill", "copy", "deepcopy"]
)
def test_attributes_stored_on_the_proxy_are_not_dropped_silently(action: Any) -> None:
    p = Stateful(make_list)
    p.note = "kept on the proxy"
    assert not ps.is_resolved(p)
    with pytest.raises(TypeError, match="its attributes note would be lost"):
        action(p)


@pytest.mark.parametrize("dumps", PICKLERS, ids=["pickle", "dill"])
def test_a_subclass_that_defines_reduce_ex_round_trips(dumps: Any) -> None:
    p = Tagged(make_list, "mine")
    q = pickle.loads(dumps(p))
    assert type(q) is Tagged
    assert q.tag == "mine"
    assert not ps.is_resolved(q)
    assert list(q) == [1, 2, 3]


@pytest.mark.parametrize("copier", COPIERS)
def test_a_subclass_that_defines_reduce_ex_is_copied_through_it(copier: Any) -> None:
    p = Tagged(make_list, "mine")
    q = copier(p)
    assert type(q) is Tagged
    assert q.tag == "mine"
    assert not ps.is_resolved(p)
    assert not ps.is_resolved(q)


def test_a_subclass_must_not_override_wrapped_or_delattr() -> None:
    with pytest.raises(TypeError, match="defines __wrapped__"):

        class Broken(ps.Proxy[int]):
            __wrapped__ = 1

    with pytest.raises(
        TypeError, match="defines __delattr__, which Proxy subclasses must not override"
    ):

        class AlsoBroken(ps.Proxy[int]):
            def __delattr__(self, name: str) -> None: ...


def test_dill_pickles_a_subclass_defined_in_main_by_value() -> None:
    code = textwrap.dedent(
        """
        import subprocess, sys
        import dill
        import proxystore as ps

        class Local(ps.Proxy[list]):
            def total(self):
                return sum(ps.extract(self))

        data = dill.dumps(Local(ps.SimpleFactory([1, 2])))
        check = (
            "import dill, sys, proxystore as ps; "
            "q = dill.loads(sys.stdin.buffer.read()); "
            "print(type(q).__name__, ps.is_resolved(q), q.total())"
        )
        child = subprocess.run([sys.executable, "-c", check], input=data, capture_output=True)
        sys.stdout.write(child.stdout.decode() + child.stderr.decode())
        """,
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["Local", "False", "3"], result.stdout


def test_a_subclass_init_that_skips_super_init_fails_in_the_constructor() -> None:
    class Forgetful(ps.Proxy[list[int]]):
        def __init__(self, factory: Any) -> None:
            pass  # forgot super().__init__(factory)

    with pytest.raises(
        TypeError,
        match=r"\.Forgetful\.__init__ returned without initialising the proxy: "
        r"it must call super\(\)\.__init__\(factory\)",
    ):
        Forgetful(list)


def test_a_subclass_init_keeps_its_signature_and_chains_through_subclasses() -> None:
    class Named(ps.Proxy[list[int]]):
        def __init__(self, factory: Any, name: str = "n") -> None:
            super().__init__(factory)

    class Deeper(Named):
        def __init__(self, factory: Any) -> None:
            super().__init__(factory, "deep")

    def factory() -> list[int]:
        return [1]

    assert list(inspect.signature(Named.__init__).parameters) == ["self", "factory", "name"]
    p = Deeper(factory)
    assert ps.get_factory(p) is factory and ps.extract(p) == [1]
