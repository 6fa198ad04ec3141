"""cloudpickle (used by Dask, Ray, loky, Parsl) ships a proxy without resolving it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from engine_probe import KINDS, PASS_BY_REFERENCE, Kind, Shipped, payload

import proxystore as ps

cloudpickle = pytest.importorskip("cloudpickle")


@pytest.mark.parametrize("kind", PASS_BY_REFERENCE)
def test_dumps_never_calls_the_factory(kind: Kind, tmp_path: Path) -> None:
    shipped = Shipped(kind, str(tmp_path), payload())
    data = cloudpickle.dumps(shipped.obj)
    copy = pickle.loads(data)
    assert shipped.calls() == {}
    proxy = copy.unlock() if type(copy) is ps.ProxyLocker else copy
    assert not ps.is_resolved(proxy)
    assert sum(proxy) == 6
    assert shipped.calls() == {"client": 1}


def test_an_unknown_class_is_still_resolved_by_dumps(tmp_path: Path) -> None:
    # cloudpickle asks isinstance(obj, FunctionType): only the target can
    # answer. This is the case known classes and lockers exist for.
    shipped = Shipped("unknown", str(tmp_path), payload())
    cloudpickle.dumps(shipped.obj)
    assert shipped.calls() == {"client": 1}


@pytest.mark.parametrize("kind", KINDS)
def test_a_locker_pickles_the_factory_not_the_proxy(kind: Kind, tmp_path: Path) -> None:
    shipped = Shipped(kind, str(tmp_path), payload())
    obj = shipped.obj
    locker = obj if type(obj) is ps.ProxyLocker else ps.ProxyLocker(obj)
    inner = locker.unlock()
    copy = cloudpickle.loads(cloudpickle.dumps(locker))
    assert shipped.calls() == {}
    assert ps.get_factory(copy.unlock()).__class__ is ps.get_factory(inner).__class__
    assert not ps.is_resolved(copy.unlock()) and not ps.is_resolved(inner)


def test_a_locker_of_a_resolved_proxy_still_ships_the_factory(tmp_path: Path) -> None:
    shipped = Shipped("locker", str(tmp_path), payload())
    ps.resolve(shipped.obj.unlock())
    copy = pickle.loads(cloudpickle.dumps(shipped.obj))
    assert not ps.is_resolved(copy.unlock())
    assert shipped.calls() == {"client": 1}
