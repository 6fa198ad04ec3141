"""mypy's own hooks for a target's members, run for the same members on a proxy.

mypy special-cases some members (``TypedDict.get``, ``Enum.value``, literal
``int.__pow__``) with hooks keyed by the target's names. Members looked up
on a proxy are named after the synthesized class instead, so the plugin
asks mypy's default plugin under the target's name and runs its hook after
the plugin's own rebinding of ``Self`` to the target.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.plugin import AttributeContext, MethodContext, MethodSigContext
from mypy.types import CallableType, FunctionLike, Type

from proxystore_mypy.self_types import on_target


def signature_then(
    rebind: Callable[[MethodSigContext], FunctionLike],
    target_hook: Callable[[MethodSigContext], FunctionLike],
) -> Callable[[MethodSigContext], FunctionLike]:
    """Rebind a method's signature to the target, then run mypy's hook on it."""

    def run(ctx: MethodSigContext) -> FunctionLike:
        rebound = rebind(ctx)
        if not isinstance(rebound, CallableType):
            return target_hook(ctx)
        return target_hook(ctx._replace(default_signature=rebound))

    return run


def result_then(
    rebind: Callable[[MethodContext], Type],
    target_hook: Callable[[MethodContext], Type],
) -> Callable[[MethodContext], Type]:
    """Rebind a method call's result to the target, then run mypy's hook on it."""

    def run(ctx: MethodContext) -> Type:
        return target_hook(ctx._replace(default_return_type=rebind(ctx)))

    return run


def attribute_then(
    rebind: Callable[[AttributeContext], Type],
    target_hook: Callable[[AttributeContext], Type],
) -> Callable[[AttributeContext], Type]:
    """Rebind an attribute's type to the target, then run mypy's hook on it."""

    def run(ctx: AttributeContext) -> Type:
        return target_hook(ctx._replace(default_attr_type=rebind(ctx)))

    return run


def attribute_on_target(
    target_hook: Callable[[AttributeContext], Type],
) -> Callable[[AttributeContext], Type]:
    """Run mypy's hook for an attribute named after its defining class on the target.

    Attributes are named after the class that defines them (``enum.Enum.value``),
    so mypy finds its hook, but the hook must see the target, not the proxy.
    """
    return on_target(target_hook)
