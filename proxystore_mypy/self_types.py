"""Members of the target that mention ``Self`` bind it to the target, not the proxy.

mypy binds ``Self`` (and ``self: T`` style type variables) to the type of
the object a member is looked up on: for a proxy, the synthesized proxy
class. At runtime the proxy forwards the call, so the target's method runs
with the target as ``self``: ``path / "x"`` returns a plain ``Path`` and
``datetime - datetime`` accepts any ``datetime``. The callbacks here give
the member the types it has on the target. dispatch.py asks them only for
members whose declaration binds ``self`` (``proxy_types.binds_self``).
"""

from __future__ import annotations

from mypy.checker import TypeChecker
from mypy.plugin import (
    AttributeContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
)
from mypy.type_visitor import TypeTranslator
from mypy.types import (
    CallableType,
    FunctionLike,
    Instance,
    TupleType,
    Type,
    TypeAliasType,
    TypedDictType,
    TypeVarType,
    UnionType,
    get_proper_type,
)

from proxystore_mypy._compat import expand_proper, expression_type
from proxystore_mypy._fallback import (
    default_attribute,
    default_function_signature,
    default_method_return,
    default_method_signature,
    default_return,
    guarded,
)
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import binds_self, proxy_instance, target_of, tuple_target


@guarded(default_method_signature)
def rebind_signature_callback(ctx: MethodSigContext, run: RunState) -> FunctionLike:
    """The hook for a member that binds ``self``: ``rebind_signature``."""
    return rebind_signature(ctx)


def rebind_signature(ctx: MethodSigContext) -> FunctionLike:
    """Give a target's method, called through a proxy, the target's signature."""
    rebound = get_proper_type(_on_target(ctx.type, ctx.default_signature))
    return rebound if isinstance(rebound, FunctionLike) else ctx.default_signature


@guarded(default_method_return)
def rebind_result_callback(ctx: MethodContext, run: RunState) -> Type:
    """The hook for a member that binds ``self``: ``rebind_result``."""
    return rebind_result(ctx)


def rebind_result(ctx: MethodContext) -> Type:
    """Give a target's method, called through a proxy, the target's result type."""
    return _on_target(ctx.type, ctx.default_return_type)


@guarded(default_attribute)
def rebind_attribute_callback(ctx: AttributeContext, run: RunState) -> Type:
    """The hook for a member that binds ``self``: ``rebind_attribute``."""
    return rebind_attribute(ctx)


def rebind_attribute(ctx: AttributeContext) -> Type:
    """Give a target's attribute, read through a proxy, the target's type."""
    return _on_target(ctx.type, ctx.default_attr_type)


@guarded(default_return)
def rebind_special_call_callback(
    ctx: FunctionContext | MethodContext, run: RunState, method: str
) -> Type:
    """The hook for a builtin that calls a special method (``abs``): ``rebind_special_call``."""
    return rebind_special_call(ctx, method)


def rebind_special_call(ctx: FunctionContext | MethodContext, method: str) -> Type:
    """Give ``abs(p)`` (``p.__abs__()`` at runtime) the result the target's method has.

    mypy solves ``abs``'s ``SupportsAbs[T]`` against the proxy, whose
    ``__abs__`` returns ``Self`` bound to the proxy; the runtime proxy calls
    the target's ``__abs__``, which returns a plain target. Each proxy in
    the first argument (a union may hold several) whose ``method`` binds
    ``self`` is replaced by its target in the result.
    """
    if not ctx.arg_types or not ctx.arg_types[0]:
        return ctx.default_return_type
    argument = get_proper_type(ctx.arg_types[0][0])
    items = argument.items if isinstance(argument, UnionType) else [argument]
    result = ctx.default_return_type
    for item in items:
        owner = proxy_instance(item)
        if owner is not None and binds_self(owner.type, method):
            result = _on_target(item, result)
    return result


@guarded(default_function_signature)
def iter_signature_callback(ctx: FunctionSigContext, run: RunState) -> CallableType:
    """``iter(p)`` where the target's ``__iter__`` returns ``Self``: solved as the target.

    mypy would solve ``iter``'s type variable to the proxy, which fails its
    bound (``SupportsNext``: the proxy hides ``__next__``, _names.py); at
    runtime the target's ``__iter__`` returns the target. A proxy is a
    ``SupportsIter`` of its target, since it is a subtype of it.
    """
    signature = ctx.default_signature
    if not isinstance(ctx.api, TypeChecker) or not ctx.args or len(ctx.args[0]) != 1:
        return signature
    owner = proxy_instance(expression_type(ctx.api, ctx.args[0][0]))
    target = target_of(owner) if owner is not None else None
    result = get_proper_type(signature.ret_type)
    if owner is None or target is None or not binds_self(owner.type, "__iter__"):
        return signature
    if not isinstance(result, TypeVarType) or len(signature.variables) != 1:
        return signature
    if signature.variables[0].id != result.id:
        return signature
    solved = expand_proper(signature, {result.id: target})
    return solved.copy_modified(variables=[]) if isinstance(solved, CallableType) else signature


def _on_target(object_type: Type, member_type: Type) -> Type:
    """``member_type`` with the proxy it was looked up on replaced by the proxy's target."""
    owner = proxy_instance(object_type)
    return member_type if owner is None else member_type.accept(_ProxyToTarget(owner))


class _ProxyToTarget(TypeTranslator):
    """Replace the proxy a member was looked up on by the proxy's target."""

    def __init__(self, owner: Instance) -> None:
        super().__init__()
        self.owner = owner
        self.target = target_of(owner)

    def visit_instance(self, t: Instance) -> Type:
        if t.type is self.owner.type and self.target is not None:
            return self.target
        return super().visit_instance(t)

    def visit_tuple_type(self, t: TupleType) -> Type:
        # A proxy of a tuple is the tuple type with the proxy as fallback.
        if t.partial_fallback.type is self.owner.type:
            target = tuple_target(t)
            if target is not None:
                return target
        return super().visit_tuple_type(t)

    def visit_typeddict_type(self, t: TypedDictType) -> Type:
        if t.fallback.type is self.owner.type and self.target is not None:
            return self.target
        return super().visit_typeddict_type(t)

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        return t
