"""Give Python subclasses of lazy_object_proxy's C class the C attribute lookup.

Why: the C base implements attribute lookup in its ``tp_getattro`` slot
(generic lookup, then its own ``__getattr__`` method, which resolves the proxy
and reads the target). It *also* lists ``__getattr__`` among its methods.
When CPython builds a Python subclass, ``update_one_slot`` sees a
``__getattr__`` in the MRO that is not the wrapper of a slot it recognises
and installs ``slot_tp_getattr_hook`` as the subclass's ``tp_getattro``. That
hook calls ``__getattribute__`` through a Python-level method wrapper and, on
``AttributeError``, calls ``__getattr__`` again: every attribute read on a
proxy (and ``isinstance``, which reads ``__class__``) pays about 60-130 ns
more than on the C class. No pure-Python spelling avoids it: a subclass
cannot remove the inherited ``__getattr__``, and any non-wrapper
``__getattr__`` forces the generic hook.

What: as long as no class in the subclass's MRO defines ``__getattribute__``,
the base's C ``Proxy_getattro`` does exactly what the hook does (it also finds
a subclass's Python ``__getattr__``, through generic lookup), so we copy the
base's slot pointer into the subclass. There is no public API for that, hence
ctypes. The field offset is not hard-coded: it is found by scanning
``object``'s type struct for the address of ``PyObject_GenericGetAttr``, and
the result is checked against probe classes before anything is written.
Assigning ``__getattr__`` or ``__getattribute__`` on the class later makes
CPython recompute the slot, which stays correct.

When: a wrong write into a type object would crash the interpreter, so the
patch is applied only where it has been tested:

- CPython (not PyPy or GraalPy), with the GIL (not a free-threaded build),
  versions listed in :data:`TESTED_VERSIONS` (the test suite runs there);
- not when the environment variable ``PROXYSTORE_NO_GETATTRO_PATCH`` is set
  to a non-empty value other than ``0``.

Everywhere else, and on any surprise while probing (a changed layout, a
missing symbol), nothing is written and subclasses keep CPython's slower but
correct slot. Behaviour is the same either way; only speed differs.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from typing import Any, Final

__all__ = ["DISABLE_VARIABLE", "TESTED_VERSIONS", "install", "is_enabled", "probe_slot_layout"]

TESTED_VERSIONS: Final = frozenset({(3, 10), (3, 11), (3, 12), (3, 13)})
"""CPython minor versions the test suite has run the patch on."""

DISABLE_VARIABLE: Final = "PROXYSTORE_NO_GETATTRO_PATCH"
"""Environment variable that turns the patch off (read at import time)."""

_POINTER_SIZE: Final = 8 if sys.maxsize > 2**32 else 4
_SCAN_WORDS: Final = 40  # tp_getattro is word 18 of PyTypeObject on 3.10-3.13


def _enabled_here() -> bool:
    if os.environ.get(DISABLE_VARIABLE, "") not in ("", "0"):
        return False
    if sys.implementation.name != "cpython":
        return False
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        return False
    return sys.version_info[:2] in TESTED_VERSIONS


_ENABLED: Final = _enabled_here()
_slot_layout: tuple[int, int] | bool | None = False  # False: not probed yet


def is_enabled() -> bool:
    """Tell whether this interpreter and environment allow the patch."""
    return _ENABLED


def _read_pointer(address: int) -> int:
    import ctypes

    return ctypes.c_void_p.from_address(address).value or 0


def probe_slot_layout() -> tuple[int, int] | None:
    """Return (offset of tp_getattro, address of slot_tp_getattr_hook), or None."""
    if sys.implementation.name != "cpython":
        return None
    import ctypes

    generic = ctypes.cast(ctypes.pythonapi.PyObject_GenericGetAttr, ctypes.c_void_p).value
    if not generic:
        return None
    matches = [
        word * _POINTER_SIZE
        for word in range(_SCAN_WORDS)
        if _read_pointer(id(object) + word * _POINTER_SIZE) == generic
    ]
    if len(matches) != 1:
        return None
    offset = matches[0]

    class Plain:
        pass

    class Hooked:
        def __getattr__(self, name: str) -> Any:
            raise AttributeError(name)

    hook = _read_pointer(id(Hooked) + offset)
    if _read_pointer(id(Plain) + offset) != generic or hook in (0, generic):
        return None
    return offset, hook


def install(cls: type, base: type) -> bool:
    """Give ``cls`` the C ``base``'s attribute lookup slot; True if it did."""
    global _slot_layout
    if not _ENABLED:
        return False
    try:
        if any(
            "__getattribute__" in vars(klass)
            for klass in cls.__mro__
            if klass not in (base, object)
        ):
            return False
        if _slot_layout is False:
            _slot_layout = probe_slot_layout()
        if not isinstance(_slot_layout, tuple):
            return False
        offset, hook = _slot_layout
        base_slot = _read_pointer(id(base) + offset)
        if _read_pointer(id(cls) + offset) != hook or base_slot in (0, hook):
            return False
        import ctypes

        ctypes.c_void_p.from_address(id(cls) + offset).value = base_slot
        ctypes.pythonapi.PyType_Modified(ctypes.py_object(cls))
        return True
    except Exception:  # pragma: no cover - keep the slow, correct slot
        return False
