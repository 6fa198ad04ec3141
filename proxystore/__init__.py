"""proxystore: typed lazy object proxies.

Example:
    >>> import proxystore as ps
    >>> p = ps.Proxy(ps.SimpleFactory([1, 2, 3]))
    >>> sum(p)
    6
"""

from proxystore import factory
from proxystore import proxy
from proxystore.factory import Factory
from proxystore.factory import LambdaFactory
from proxystore.factory import SimpleFactory
from proxystore.proxy import FactoryType
from proxystore.proxy import Proxy
from proxystore.proxy import ProxyLocker
from proxystore.proxy import ProxyOr
from proxystore.proxy import ProxyResolveError
from proxystore.proxy import extract
from proxystore.proxy import get_factory
from proxystore.proxy import is_resolved
from proxystore.proxy import resolve

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
