"""A mypy plugin under which ``proxystore.Proxy[T]`` type-checks as ``T``.

Enable it in the mypy configuration::

    [tool.mypy]
    plugins = ["proxystore_mypy"]
"""

from __future__ import annotations

from mypy.plugin import Plugin

from proxystore_mypy._compat import OLDEST_MYPY, mypy_release
from proxystore_mypy._version import PLUGIN_VERSION
from proxystore_mypy.dispatch import ProxystorePlugin

__version__ = PLUGIN_VERSION


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: the plugin class for this mypy ``version``.

    Raises:
        RuntimeError: For a mypy older than the supported range, whose
            internals the plugin would misread; mypy reports it as an error
            importing the plugin, instead of silently degrading every proxy.
    """
    if mypy_release(version) < OLDEST_MYPY:
        oldest = ".".join(map(str, OLDEST_MYPY))
        raise RuntimeError(
            f"proxystore_mypy needs mypy >= {oldest}, found {version}: "
            f'upgrade mypy (pip install "proxystore[mypy]") or remove the plugin'
        )
    return ProxystorePlugin


__all__ = ["ProxystorePlugin", "__version__", "plugin"]
