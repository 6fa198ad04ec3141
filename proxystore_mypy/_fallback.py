"""A guard that turns any internal failure of a hook into mypy's default.

The plugin reasons about mypy internals that change between releases. A hook
that hits a case it did not foresee must not take mypy down with an INTERNAL
ERROR: it answers what mypy would have answered without the plugin.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Final, TypeVar

_Context = TypeVar("_Context")
_Result = TypeVar("_Result")

# Set PROXYSTORE_MYPY_DEBUG=1 to let internal errors propagate while
# developing the plugin, instead of silently falling back.
_DEBUG: Final = os.environ.get("PROXYSTORE_MYPY_DEBUG", "") == "1"


def guarded(
    default: Callable[[_Context], _Result],
) -> Callable[[Callable[[_Context], _Result]], Callable[[_Context], _Result]]:
    """Run a hook; on any exception, return ``default(ctx)`` instead."""

    def decorate(hook: Callable[[_Context], _Result]) -> Callable[[_Context], _Result]:
        @functools.wraps(hook)
        def run(ctx: _Context) -> _Result:
            try:
                return hook(ctx)
            except Exception:
                if _DEBUG:
                    raise
                return default(ctx)

        return run

    return decorate
