"""Pick lazy_object_proxy's C class, or refuse to import without it.

proxystore's guarantees (no crash on an uninitialised proxy, exactly-once
resolution without leaks, forwarded ``__annotations__``) are built on the
exact behaviour of ``lazy_object_proxy.cext.Proxy``: the resolution helper
relies on how its C code stores the factory's result. lazy_object_proxy's
pure-Python classes (``lazy_object_proxy.simple`` and ``.slots``) keep their
state differently, and ``lazy_object_proxy.Proxy`` silently falls back to
them where the C extension is missing (PyPy, GraalPy, a platform without a
wheel). Rather than run with weaker guarantees, importing proxystore there
raises an ``ImportError`` that says what is missing.

Setting the environment variable ``PROXYSTORE_FORCE_PURE_PYTHON`` to a
non-empty value other than ``0`` behaves as if the C extension were missing;
the tests use it to check the message.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, Final

__all__ = ["FORCE_PURE_VARIABLE", "load_c_proxy_class"]

FORCE_PURE_VARIABLE: Final = "PROXYSTORE_FORCE_PURE_PYTHON"


def load_c_proxy_class() -> Any:
    """Return ``lazy_object_proxy.cext.Proxy`` or raise a helpful ImportError."""
    forced = os.environ.get(FORCE_PURE_VARIABLE, "") not in ("", "0")
    error: BaseException | None = None
    if not forced:
        try:
            # Through importlib: lazy_object_proxy ships no type information.
            cext = importlib.import_module("lazy_object_proxy.cext")
        except ImportError as import_error:
            error = import_error
        else:
            return cext.Proxy
    reason = f"{FORCE_PURE_VARIABLE} is set" if forced else f"importing it failed: {error}"
    raise ImportError(
        "proxystore needs lazy-object-proxy's C extension "
        f"(lazy_object_proxy.cext), and {reason}. proxystore does not run on "
        "lazy-object-proxy's pure-Python fallback, whose classes cannot keep "
        "its guarantees (exactly-once resolution without leaks, no crash on "
        "an uninitialised proxy). Install a lazy-object-proxy wheel built for "
        "this interpreter (CPython), or build it from source with a C compiler.",
    ) from error
