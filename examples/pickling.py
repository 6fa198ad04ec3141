"""Only the factory crosses a process boundary; the parent's proxy stays lazy.

Run: python examples/pickling.py
"""

from __future__ import annotations

import copy
import os
import pickle
from concurrent.futures import ProcessPoolExecutor

import proxystore as ps


def big_list(n: int) -> list[int]:
    """Module level, so worker processes can unpickle a reference to it."""
    return list(range(n))


def summarise(p: ps.Proxy[list[int]]) -> str:
    arrived = "unresolved" if not ps.is_resolved(p) else "resolved"
    values: list[int] = ps.extract(p)
    total = sum(values)
    return f"worker {os.getpid()}: proxy arrived {arrived}, sum = {total}"


def main() -> None:
    p = ps.Proxy(ps.LambdaFactory(big_list, 1_000_000))

    data = pickle.dumps(p)
    print(f"pickle of a proxy of a 1,000,000-item list: {len(data)} bytes")
    print("pickling resolved it?", ps.is_resolved(p))

    with ProcessPoolExecutor(max_workers=1) as pool:
        print(pool.submit(summarise, p).result())
    print(f"parent {os.getpid()}: proxy still unresolved?", not ps.is_resolved(p))

    # Resolved or not, a proxy pickles (and copies) as its factory.
    ps.resolve(p)
    again = pickle.loads(pickle.dumps(p))
    print(
        "after resolving: pickle is still",
        len(pickle.dumps(p)),
        "bytes; unpickled resolved?",
        ps.is_resolved(again),
    )
    print("copy.copy shares the factory:", ps.get_factory(copy.copy(p)) is ps.get_factory(p))

    # A factory that pickle cannot reach by name is named in the error.
    try:
        pickle.dumps(ps.Proxy(lambda: [1]))
    except (pickle.PicklingError, AttributeError) as error:
        print("unpicklable factory:", error)


if __name__ == "__main__":
    main()
