"""Proxy basics: laziness, transparency and the helpers.

Run: python examples/basics.py
"""

from __future__ import annotations

import numpy as np

import proxystore as ps


def load_matrix() -> np.ndarray:
    print("  (factory called: loading the matrix)")
    return np.arange(6).reshape(2, 3)


def main() -> None:
    # The seed example: a proxy is an ndarray for every practical purpose.
    x = np.array([1, 2, 3])
    f = ps.factory.SimpleFactory(x)
    p = ps.proxy.Proxy(f)
    assert isinstance(p, np.ndarray)
    assert np.array_equal(p, [1, 2, 3])
    print("seed example ok:", p, "is an ndarray:", isinstance(p, np.ndarray))

    # Nothing runs the factory until the target is needed.
    matrix = ps.Proxy(ps.LambdaFactory(load_matrix))
    print("created; resolved?", ps.is_resolved(matrix))
    print("repr does not resolve:", repr(matrix)[:40], "...")
    print("get_factory:", ps.get_factory(matrix))
    print("shape:", ps.extract(matrix).shape)
    print("resolved?", ps.is_resolved(matrix))
    print("the target itself:", type(ps.extract(matrix)).__name__)

    # A locker carries a proxy through code that must not touch it.
    locker = ps.ProxyLocker(ps.Proxy(ps.LambdaFactory(load_matrix)))
    try:
        getattr(locker, "shape")  # the checker would reject locker.shape
    except AttributeError as error:
        print("locker:", error)
    print("unlocked, still unresolved:", not ps.is_resolved(locker.unlock()))

    # A failing factory names itself; the proxy retries on the next access.
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("store unreachable")
        return "data"

    text = ps.Proxy(flaky)
    try:
        ps.resolve(text)
    except ps.ProxyResolveError as error:
        print("first access failed:", error)
    print("second access:", ps.extract(text), "after", len(attempts), "calls")

    # Singletons: a proxy is never the object itself.
    nothing = ps.Proxy(lambda: None)
    print(
        "Proxy(lambda: None) is None:",
        nothing is None,
        "| extract(...) is None:",
        ps.extract(nothing) is None,
    )


if __name__ == "__main__":
    main()
