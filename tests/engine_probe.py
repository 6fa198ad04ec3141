"""Count where a proxy was resolved when it crosses an engine (Dask, Ray, ...).

A :class:`RecordingFactory` appends one line per call to a file of its own:
the process id and the role of the process that called it, ``client`` (the
process that made the factory), ``scheduler`` (a frame of
``distributed/scheduler.py`` is on the stack: a ``LocalCluster`` runs its
scheduler inside the client's process) or ``worker``. The file, not memory,
holds the record, so calls in every process are counted.

This module is imported by engine worker processes (they unpickle the
factory by reference), so it must stay importable from ``tests/`` and must
not import pytest.
"""

from __future__ import annotations

import collections
import contextlib
import importlib
import os
import signal
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, TypeVar

import proxystore as ps

T = TypeVar("T")

Kind = Literal["unknown", "simple", "stated", "declared", "locker", "locker-lambda"]
KINDS: tuple[Kind, ...] = ("unknown", "simple", "stated", "declared", "locker", "locker-lambda")
"""How the shipped object is made: a proxy whose class is unknown; known
from a SimpleFactory, stated at creation, declared by its factory; a
ProxyLocker of an unknown-class proxy, with a module-level factory or with a
lambda (which pickles by value)."""

PASS_BY_REFERENCE: tuple[Kind, ...] = KINDS[1:]
"""The kinds that must never resolve outside the worker that uses them."""


def engine(name: str) -> Any:
    """Import an engine module untyped: engines ship partial or no types."""
    return importlib.import_module(name)


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the main thread if the block takes too long.

    Engine calls carry their own timeouts; this also bounds what has none
    (starting and stopping a cluster).
    """

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"engine test took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _role(client_pid: int) -> str:
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename.replace("\\", "/").endswith("distributed/scheduler.py"):
            return "scheduler"
        frame = frame.f_back  # type: ignore[assignment]
    return "client" if os.getpid() == client_pid else "worker"


def record(log: str, client_pid: int) -> None:
    """Append ``pid role`` to ``log``: one line per factory call."""
    line = f"{os.getpid()} {_role(client_pid)}\n"
    # One write of a short line in append mode: atomic between processes.
    with open(log, "a") as file:
        file.write(line)


class RecordingFactory(ps.Factory[T]):
    """Return ``value``, recording where each call ran (see the module docs).

    Args:
        value: The target.
        log: The file to append to.
        declare: Declare the target's class (:meth:`target_class`).
    """

    def __init__(self, value: T, log: str, *, declare: bool = False) -> None:
        self.value = value
        self.log = log
        self.declare = declare
        self.client_pid = os.getpid()

    def resolve(self) -> T:
        record(self.log, self.client_pid)
        return self.value

    def target_class(self) -> type[T] | None:
        return type(self.value) if self.declare else None

    def __repr__(self) -> str:
        return f"RecordingFactory({Path(self.log).name})"


class RecordingSimpleFactory(ps.SimpleFactory[T]):
    """A ``SimpleFactory`` (its class known from the object) that records calls."""

    def __init__(self, value: T, log: str) -> None:
        super().__init__(value)
        self.log = log
        self.client_pid = os.getpid()

    def resolve(self) -> T:
        record(self.log, self.client_pid)
        return super().resolve()


def payload() -> Any:
    """The target the engine tests ship: ``sum()`` of it is 6.

    A numpy array, the typical big object. Not a list, tuple, set or dict:
    Dask walks those looking for futures, which resolves a proxy of one
    (see ``container_payload`` and docs/engines.md).
    """
    import numpy as np

    return np.arange(1, 4)


def container_payload() -> Any:
    return [1, 2, 3]


class Shipped:
    """One object to ship (a proxy or a locker) and the log of its factory."""

    def __init__(self, kind: Kind, log_dir: str, value: Any) -> None:
        self.kind = kind
        self.log = os.path.join(log_dir, f"{kind}-{uuid.uuid4().hex}.log")
        open(self.log, "w").close()
        self.obj: Any
        if kind == "locker-lambda":
            log, pid = self.log, os.getpid()

            def load() -> Any:
                record(log, pid)
                return value

            self.obj = ps.ProxyLocker(ps.Proxy(load))
            return
        factory: ps.Factory[Any] = RecordingFactory(value, self.log, declare=kind == "declared")
        if kind == "simple":
            factory = RecordingSimpleFactory(value, self.log)
        if kind == "stated":
            proxy = ps.Proxy(factory, target_class=type(value))
        else:
            proxy = ps.Proxy(factory)  # also on a proxystore without target_class
        self.obj = ps.ProxyLocker(proxy) if kind == "locker" else proxy

    def calls(self) -> dict[str, int]:
        """Factory calls so far by role, e.g. ``{"worker": 1}``."""
        with open(self.log) as file:
            roles = [line.split()[1] for line in file if line.strip()]
        return dict(collections.Counter(roles))

    def worker_pids(self) -> set[int]:
        with open(self.log) as file:
            return {int(line.split()[0]) for line in file if line.endswith("worker\n")}


# Task functions: module level, so workers import them by reference. Each
# takes a proxy or a locker (unlocked here, in the worker).


def _value(obj: Any) -> Any:
    # type(), not isinstance(): reading a proxy's class may resolve it.
    return obj.unlock() if type(obj) is ps.ProxyLocker else obj


def total(obj: Any) -> int:
    return sum(_value(obj))


def total_in_list(items: list[Any]) -> int:
    return sum(total(item) for item in items)


def total_in_dict(items: dict[str, Any]) -> int:
    return sum(total(item) for item in items.values())


Scenario = Callable[[Any, list[Shipped]], Any]
"""Run one engine path: (client, fresh shipped objects) -> results."""


# --------------------------------------------------------------------------
# Dask distributed paths. Each gets fresh shipped objects, runs one path to
# completion and returns the objects it used: each must be resolved exactly
# once, in a worker. dask is imported inside, so Ray's workers never need it.
# --------------------------------------------------------------------------

TIMEOUT = 60.0
"""Seconds any single engine call may take before the path counts as hung."""


def dask_submit(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    assert client.submit(total, shipped[0].obj).result(TIMEOUT) == 6
    return shipped[:1]


def dask_submit_in_list(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    assert client.submit(total_in_list, [shipped[0].obj]).result(TIMEOUT) == 6
    return shipped[:1]


def dask_submit_in_dict(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    assert client.submit(total_in_dict, {"x": shipped[0].obj}).result(TIMEOUT) == 6
    return shipped[:1]


def dask_submit_impure(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    assert client.submit(total, shipped[0].obj, pure=False).result(TIMEOUT) == 6
    return shipped[:1]


def dask_submit_key(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    key = f"total-{uuid.uuid4().hex}"
    assert client.submit(total, shipped[0].obj, key=key).result(TIMEOUT) == 6
    return shipped[:1]


def dask_map_same(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    # One proxy four times: one token, so one task.
    futures = client.map(total, [shipped[0].obj] * 4)
    assert [f.result(TIMEOUT) for f in futures] == [6] * 4
    return shipped[:1]


def dask_map_distinct(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    futures = client.map(total, [item.obj for item in shipped])
    assert [f.result(TIMEOUT) for f in futures] == [6] * len(shipped)
    return shipped


def dask_delayed_call(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    dask = engine("dask")

    task = dask.delayed(total)(shipped[0].obj)
    assert client.compute(task).result(TIMEOUT) == 6
    return shipped[:1]


def dask_delayed_leaf(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    # The proxy as a graph value of its own. Without name=, delayed() reads
    # p.__name__ for the key, which only the target can answer.
    dask = engine("dask")

    leaf = dask.delayed(shipped[0].obj, name=f"data-{uuid.uuid4().hex}")
    assert client.compute(dask.delayed(total)(leaf)).result(TIMEOUT) == 6
    return shipped[:1]


def dask_scatter(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    # Scattered to one worker, used on the other: the first worker sends
    # the proxy on without resolving it; only the second resolves it.
    first, second = sorted(client.scheduler_info()["workers"])[:2]
    [future] = client.scatter([shipped[0].obj], workers=[first])
    result = client.submit(total, future, workers=[second], allow_other_workers=False)
    assert result.result(TIMEOUT) == 6
    return shipped[:1]


def dask_bag(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    bag = engine("dask.bag").from_sequence([item.obj for item in shipped], npartitions=2)
    assert client.compute(bag.map(total)).result(TIMEOUT) == [6] * len(shipped)
    return shipped


DASK_PATHS: dict[str, Scenario] = {
    "client.submit(f, p)": dask_submit,
    "client.submit(f, [p])": dask_submit_in_list,
    "client.submit(f, {'x': p})": dask_submit_in_dict,
    "client.submit(f, p, pure=False)": dask_submit_impure,
    "client.submit(f, p, key=...)": dask_submit_key,
    "client.map(f, [p] * 4)": dask_map_same,
    "client.map(f, [p1, .., p4])": dask_map_distinct,
    "delayed(f)(p)": dask_delayed_call,
    "delayed(f)(delayed(p, name=...))": dask_delayed_leaf,
    "client.scatter(p) on w1, f on w2": dask_scatter,
    "dask.bag.from_sequence([p1, .., p4]).map(f)": dask_bag,
}


# --------------------------------------------------------------------------
# cloudpickle and process pools. The client argument is unused.
# --------------------------------------------------------------------------


def cloudpickle_round_trip(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    cloudpickle = engine("cloudpickle")

    copy = cloudpickle.loads(cloudpickle.dumps(shipped[0].obj))
    assert type(copy) is type(shipped[0].obj)
    return shipped[:1]  # not used: any call was made by pickling alone


def process_pool_submit(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(total, shipped[0].obj).result(TIMEOUT) == 6
    return shipped[:1]


CLOUDPICKLE_PATHS: dict[str, Scenario] = {
    "cloudpickle.loads(cloudpickle.dumps(p)), unused": cloudpickle_round_trip,
    "ProcessPoolExecutor(spawn).submit(f, p)": process_pool_submit,
}


# --------------------------------------------------------------------------
# Ray (optional: not a test dependency).
# --------------------------------------------------------------------------


def start_ray() -> None:
    """Start a local Ray whose workers can import this module."""
    ray = engine("ray")

    here = str(Path(__file__).resolve().parent)
    path = os.pathsep.join([here, *filter(None, [os.environ.get("PYTHONPATH")])])
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": path}},
    )


def _ray_total() -> Any:
    ray = engine("ray")

    return ray.remote(total)


def ray_remote(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    ray = engine("ray")

    assert ray.get(_ray_total().remote(shipped[0].obj), timeout=TIMEOUT) == 6
    return shipped[:1]


def ray_put(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    ray = engine("ray")

    reference = ray.put(shipped[0].obj)
    assert ray.get(_ray_total().remote(reference), timeout=TIMEOUT) == 6
    return shipped[:1]


def ray_remote_in_list(client: Any, shipped: list[Shipped]) -> list[Shipped]:
    ray = engine("ray")

    task = ray.remote(total_in_list).remote([shipped[0].obj])
    assert ray.get(task, timeout=TIMEOUT) == 6
    return shipped[:1]


RAY_PATHS: dict[str, Scenario] = {
    "f.remote(p)": ray_remote,
    "f.remote(ray.put(p))": ray_put,
    "f.remote([p])": ray_remote_in_list,
}
