"""In-place operators keep the proxy: after ``p += 1``, ``p`` is still a ``Proxy[int]``.

lazy-object-proxy implements ``+=`` and its kin by computing the result on
the target, making the result the new target, and returning the proxy
itself. So the result of an in-place operator on a proxy is the proxy,
provided the new target still fits the proxy's declared target type.
"""

from __future__ import annotations

from mypy.checker import TypeChecker
from mypy.errorcodes import ASSIGNMENT
from mypy.messages import format_type
from mypy.options import Options
from mypy.plugin import MethodContext
from mypy.subtypes import is_subtype
from mypy.types import AnyType, Type, get_proper_type

from proxystore_mypy._fallback import default_method_return, guarded
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import proxy_target


@guarded(default_method_return)
def keep_proxy_callback(ctx: MethodContext, run: RunState) -> Type:
    """Type ``p op= x`` as the proxy, after checking the new target fits it."""
    target = proxy_target(ctx.type)
    if target is None:
        return ctx.default_return_type
    result = get_proper_type(ctx.default_return_type)
    if not isinstance(result, AnyType) and not is_subtype(result, target):
        # The same error, and code, mypy gives for `x: int; x /= 2`.
        options = ctx.api.options if isinstance(ctx.api, TypeChecker) else Options()
        ctx.api.fail(
            f"Incompatible types in assignment (expression has type "
            f"{format_type(result, options)}, variable has type {format_type(ctx.type, options)})",
            ctx.context,
            code=ASSIGNMENT,
        )
    return ctx.type
