"""Ray ships proxies by reference: f.remote(p), ray.put(p).

Ray is not a test dependency (a large download, and no wheels for every
Python this project supports): these tests run where ``pip install ray``
has been done and are skipped, saying so, elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from engine_probe import (
    PASS_BY_REFERENCE,
    RAY_PATHS,
    Kind,
    Shipped,
    payload,
    ray_remote,
    start_ray,
    time_limit,
)

ray = pytest.importorskip(
    "ray",
    reason="ray is not installed (optional: pip install ray); Ray paths not tested",
)

START_SECONDS = 180
TEST_SECONDS = 90


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    with time_limit(START_SECONDS):
        start_ray()
    try:
        yield
    finally:
        with time_limit(START_SECONDS):
            ray.shutdown()


@pytest.fixture(autouse=True)
def bounded() -> Iterator[None]:
    with time_limit(TEST_SECONDS):
        yield


@pytest.mark.parametrize("kind", PASS_BY_REFERENCE)
@pytest.mark.parametrize("path", list(RAY_PATHS))
def test_resolved_once_in_a_worker_only(
    ray_session: None, path: str, kind: Kind, tmp_path: Path
) -> None:
    shipped = [Shipped(kind, str(tmp_path), payload())]
    used = RAY_PATHS[path](None, shipped)
    assert [item.calls() for item in used] == [{"worker": 1}]


def test_an_unknown_class_is_still_resolved_in_the_driver(
    ray_session: None, tmp_path: Path
) -> None:
    # Ray asks isinstance(value, ObjectRef) of every argument.
    shipped = [Shipped("unknown", str(tmp_path), payload())]
    ray_remote(None, shipped)
    assert shipped[0].calls() == {"client": 1, "worker": 1}
