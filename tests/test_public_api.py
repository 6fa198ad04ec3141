"""The package re-exports its public names, each documented with an example."""

from __future__ import annotations

import doctest

import pytest

import proxystore as ps
import proxystore.factory
import proxystore.proxy


def test_submodules_are_reachable_as_attributes() -> None:
    assert ps.proxy is proxystore.proxy
    assert ps.factory is proxystore.factory


@pytest.mark.parametrize("name", [n for n in ps.__all__ if n not in {"proxy", "factory"}])
def test_every_public_name_is_exported_and_documented(name: str) -> None:
    obj = getattr(ps, name)
    module = ps.proxy if hasattr(ps.proxy, name) else ps.factory
    assert getattr(module, name) is obj
    if name in {"FactoryType", "ProxyOr"}:
        source = open(module.__file__ or "").read()
        assert f"{name}: TypeAlias" in source and "Example:" in source
    else:
        assert obj.__doc__ and "Example:" in obj.__doc__, name


@pytest.mark.parametrize("module", [ps, ps.proxy, ps.factory])
def test_docstring_examples_run(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
    assert result.attempted > 0


def test_proxy_is_a_subclass_of_the_c_extension_class() -> None:
    import importlib

    cext = importlib.import_module("lazy_object_proxy.cext")
    assert issubclass(ps.Proxy, cext.Proxy)
