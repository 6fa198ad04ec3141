"""The synthesized class itself: its bases, its target marker and the members it lists.

The class for ``Proxy[X]`` has bases ``X`` first (its members and dunders
win, so operators, ``len()``, iteration and assignability work as for ``X``)
and ``Proxy[X]`` second (``extract``, ``__factory__`` and the other
proxy-only API keep their types), the way mypy builds ``<subclass of "A" and
"B">`` when narrowing with ``isinstance``. It is a protocol whose own member
``__proxy_target__: X`` is read-only, and it lists the target's members as
its own, so that two classes for the same ``Proxy[X]`` (spelled in two
modules) accept each other, compared by target rather than by identity.
"""

from __future__ import annotations

from mypy.messages import format_type_bare
from mypy.mro import MroError, calculate_mro
from mypy.nodes import (
    ARG_POS,
    MDEF,
    Block,
    ClassDef,
    Decorator,
    FuncDef,
    OverloadedFuncDef,
    SymbolTable,
    SymbolTableNode,
    TypeInfo,
    Var,
)
from mypy.types import CallableType, Instance, NoneType, Type, TypeVarType
from mypy.typestate import type_state

from proxystore_mypy._names import (
    INPLACE_OPERATORS,
    METADATA_KEY,
    PROXY_OWN_ATTRIBUTES,
    TARGET_MEMBER,
    UNFORWARDED_SPECIAL_METHODS,
)
from proxystore_mypy.env import Env

# Symbol kinds that are members of a class, as opposed to nested classes,
# aliases and type variables, which protocols do not compare.
_MEMBER_NODES = (Var, FuncDef, OverloadedFuncDef, Decorator)


def build_class(
    env: Env,
    key: str,
    own_target: Type,
    own_base: Instance | None,
    own_vars: list[TypeVarType],
) -> TypeInfo | None:
    """A new class for ``Proxy[own_target]``, keyed ``key`` in the current module."""
    if isinstance(own_target, TypeVarType):
        # Generic over its one parameter: mypy prints it as "Proxy[T]".
        display = "Proxy"
    else:
        display = "Proxy[" + format_type_bare(own_target, env.options) + "]"
    cdef = ClassDef(display, Block([]))
    cdef.fullname = f"{env.module.fullname}.{key}"
    info = TypeInfo(SymbolTable(), cdef, env.module.fullname)
    cdef.info = info
    info.metadata[METADATA_KEY] = {"key": key}
    if own_vars:
        cdef.type_vars = list(own_vars)
        info.add_type_vars()
    proxy_base = Instance(env.proxy_info, [own_target])
    # The target comes first: its dunders must win over anything Proxy has.
    info.bases = [own_base, proxy_base] if own_base is not None else [proxy_base]
    try:
        calculate_mro(info, lambda: env.named_type("builtins.object", []))
    except MroError:
        return None
    info.metaclass_type = info.calculate_metaclass_type()
    if own_base is not None:
        # mypy's enum support (`.value`, `.name`) asks the class of the value.
        info.is_enum = own_base.type.is_enum

    marker = Var(TARGET_MEMBER, own_target)
    marker.is_property = True  # read-only, hence covariant as a protocol member
    marker.is_ready = True
    _add_member(info, marker)
    info.is_protocol = True

    for name in PROXY_OWN_ATTRIBUTES:
        # A target that defines `__wrapped__` (functools.wraps does) would
        # shadow the proxy's own attribute through the MRO; put it back. Only
        # then: listed here, it would become a protocol member, and its
        # setter would make Proxy[Sub] no longer a Proxy[Base].
        own = env.proxy_info.names.get(name)
        if own is not None and (name == "__init__" or _target_defines(own_base, name)):
            info.names[name] = own
    # A proxy is constructed from a factory: object's `__new__` (the C base
    # takes the factory in `__init__`) must beat a target's `__new__`, or a
    # user's `class IntProxy(Proxy[int])` would take int's arguments.
    object_new = info.mro[-1].names.get("__new__")
    if object_new is not None:
        info.names["__new__"] = object_new
    for name in UNFORWARDED_SPECIAL_METHODS:
        if _target_defines(own_base, name):
            hidden = Var(name, NoneType())
            hidden.is_classvar = True
            _add_member(info, hidden)
    list_target_members(
        info,
        own_base,
        with_plugin_members=not env.analysing,
        # Under the daemon a class edited later is re-analysed into new member
        # nodes: leave plugin-made members to complete_members, which lists
        # them after the daemon has merged its changes.
        settled_early=not env.options.fine_grained_incremental,
    )
    return info


def add_call(info: TypeInfo, call: CallableType, own_vars: list[TypeVarType]) -> None:
    """Give a proxy of a callable the callable's own signature as ``__call__``."""
    self_type = Instance(info, list(own_vars))
    method_type = call.copy_modified(
        arg_types=[self_type, *call.arg_types],
        arg_kinds=[ARG_POS, *call.arg_kinds],
        arg_names=["self", *call.arg_names],
    )
    _add_member(info, FuncDef("__call__", [], Block([]), method_type))


def list_target_members(
    info: TypeInfo,
    own_base: Instance | None,
    *,
    with_plugin_members: bool,
    settled_early: bool = False,
) -> None:
    """Declare the target's members on the synthesized class itself.

    mypy accepts a protocol where another protocol is expected only if it
    lists every member of that one (``SupportsAbs``, ``Iterable`` or a user's
    protocol), and a protocol lists only its own members. Copying the
    target's symbol nodes keeps their defining class, so lookups still bind
    them exactly as they bind on the target.

    ``object``'s members are left out, as mypy leaves them out of every
    protocol: listed, they would make ``Proxy[dict]`` (whose ``__hash__`` is
    None) no ``Proxy[Mapping]``, and a dataclass proxy no proxy of its base.

    During semantic analysis the target may still gain members: attributes
    set through ``self`` in method bodies, and members other plugins add at
    the very end (a dataclass's ``__lt__`` with ``order=True``). Members
    added by plugins are left out then, unless the class that has them can
    gain no more (``_may_gain_plugin_members``, with ``settled_early``), and
    the class is listed
    again once analysis is over (``complete_members``), so that every proxy
    type of the same target lists the same members when types are checked,
    and so does one saved to the cache before it was listed again.
    """
    bases = own_base.type.mro[:-1] if own_base is not None else []
    for base in bases:
        settled = with_plugin_members or (settled_early and not _may_gain_plugin_members(base))
        for name, node in base.names.items():
            if name in info.names or (node.plugin_generated and not settled):
                continue
            if isinstance(node.node, _MEMBER_NODES):
                info.names[name] = node
    for inplace, binary in INPLACE_OPERATORS.items():
        # Without its own in-place method, a target falls back to the binary
        # one; spelled as the in-place name, the call reaches the hook that
        # keeps the proxy type (see inplace.py).
        if inplace not in info.names and binary in info.names:
            info.names[inplace] = info.names[binary]


def complete_members(info: TypeInfo, own_base: Instance) -> None:
    """List what the target gained since analysis built ``info``; forget stale subtype checks."""
    list_target_members(info, own_base, with_plugin_members=True)
    type_state.reset_all_subtype_caches_for(info)


def _may_gain_plugin_members(info: TypeInfo) -> bool:
    """Whether mypy's plugins may still add members to ``info`` at the end of analysis.

    They do so through class decorators (``@dataclass``,
    ``@total_ordering``, attrs) and ``dataclass_transform`` (on a base class
    or the metaclass). A NamedTuple gets its plugin-made members (``_asdict``,
    ``_make``) when the class is made, a dataclass that mypy's dataclasses
    plugin has processed carries its ``"dataclass"`` metadata entry, and a
    decorated class that has members a plugin made (``functools.total_ordering``'s
    ``__gt__``) has been through its decorators' plugins.
    """
    if "dataclass" in info.metadata:
        return False
    if info.defn.decorators:
        # A class decorator's plugin adds its members all at once.
        return not any(symbol.plugin_generated for symbol in info.names.values())
    metaclasses = info.metaclass_type.type.mro if info.metaclass_type is not None else []
    return any(
        getattr(base, "dataclass_transform_spec", None) is not None
        for base in [*info.mro, *metaclasses]
    )


def _add_member(info: TypeInfo, node: Var | FuncDef) -> None:
    node.info = info
    node._fullname = f"{info.fullname}.{node.name}"
    info.names[node.name] = SymbolTableNode(MDEF, node, plugin_generated=True)


def _target_defines(own_base: Instance | None, name: str) -> bool:
    return own_base is not None and own_base.type.get(name) is not None
