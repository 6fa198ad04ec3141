"""proxystore: typed lazy object proxies.

Example:
    >>> import proxystore as ps
    >>> p = ps.Proxy(ps.SimpleFactory([1, 2, 3]))
    >>> sum(p)
    6

``proxystore.__version__`` is the installed distribution's version (the
distribution is ``typed-proxystore``; ``proxystore`` on the package index is
another project).
"""

from typing import TYPE_CHECKING

from proxystore import factory, proxy
from proxystore.factory import Factory, LambdaFactory, SimpleFactory
from proxystore.proxy import (
    FactoryType,
    Proxy,
    ProxyLocker,
    ProxyOr,
    ProxyResolveError,
    extract,
    get_factory,
    is_resolved,
    resolve,
)

if TYPE_CHECKING:
    __version__: str
else:

    def __getattr__(name: str) -> object:
        # Read when first asked for: importing importlib.metadata up front
        # would more than double the package's import time.
        if name == "__version__":
            from importlib.metadata import version

            return version("typed-proxystore")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Factory",
    "FactoryType",
    "LambdaFactory",
    "Proxy",
    "ProxyLocker",
    "ProxyOr",
    "ProxyResolveError",
    "SimpleFactory",
    "extract",
    "factory",
    "get_factory",
    "is_resolved",
    "proxy",
    "resolve",
]
