"""A mypy plugin under which ``proxystore.Proxy[T]`` type-checks as ``T``.

Enable it in the mypy configuration::

    [tool.mypy]
    plugins = ["proxystore_mypy"]
"""

from __future__ import annotations

from mypy.plugin import Plugin

from proxystore_mypy._version import PLUGIN_VERSION
from proxystore_mypy.dispatch import ProxystorePlugin

__version__ = PLUGIN_VERSION


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: the plugin class for this mypy ``version``."""
    return ProxystorePlugin


__all__ = ["ProxystorePlugin", "__version__", "plugin"]
