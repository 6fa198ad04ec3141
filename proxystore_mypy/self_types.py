"""Members of the target that mention ``Self`` bind it to the target, not the proxy.

mypy binds ``Self`` (and ``self: T`` style type variables) to the type of
the object a member is looked up on: for a proxy, the synthesized proxy
class. At runtime the proxy forwards the call, so the target's method runs
with the target as ``self``: ``path / "x"`` returns a plain ``Path`` and
``datetime - datetime`` accepts any ``datetime``. The hooks here give the
member the types it has on the target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from mypy.expandtype import expand_type_by_instance
from mypy.nodes import Decorator, FuncDef, OverloadedFuncDef, TypeInfo, Var
from mypy.plugin import AttributeContext, MethodContext, MethodSigContext
from mypy.type_visitor import TypeTranslator
from mypy.types import (
    CallableType,
    Overloaded,
    TypeType,
    TypeVarType,
    FunctionLike,
    Instance,
    LiteralType,
    TupleType,
    Type,
    TypeAliasType,
    TypedDictType,
    get_proper_type,
)

from proxystore_mypy._names import PROXY, TARGET_MEMBER


def synthesized_owner(info: TypeInfo | None) -> bool:
    """Whether ``info`` is a proxy class this plugin synthesized."""
    return info is not None and TARGET_MEMBER in info.names


def binds_self(owner: TypeInfo, member: str) -> bool:
    """Whether ``member``'s declared type mentions the type of ``self`` (``Self``).

    Only then is there anything to rebind: a method declared to return
    ``Proxy[Foo]`` must keep returning it when called through a proxy.
    """
    symbol = owner.get(member)
    node = symbol.node if symbol is not None else None
    declared: Type | None
    if isinstance(node, Decorator):
        declared = node.func.type
    elif isinstance(node, (FuncDef, OverloadedFuncDef)):
        declared = node.type
    else:
        return False  # a variable: its declared type never mentions Self
    # Typed Type | None by older mypy releases: keep the get_proper_type.
    proper = get_proper_type(cast(Type, declared)) if declared is not None else None
    if isinstance(proper, Overloaded):
        signatures = list(proper.items)
    elif isinstance(proper, CallableType):
        signatures = [proper]
    else:
        return False
    for signature in signatures:
        self_type = get_proper_type(signature.arg_types[0]) if signature.arg_types else None
        if isinstance(self_type, TypeType):  # a classmethod's `cls: type[Self]`
            self_type = self_type.item
        if isinstance(self_type, TypeVarType) and any(
            variable.id == self_type.id for variable in signature.variables
        ):
            return True
    return False


def target_member_fullname(owner: TypeInfo, member: str) -> str | None:
    """The name mypy gives ``member`` when it is looked up on the target itself.

    Hooks of mypy's own plugin (TypedDict ``get``, ``int.__pow__`` with
    literals, ...) are keyed by that name, not by the synthesized class.
    """
    marker = owner.names.get(TARGET_MEMBER)
    if marker is None or not isinstance(marker.node, Var):
        return None
    target = get_proper_type(marker.node.type)
    if isinstance(target, Instance):
        return f"{target.type.fullname}.{member}"
    if isinstance(target, (TypedDictType, LiteralType)):
        defining = target.fallback.type.get_containing_type_info(member)
        return f"{defining.fullname}.{member}" if defining is not None else None
    if isinstance(target, TupleType):
        return f"builtins.tuple.{member}"
    return None


def rebind_signature_callback(ctx: MethodSigContext) -> FunctionLike:
    """Give a target's method, called through a proxy, the target's signature."""
    owner = proxy_instance(ctx.type)
    if owner is None:
        return ctx.default_signature
    rebound = ctx.default_signature.accept(_ProxyToTarget(owner))
    proper = get_proper_type(rebound)
    return proper if isinstance(proper, FunctionLike) else ctx.default_signature


def rebind_result_callback(ctx: MethodContext) -> Type:
    """Give a target's method, called through a proxy, the target's result type."""
    owner = proxy_instance(ctx.type)
    if owner is None:
        return ctx.default_return_type
    return ctx.default_return_type.accept(_ProxyToTarget(owner))


def rebind_attribute_callback(ctx: AttributeContext) -> Type:
    """Give a target's attribute, read through a proxy, the target's type."""
    owner = proxy_instance(ctx.type)
    if owner is None:
        return ctx.default_attr_type
    return ctx.default_attr_type.accept(_ProxyToTarget(owner))


def on_target(hook: Callable[[AttributeContext], Type]) -> Callable[[AttributeContext], Type]:
    """Run an attribute hook of mypy's as if the attribute were read on the target."""

    def run(ctx: AttributeContext) -> Type:
        owner = proxy_instance(ctx.type)
        target = target_of(owner) if owner is not None else None
        return hook(ctx if target is None else ctx._replace(type=get_proper_type(target)))

    return run


def proxy_instance(object_type: Type) -> Instance | None:
    proper = get_proper_type(object_type)
    if isinstance(proper, (TupleType, TypedDictType, LiteralType)):
        proper = proper.partial_fallback if isinstance(proper, TupleType) else proper.fallback
    if isinstance(proper, Instance) and synthesized_owner(proper.type):
        return proper
    return None


def proxy_target(proxy: Type) -> Type | None:
    """The target of any proxy type: plain ``Proxy[X]`` or synthesized; else None."""
    proper = get_proper_type(proxy)
    if isinstance(proper, Instance) and proper.type.fullname == PROXY:
        return proper.args[0] if proper.args else None
    owner = proxy_instance(proper)
    return target_of(owner) if owner is not None else None


def target_of(proxy: Instance) -> Type | None:
    """The target type of an instance of a synthesized proxy class."""
    marker = proxy.type.names.get(TARGET_MEMBER)
    if marker is None or not isinstance(marker.node, Var) or marker.node.type is None:
        return None
    return expand_type_by_instance(marker.node.type, proxy)


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
        if t.partial_fallback.type is self.owner.type and self.target is not None:
            return self.target
        return super().visit_tuple_type(t)

    def visit_typeddict_type(self, t: TypedDictType) -> Type:
        if t.fallback.type is self.owner.type and self.target is not None:
            return self.target
        return super().visit_typeddict_type(t)

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        return t
