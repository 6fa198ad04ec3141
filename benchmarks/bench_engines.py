"""Where a proxy is resolved when it crosses cloudpickle, Dask and Ray.

Run from a checkout with the test extras installed (``pip install -e .[test]``;
Ray rows need ``pip install ray``):

    python benchmarks/bench_engines.py [--no-dask] [--no-ray]

Each path ships one object whose factory records every call it receives,
with the process and its role (``tests/engine_probe.py``), then the table
shows the factory calls per shipped object as ``C/S/W``: in the client, in
the scheduler (a ``LocalCluster`` runs it inside the client's process) and
in the workers. Pass by reference is ``0/0/1``: only the worker that uses the
object resolves it. The columns are the ways to make the object:

- ``unknown``: ``Proxy(factory)`` whose class nothing knows (the default
  for any factory that is not a ``SimpleFactory``);
- ``simple``: the factory is a ``SimpleFactory`` (it holds the object);
- ``stated``: ``Proxy(factory, target_class=list)``;
- ``declared``: the factory's ``target_class()`` returns the class;
- ``locker``: ``ProxyLocker(Proxy(factory))``, class unknown;
- ``locker-lambda``: the same with a local function as the factory
  (pickled by value, as a ``__main__`` lambda is).

The target is a small numpy array; Dask is run a second time with a list
target, which Dask walks (looking for futures inside) and so resolves when
its class is known. Dask runs on ``LocalCluster(n_workers=2,
processes=True)``; Ray on a local ``ray.init(num_cpus=2)``.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import engine_probe
from engine_probe import (
    KINDS,
    Scenario,
    Shipped,
)


def cell(used: list[Shipped]) -> str:
    def per_object(role: str) -> str:
        value = Fraction(sum(item.calls().get(role, 0) for item in used), len(used))
        return str(value) if value.denominator == 1 else f"{float(value):.2f}"

    return "/".join(per_object(role) for role in ("client", "scheduler", "worker"))


def run_paths(
    client: Any,
    paths: dict[str, Scenario],
    log_dir: str,
    make_value: Callable[[], Any] = engine_probe.payload,
) -> list[list[str]]:
    rows = []
    for name, scenario in paths.items():
        row = [name]
        for kind in KINDS:
            try:
                shipped = [Shipped(kind, log_dir, make_value()) for _ in range(4)]
                row.append(cell(scenario(client, shipped)))
            except Exception as error:  # a failed path is a result, not a crash
                row.append(f"error: {type(error).__name__}")
        rows.append(row)
        print(f"  {name}: done", file=sys.stderr)
    return rows


def print_table(title: str, rows: list[list[str]]) -> None:
    header = ["path", *KINDS]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title} (factory calls per shipped object, C/S/W)\n")
    for row in [header, ["-" * w for w in widths], *rows]:
        print("| " + " | ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    cloudpickle = engine_probe.engine("cloudpickle")

    versions = [f"Python {platform.python_version()}", f"cloudpickle {cloudpickle.__version__}"]
    with tempfile.TemporaryDirectory() as log_dir:
        print_table(
            "cloudpickle",
            run_paths(None, engine_probe.CLOUDPICKLE_PATHS, log_dir),
        )
        if not args.no_dask:
            dask = engine_probe.engine("dask")
            distributed = engine_probe.engine("distributed")

            versions.append(f"dask/distributed {dask.__version__}")
            start = time.perf_counter()
            with (
                distributed.LocalCluster(
                    n_workers=2,
                    processes=True,
                    threads_per_worker=1,
                    dashboard_address=None,
                ) as cluster,
                distributed.Client(cluster) as client,
            ):
                rows = run_paths(client, engine_probe.DASK_PATHS, log_dir)
                container_rows = run_paths(
                    client,
                    engine_probe.DASK_PATHS,
                    log_dir,
                    engine_probe.container_payload,
                )
            seconds = time.perf_counter() - start
            print_table(f"Dask LocalCluster, numpy array target ({seconds:.0f} s)", rows)
            print_table("Dask LocalCluster, list target (Dask walks lists)", container_rows)
        if not args.no_ray:
            try:
                ray = engine_probe.engine("ray")
            except ImportError:
                print("\nRay: not installed, skipped (pip install ray)")
            else:
                versions.append(f"ray {ray.__version__}")
                engine_probe.start_ray()
                try:
                    rows = run_paths(None, engine_probe.RAY_PATHS, log_dir)
                finally:
                    ray.shutdown()
                print_table("Ray", rows)
    print("\n" + ", ".join(versions))


if __name__ == "__main__":
    main()
