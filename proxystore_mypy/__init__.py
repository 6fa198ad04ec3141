"""A mypy plugin under which ``proxystore.Proxy[T]`` type-checks as ``T``.

Enable it in the mypy configuration::

    [tool.mypy]
    plugins = ["proxystore_mypy"]

The running mypy is checked when this package is imported, before any of the
plugin's modules (which reach into mypy internals) are: mypy reports a failed
plugin import as one clean error line, while an exception raised by the
``plugin`` entry point comes with a traceback.
"""

from __future__ import annotations

import sys

from mypy.plugin import Plugin
from mypy.version import __version__ as _mypy_version

from proxystore_mypy._version import PLUGIN_VERSION, SUPPORTED_MYPY

_refusal = SUPPORTED_MYPY.refusal(_mypy_version)
if _refusal is not None:
    raise ImportError(_refusal)

from proxystore_mypy.dispatch import ProxystorePlugin  # noqa: E402 (needs a supported mypy)

__version__ = PLUGIN_VERSION


def plugin(version: str) -> type[Plugin]:
    """mypy's entry point: the plugin class for this mypy ``version``.

    A mypy newer than the tested range loads the plugin with a one-line note
    on standard error.

    Raises:
        RuntimeError: For a mypy older than the supported range, whose
            internals the plugin would misread (importing this package already
            refuses such a mypy; this guards direct callers).
    """
    refusal = SUPPORTED_MYPY.refusal(version)
    if refusal is not None:
        raise RuntimeError(refusal)
    note = SUPPORTED_MYPY.note(version)
    if note is not None:
        print(note, file=sys.stderr)
    return ProxystorePlugin


__all__ = ["ProxystorePlugin", "__version__", "plugin"]
