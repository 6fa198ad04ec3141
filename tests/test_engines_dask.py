"""Dask distributed on a real LocalCluster passes proxies by reference.

Every shipped object's factory records the process and role of each call
(``engine_probe.RecordingFactory``). A proxy whose class is known, and any
``ProxyLocker``, must be resolved 0 times in the client and the scheduler
and exactly once, in a worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from engine_probe import (
    DASK_PATHS,
    PASS_BY_REFERENCE,
    Kind,
    Shipped,
    container_payload,
    dask_submit,
    engine,
    payload,
    time_limit,
)

import proxystore as ps

cloudpickle = pytest.importorskip("cloudpickle")
distributed = pytest.importorskip("distributed")
dask_tokenize = pytest.importorskip("dask.tokenize")

CLUSTER_SECONDS = 120
TEST_SECONDS = 90


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with time_limit(CLUSTER_SECONDS):
        cluster = distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
        )
        client = distributed.Client(cluster)
    try:
        yield client
    finally:
        with time_limit(CLUSTER_SECONDS):
            client.close()
            cluster.close()


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    with time_limit(TEST_SECONDS):
        yield


@pytest.mark.parametrize("kind", PASS_BY_REFERENCE)
@pytest.mark.parametrize("path", list(DASK_PATHS))
def test_resolved_once_in_a_worker_only(client: Any, path: str, kind: Kind, tmp_path: Path) -> None:
    shipped = [Shipped(kind, str(tmp_path), payload()) for _ in range(4)]
    used = DASK_PATHS[path](client, shipped)
    assert [item.calls() for item in used] == [{"worker": 1}] * len(used)
    assert all(not ps.is_resolved(_proxy(item)) for item in shipped)


def test_scatter_resolves_only_where_the_task_runs(client: Any, tmp_path: Path) -> None:
    shipped = Shipped("stated", str(tmp_path), payload())
    first, second = sorted(client.scheduler_info()["workers"])[:2]
    [future] = client.scatter([shipped.obj], workers=[first])
    pid = client.run(_pid, workers=[second])[second]
    assert (
        client.submit(_total, future, workers=[second], allow_other_workers=False).result(60) == 6
    )
    assert shipped.worker_pids() == {pid}


def test_an_unknown_class_is_still_resolved_in_the_client(client: Any, tmp_path: Path) -> None:
    # Documented (docs/engines.md): Dask asks every argument for
    # `__dask_future__`, which only the target can answer.
    shipped = [Shipped("unknown", str(tmp_path), payload())]
    dask_submit(client, shipped)
    assert shipped[0].calls() == {"client": 1, "worker": 1}


def test_a_known_class_container_is_walked_by_dask(client: Any, tmp_path: Path) -> None:
    # Documented: Dask looks for futures inside lists, tuples, sets and
    # dicts, so a proxy that is known to be one gets iterated in the client.
    # A ProxyLocker hides it.
    walked = [Shipped("stated", str(tmp_path), container_payload())]
    dask_submit(client, walked)
    assert walked[0].calls() == {"client": 1, "worker": 1}
    locked = [Shipped("locker", str(tmp_path), container_payload())]
    dask_submit(client, locked)
    assert locked[0].calls() == {"worker": 1}


def test_what_needs_the_data_in_the_client(client: Any, tmp_path: Path) -> None:
    # Documented: delayed(p) names its key after p.__name__ (give name=
    # instead), and dask.array.from_array(p) reads the array's shape and
    # dtype. Both resolve the proxy in the client, known class or not.
    dask = engine("dask")
    array = engine("dask.array")
    named = Shipped("stated", str(tmp_path), payload())
    dask.delayed(named.obj)
    assert named.calls() == {"client": 1}
    chunked = Shipped("stated", str(tmp_path), payload())
    assert client.compute(array.from_array(chunked.obj, chunks=2).sum()).result(60) == 6
    assert chunked.calls() == {"client": 1}


@pytest.mark.parametrize("kind", PASS_BY_REFERENCE)
def test_tokenize_is_deterministic_and_never_resolves(kind: Kind, tmp_path: Path) -> None:
    shipped = Shipped(kind, str(tmp_path), payload())
    token = dask_tokenize.tokenize(shipped.obj)
    assert dask_tokenize.tokenize(shipped.obj) == token
    if kind != "locker-lambda":
        # Same token in another process. (A local function is pickled by
        # value, and cloudpickle does not rebuild it byte for byte.)
        copy = cloudpickle.loads(cloudpickle.dumps(shipped.obj))
        assert dask_tokenize.tokenize(copy) == token
    other = Shipped(kind, str(tmp_path), payload())  # another log file
    assert dask_tokenize.tokenize(other.obj) != token
    assert shipped.calls() == {}


def test_tokens_of_proxies_come_from_their_factories() -> None:
    factory = ps.SimpleFactory([1, 2])
    assert dask_tokenize.tokenize(ps.Proxy(factory)) == dask_tokenize.tokenize(ps.Proxy(factory))
    assert dask_tokenize.tokenize(ps.Proxy(factory)) != dask_tokenize.tokenize(
        ps.Proxy(ps.SimpleFactory([1, 3])),
    )

    # The stated class is part of the token.
    def load() -> list[int]:
        return [1, 2]

    assert dask_tokenize.tokenize(ps.Proxy(load)) != dask_tokenize.tokenize(
        ps.Proxy(load, target_class=list),
    )


def _proxy(item: Shipped) -> Any:
    obj = item.obj
    return obj.unlock() if type(obj) is ps.ProxyLocker else obj


def _pid() -> int:
    import os

    return os.getpid()


def _total(obj: Any) -> int:
    from engine_probe import total

    return total(obj)
