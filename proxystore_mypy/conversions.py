"""``int(p)`` and ``float(p)``: the runtime proxy converts its target itself.

lazy-object-proxy defines ``__int__`` and ``__float__`` as ``int(target)``
and ``float(target)``, so a one-argument ``int(p)`` works whenever
``int(target)`` does, even where mypy accepts the target only through the
buffer protocol (``bytes``), which the proxy does not forward (it hides
``__buffer__``, _names.py). The hook widens the parameter to accept that
proxy. ``int(p, 16)`` is left alone: with a base, ``int`` needs a real
``str`` or ``bytes`` and rejects a proxy at runtime.
"""

from __future__ import annotations

from mypy.checker import TypeChecker
from mypy.plugin import FunctionSigContext
from mypy.subtypes import is_subtype
from mypy.types import CallableType, UnionType

from proxystore_mypy._compat import expression_type
from proxystore_mypy._fallback import default_function_signature, guarded
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import proxy_target


@guarded(default_function_signature)
def convert_target_callback(ctx: FunctionSigContext, run: RunState) -> CallableType:
    """Accept ``int(p)`` / ``float(p)`` where ``int(target)`` / ``float(target)`` is accepted."""
    signature = ctx.default_signature
    if not isinstance(ctx.api, TypeChecker) or not ctx.args or len(ctx.args[0]) != 1:
        return signature
    if any(ctx.args[1:]) or not signature.arg_types:
        return signature
    argument = expression_type(ctx.api, ctx.args[0][0])
    target = proxy_target(argument)
    parameter = signature.arg_types[0]
    if target is None or is_subtype(argument, parameter) or not is_subtype(target, parameter):
        return signature
    widened = UnionType.make_union([parameter, argument])
    return signature.copy_modified(arg_types=[widened, *signature.arg_types[1:]])
