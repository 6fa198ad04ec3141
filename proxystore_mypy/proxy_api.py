"""The proxy-only API (``extract``, ``ProxyLocker``, ...) where mypy cannot solve ``Proxy[T]``.

``Proxy[A | B]`` is spelled out as ``Proxy[A] | Proxy[B]`` so that narrowing
works item by item, and a proxy of a TypedDict is a TypedDict type whose
fallback is the proxy class; mypy cannot solve ``Proxy[T]`` against either.
The hook here does: ``T`` is the (union of the) proxies' targets.
"""

from __future__ import annotations

from mypy.checker import TypeChecker
from mypy.plugin import FunctionSigContext
from mypy.typeops import make_simplified_union
from mypy.types import (
    CallableType,
    Instance,
    TupleType,
    TypedDictType,
    UnionType,
    get_proper_type,
)

from proxystore_mypy._compat import expand_proper, expression_type
from proxystore_mypy._fallback import default_function_signature, guarded
from proxystore_mypy._names import PROXY
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import proxy_target


@guarded(default_function_signature)
def union_of_proxies_callback(ctx: FunctionSigContext, run: RunState) -> CallableType:
    """Solve ``Proxy[T]`` in the first parameter against a union of proxies."""
    signature = ctx.default_signature
    if not isinstance(ctx.api, TypeChecker) or not ctx.args or len(ctx.args[0]) != 1:
        return signature
    if len(signature.variables) != 1 or not signature.arg_types:
        return signature
    argument = expression_type(ctx.api, ctx.args[0][0])
    proper = get_proper_type(argument)
    if isinstance(proper, UnionType):
        items = proper.items
    elif isinstance(proper, Instance) and not _maps_to_proxy(proper):
        # A protocol's proxy class keeps Proxy out of its bases (all bases of
        # a protocol must be protocols): mypy cannot map it onto Proxy[T].
        items = [proper]
    elif isinstance(proper, (TypedDictType, TupleType)):
        # mypy infers against a TypedDict's anonymous fallback, which has
        # lost the proxy base: solve T from the proxy's target instead.
        items = [proper]
    else:
        return signature
    targets = [proxy_target(item) for item in items]
    solved = [target for target in targets if target is not None]
    if len(solved) != len(targets):
        return signature
    variable = signature.variables[0]
    concrete_proper = expand_proper(signature, {variable.id: make_simplified_union(solved)})
    if not isinstance(concrete_proper, CallableType):
        return signature
    return signature.copy_modified(
        arg_types=[argument, *concrete_proper.arg_types[1:]],
        ret_type=concrete_proper.ret_type,
        variables=[],
    )


def _maps_to_proxy(instance: Instance) -> bool:
    """Whether mypy finds ``Proxy[...]`` among the bases of ``instance``'s class."""
    return any(base.type.fullname == PROXY or _maps_to_proxy(base) for base in instance.type.bases)
