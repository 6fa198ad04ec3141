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

from proxystore_mypy._fallback import MethodHook, default_method_return, guarded
from proxystore_mypy._names import INPLACE_OPERATORS, PROXY
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import proxy_instance, proxy_target


@guarded(default_method_return)
def keep_proxy_callback(ctx: MethodContext, run: RunState, operator: str) -> Type:
    """Type ``p op= x`` (``operator`` is ``__iadd__``, ...) as the proxy, if the new target fits."""
    target = proxy_target(ctx.type)
    if target is None:
        return ctx.default_return_type
    result = get_proper_type(_result_on_target(ctx, target, operator))
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


def keep_proxy_hook(operator: str, run: RunState) -> MethodHook:
    """The hook for the in-place ``operator`` of a proxy."""
    return lambda ctx: keep_proxy_callback(ctx, run, operator)


def _result_on_target(ctx: MethodContext, target: Type, operator: str) -> Type:
    """What the operator computes on the target: the new target.

    A target's own in-place method was called as it is (its result is the
    default). Otherwise mypy found the declaration on ``Proxy`` itself, which
    takes anything: the binary operator is checked on the target here, with
    mypy's own messages, as it checks ``x += y`` for an ``x`` without ``__iadd__``.
    """
    owner = proxy_instance(ctx.type)
    declared = owner.type.get_containing_type_info(operator) if owner is not None else None
    if declared is None or declared.fullname != PROXY or not isinstance(ctx.api, TypeChecker):
        return ctx.default_return_type
    if len(ctx.args) != 1 or len(ctx.args[0]) != 1:
        return ctx.default_return_type
    binary = INPLACE_OPERATORS[operator]
    result, _ = ctx.api.expr_checker.check_op(
        binary, target, ctx.args[0][0], ctx.context, allow_reverse=True
    )
    return result
