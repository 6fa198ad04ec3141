"""Questions about proxy types, answered in one place: is this a proxy, and of what?

Three kinds of class are proxies to the plugin: ``Proxy`` itself, the one
class per target class (its *companion*, companions.py), and the classes
synthesized per module for targets that are not classes (synthesis.py). The
last two carry the plugin's entry in ``TypeInfo.metadata`` and declare their
target as the read-only member ``__proxy_target__: X``. Only this module
reads either. A proxy of a tuple, a TypedDict or a literal is that type with
a proxy class as its fallback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, cast

from mypy.expandtype import expand_type_by_instance
from mypy.nodes import Decorator, FuncDef, OverloadedFuncDef, SymbolTableNode, TypeInfo, Var
from mypy.types import (
    CallableType,
    Instance,
    LiteralType,
    Overloaded,
    TupleType,
    Type,
    TypedDictType,
    TypeType,
    TypeVarType,
    get_proper_type,
)

from proxystore_mypy._names import METADATA_KEY, PROXY, TARGET_MEMBER


def is_synthesized(info: TypeInfo | None) -> bool:
    """Whether ``info`` is a proxy class this plugin made (a companion or synthesized)."""
    return info is not None and METADATA_KEY in info.metadata


def is_proxy_info(info: TypeInfo) -> bool:
    """Whether ``info`` is ``Proxy`` itself or a class this plugin synthesized."""
    return info.fullname == PROXY or is_synthesized(info)


def declared_target(info: TypeInfo) -> Type | None:
    """The target a synthesized class was built for, in its own type parameters."""
    marker = info.names.get(TARGET_MEMBER)
    if marker is None or not isinstance(marker.node, Var):
        return None
    return marker.node.type


def target_of(proxy: Instance) -> Type | None:
    """The target type of an instance of a synthesized proxy class."""
    declared = declared_target(proxy.type)
    return expand_type_by_instance(declared, proxy) if declared is not None else None


def proxy_instance(object_type: Type) -> Instance | None:
    """The synthesized class instance behind a proxy type, or None for any other type."""
    proper = get_proper_type(object_type)
    if isinstance(proper, (TupleType, TypedDictType, LiteralType)):
        proper = proper.partial_fallback if isinstance(proper, TupleType) else proper.fallback
    if isinstance(proper, Instance) and is_synthesized(proper.type):
        return proper
    return None


def proxy_target(proxy: Type) -> Type | None:
    """The target of any proxy type: plain ``Proxy[X]`` or synthesized; else None."""
    proper = get_proper_type(proxy)
    if isinstance(proper, Instance) and proper.type.fullname == PROXY:
        return proper.args[0] if proper.args else None
    if isinstance(proper, TupleType):
        return tuple_target(proper)
    owner = proxy_instance(proper)
    return target_of(owner) if owner is not None else None


class ProxyMember(NamedTuple):
    """A member looked up on a synthesized class, as mypy names it (``fullname``)."""

    owner: TypeInfo
    name: str
    fullname: str

    @property
    def target_fullname(self) -> str:
        """The name mypy gives the member on the target (see ``target_member_fullname``)."""
        return target_member_fullname(self.owner, self.name) or self.fullname

    @property
    def binds_self(self) -> bool:
        return binds_self(self.owner, self.name)

    @property
    def is_class_object(self) -> bool:
        """Whether the owner is the class of a ``Proxy[type[X]]`` (class_objects.py)."""
        target = get_proper_type(declared_target(self.owner))
        return isinstance(target, TypeType) and isinstance(target.item, Instance)


def synthesized_member(
    fullname: str, lookup: Callable[[str], SymbolTableNode | None]
) -> ProxyMember | None:
    """The member ``fullname`` names, if its owner is a synthesized class.

    mypy asks the plugin about every member it looks up, so the cheap
    textual test comes first.
    """
    if "Proxy[" not in fullname:
        return None
    found = member_of_class(fullname, lookup)
    if found is None or not is_synthesized(found[0]):
        return None
    return ProxyMember(found[0], found[1], fullname)


def member_of_class(
    fullname: str, lookup: Callable[[str], SymbolTableNode | None]
) -> tuple[TypeInfo, str] | None:
    """The class and member name of a member's fullname (``mod.Class.member``), if a class."""
    owner_name, _, member = fullname.rpartition(".")
    owner = lookup(owner_name) if owner_name else None
    if owner is None or not isinstance(owner.node, TypeInfo):
        return None
    return owner.node, member


def target_member_fullname(owner: TypeInfo, member: str) -> str | None:
    """The name mypy gives ``member`` when it is looked up on the target itself.

    Hooks of mypy's own plugin (TypedDict ``get``, ``int.__pow__`` with
    literals, ...) are keyed by that name, not by the synthesized class.
    """
    target = get_proper_type(declared_target(owner))
    if isinstance(target, Instance):
        return f"{target.type.fullname}.{member}"
    if isinstance(target, (TypedDictType, LiteralType)):
        defining = target.fallback.type.get_containing_type_info(member)
        return f"{defining.fullname}.{member}" if defining is not None else None
    if isinstance(target, TupleType):
        return f"builtins.tuple.{member}"
    return None


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


def attribute_binds_self(fullname: str, lookup: Callable[[str], SymbolTableNode | None]) -> bool:
    """Whether the attribute ``fullname`` (named after its defining class) mentions ``Self``.

    mypy names an attribute (a property, a method read without a call)
    after the class that defines it, so a proxy's rebinding is asked for
    by that name: ``pathlib.PurePath.parent``, ``builtins.object.__class__``.
    """
    found = member_of_class(fullname, lookup)
    return found is not None and binds_self(*found)


def tuple_target(proxy: TupleType) -> Type | None:
    """The target of a proxy of a tuple or NamedTuple: the same tuple type, on its own class.

    Such a proxy is the tuple type with the proxy class as its fallback
    (synthesis.py); its items are the target's, so only the fallback changes.
    """
    fallback = proxy.partial_fallback
    if not is_synthesized(fallback.type):
        return None
    target = get_proper_type(target_of(fallback))
    if isinstance(target, TupleType):  # a NamedTuple's own type
        return target
    if isinstance(target, Instance):
        return proxy.copy_modified(fallback=target)
    return None
