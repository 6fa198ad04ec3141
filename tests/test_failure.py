"""Semantics 4: a failing factory is reported, and the next access retries."""

from __future__ import annotations

from typing import Any

import pytest

import proxystore as ps


class FlakyFactory(ps.Factory[list[int]]):
    """Fails on its first call, succeeds afterwards."""

    def __init__(self) -> None:
        self.calls = 0

    def resolve(self) -> list[int]:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("store unreachable")
        return [1, 2, 3]

    def __repr__(self) -> str:
        return "FlakyFactory()"


def test_error_names_the_factory_and_chains_the_original() -> None:
    p: Any = ps.Proxy(FlakyFactory())
    with pytest.raises(ps.ProxyResolveError) as info:
        len(p)
    message = str(info.value)
    assert "proxy factory FlakyFactory() failed" in message
    assert "ConnectionError: store unreachable" in message
    assert isinstance(info.value.__cause__, ConnectionError)
    assert isinstance(info.value, RuntimeError)


def test_proxy_stays_unresolved_and_the_next_access_retries() -> None:
    factory = FlakyFactory()
    p: Any = ps.Proxy(factory)
    with pytest.raises(ps.ProxyResolveError):
        p.append(4)
    assert not ps.is_resolved(p)
    assert factory.calls == 1
    assert p == [1, 2, 3]
    assert ps.is_resolved(p)
    assert factory.calls == 2


def test_attribute_probes_do_not_swallow_a_failing_factory() -> None:
    # An AttributeError from a factory would make hasattr() lie; the wrapped
    # error is not an AttributeError, so it propagates.
    def broken() -> object:
        raise AttributeError("inside the factory")

    p = ps.Proxy(broken)
    with pytest.raises(ps.ProxyResolveError, match="AttributeError: inside the factory"):
        hasattr(p, "anything")


def test_every_resolution_path_reports_the_same_error() -> None:
    def broken() -> int:
        raise ValueError("bad")

    p: Any = ps.Proxy(broken)
    for use in (lambda: p + 1, lambda: str(p), lambda: ps.extract(p), lambda: p.real):
        with pytest.raises(ps.ProxyResolveError, match="bad"):
            use()
    assert not ps.is_resolved(p)


def test_base_exceptions_propagate_unwrapped() -> None:
    class Stop(BaseException):
        pass

    def interrupted() -> int:
        raise Stop

    with pytest.raises(Stop):
        ps.resolve(ps.Proxy(interrupted))
