"""The type mypy sees for ``Proxy[X]``: a class that is both an ``X`` and a ``Proxy[X]``.

A proxy behaves like its target at runtime, so the plugin gives ``Proxy[X]``
a synthesized class whose bases are ``X`` first (its members and dunders win,
so operators, ``len()``, iteration and assignability work as for ``X``) and
``Proxy[X]`` second (``extract``, ``__factory__`` and the other proxy-only API
keep their types). This is how mypy itself builds ``<subclass of "A" and
"B">`` when narrowing with ``isinstance``.

Each synthesized class lives in the module that spelled ``Proxy[X]``, so that
it is serialized with that module's cache. Two modules therefore hold two
classes for the same ``Proxy[X]``; each class is a protocol whose only own
member is ``__proxy_target__: X`` (read-only), so mypy compares them by
target type rather than by identity, and a ``Proxy[X]`` made in one module is
accepted by a ``Proxy[X]`` annotation in every other.
"""

from __future__ import annotations

from mypy.expandtype import expand_type
from mypy.messages import format_type_bare
from mypy.mro import MroError, calculate_mro
from mypy.nodes import (
    ARG_POS,
    GDEF,
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
from mypy.subtypes import is_same_type
from mypy.typeops import tuple_fallback
from mypy.typestate import type_state
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    LiteralType,
    NoneType,
    ProperType,
    TupleType,
    Type,
    TypedDictType,
    TypeVarId,
    TypeVarType,
    UnionType,
    get_proper_type,
)

from proxystore_mypy._compat import (
    Env,
    expand_proper,
    get_all_type_vars,
    record_target_dependencies,
)
from proxystore_mypy._names import (
    INPLACE_OPERATORS,
    PROXY,
    PROXY_OWN_ATTRIBUTES,
    TARGET_MEMBER,
    UNFORWARDED_SPECIAL_METHODS,
)


# Symbol kinds that are members of a class, as opposed to nested classes,
# aliases and type variables, which protocols do not compare.
_MEMBER_NODES = (Var, FuncDef, OverloadedFuncDef, Decorator)


# Under mypy's daemon only: every synthesized class by module and key, so
# that re-checking a module refreshes the class other types refer to
# instead of making a second one. One entry per distinct Proxy[X] spelling.
_DAEMON_CLASSES: dict[tuple[str, str], TypeInfo] = {}

# Proxy types built during semantic analysis, whose targets may still gain
# members (see relist_members_after_analysis).
_TO_RELIST: list[tuple[TypeInfo, Instance]] = []


def is_proxy_info(info: TypeInfo) -> bool:
    """Whether ``info`` is ``Proxy`` itself or a class this plugin synthesized."""
    return info.fullname == PROXY or TARGET_MEMBER in info.names


def proxy_type(target: Type, env: Env) -> Type | None:
    """The type of a ``Proxy[target]``, or None where the plugin cannot decide.

    None tells the caller to keep mypy's own answer (the plain ``Proxy``).
    """
    proper = get_proper_type(target)
    if isinstance(proper, UnionType):
        # A proxy of a union is one of the proxies of its items; spreading it
        # lets narrowing (`isinstance`, `is not None`) work item by item.
        # An item the plugin cannot model keeps its plain proxy.
        return UnionType.make_union(
            [proxy_type(item, env) or Instance(env.proxy_info, [item]) for item in proper.items]
        )
    if isinstance(proper, Instance):
        if is_proxy_info(proper.type):
            # Proxy[Proxy[X]]: an intersection would inherit Proxy twice with
            # different arguments; keep the plain proxy of a proxy.
            return None
        target_base = None if proper.type.fullname == "builtins.object" else proper
        return _synthesize(env, proper, target_base)
    if isinstance(proper, AnyType):
        return _synthesize(env, proper, None, falls_back_to_any=True)
    if isinstance(proper, NoneType):
        # At runtime a proxy of None is not None (`p is None` is False), so
        # it gets only the proxy API, not None's place in Optional[...].
        return _synthesize(env, proper, None)
    if isinstance(proper, TupleType):
        fallback = _synthesize(env, proper, proper.partial_fallback)
        return None if fallback is None else proper.copy_modified(fallback=fallback)
    if isinstance(proper, TypedDictType):
        fallback = _synthesize(env, proper, proper.fallback)
        if fallback is None:
            return None
        # mypy reads a TypedDict's keys from its fallback class.
        fallback.type.typeddict_type = proper
        return proper.copy_modified(fallback=fallback)
    if isinstance(proper, LiteralType):
        return _synthesize(env, proper, proper.fallback)
    if isinstance(proper, CallableType):
        if proper.variables:
            return None
        return _synthesize(env, proper, None, call=proper)
    if isinstance(proper, TypeVarType):
        # The bound's members; a union bound, or constraints (AnyStr), give
        # none: the class cannot depend on which constraint is checked.
        bound = get_proper_type(proper.upper_bound)
        if isinstance(bound, TupleType):
            bound = tuple_fallback(bound)
        if isinstance(bound, CallableType) and not bound.variables:
            return _synthesize(env, proper, None, call=bound)
        target_base = None
        if (
            isinstance(bound, Instance)
            and bound.type.fullname != "builtins.object"
            and not is_proxy_info(bound.type)
        ):
            target_base = bound
        return _synthesize(env, proper, target_base)
    return None


def _synthesize(
    env: Env,
    target: ProperType,
    target_base: Instance | None,
    *,
    falls_back_to_any: bool = False,
    call: CallableType | None = None,
) -> Instance | None:
    """Find or build the class for ``Proxy[target]`` in the current module.

    Type variables free in ``target`` become the synthesized class's own type
    parameters, so that ``Proxy[Box[T]]`` in a generic function is
    ``Proxy[Box[int]]`` once ``T`` is bound to ``int``.
    """
    free = get_all_type_vars(target)
    if not all(isinstance(var, TypeVarType) for var in free):
        return None  # ParamSpec and TypeVarTuple targets keep the plain Proxy.
    free_vars = list(dict.fromkeys(var for var in free if isinstance(var, TypeVarType)))
    own_vars = [var.copy_modified(id=TypeVarId(index + 1)) for index, var in enumerate(free_vars)]
    mapping = {var.id: own for var, own in zip(free_vars, own_vars)}
    own_target = expand_type(target, mapping)

    key = _free_or_matching_key(env, own_target)
    existing = env.module.names.get(key)
    daemon = env.options.fine_grained_incremental
    if existing is not None and isinstance(existing.node, TypeInfo) and not daemon:
        return Instance(existing.node, list(free_vars))
    if daemon and existing is None:
        # The daemon strips a module's top level before re-checking it; the
        # class it held may still be referred to by types elsewhere.
        previous = _DAEMON_CLASSES.get((env.module.fullname, key))
        if previous is not None:
            existing = SymbolTableNode(
                GDEF, previous, module_public=False, module_hidden=True, plugin_generated=True
            )
            env.module.names[key] = existing

    own_base: Instance | None = None
    if target_base is not None:
        expanded_base = expand_proper(target_base, mapping)
        if not isinstance(expanded_base, Instance):
            return None
        own_base = expanded_base
    own_call: CallableType | None = None
    if call is not None:
        expanded_call = expand_proper(call, mapping)
        if not isinstance(expanded_call, CallableType):
            return None
        own_call = expanded_call

    info = _build_info(env, key, own_target, own_base, own_vars)
    if info is None:
        return None
    if falls_back_to_any:
        info.fallback_to_any = True
    if own_call is not None:
        _add_call(info, own_call, own_vars)
    if existing is not None and isinstance(existing.node, TypeInfo):
        # Only the daemon gets here: it re-checks this code because the
        # target may have changed, so the existing class (which other types
        # refer to) takes the freshly listed members.
        _take_state(existing.node, info)
        info = existing.node
    else:
        env.module.names[key] = SymbolTableNode(
            GDEF, info, module_public=False, module_hidden=True, plugin_generated=True
        )
    if env.analysing and own_base is not None:
        # The class that is kept: under the daemon, not the one just built.
        _TO_RELIST.append((info, own_base))
    if daemon:
        record_target_dependencies(info)
        _DAEMON_CLASSES[env.module.fullname, key] = info
    return Instance(info, list(free_vars))


def _take_state(existing: TypeInfo, fresh: TypeInfo) -> None:
    """Make ``existing`` what ``fresh`` is, keeping its identity for every reference."""
    for symbol in fresh.names.values():
        node = symbol.node
        if isinstance(node, (Var, FuncDef)) and node.info is fresh:
            node.info = existing
    existing.names = fresh.names
    existing.bases = fresh.bases
    existing.mro = [existing, *fresh.mro[1:]]
    existing.metaclass_type = fresh.metaclass_type
    existing.fallback_to_any = fresh.fallback_to_any
    existing.is_enum = fresh.is_enum
    existing.typeddict_type = fresh.typeddict_type
    # Subtype checks cached against the old members no longer hold.
    type_state.reset_all_subtype_caches_for(existing)


def _free_or_matching_key(env: Env, own_target: Type) -> str:
    """The module-level key of the class for ``own_target``: its own, or a free one.

    The key is also the last part of the class's fullname, which is what
    ``reveal_type`` prints and what mypy's cache splits on dots to find the
    module: so it reads like the annotation and has no dots. The "-redef"
    suffix keeps mypy's per-class passes over a module's own definitions
    (``local_definitions``) away from these classes: one of them rejects a
    protocol whose bases are not all protocols. Two targets that print alike
    (``Foo`` from two modules) get numbered keys.
    """
    readable = format_type_bare(own_target, env.options).replace(".", ":")
    for number in range(1, 100):
        suffix = "" if number == 1 else f"~{number}"
        key = f"Proxy[{readable}]{suffix}-redef"
        existing = env.module.names.get(key)
        if existing is None:
            return key
        if isinstance(existing.node, TypeInfo) and _targets_match(existing.node, own_target):
            return key
    raise AssertionError(f"more than 99 proxy types print as Proxy[{readable}]")


def _targets_match(info: TypeInfo, own_target: Type) -> bool:
    marker = info.names.get(TARGET_MEMBER)
    if marker is None or not isinstance(marker.node, Var) or marker.node.type is None:
        return False
    return is_same_type(marker.node.type, own_target)


def _build_info(
    env: Env,
    key: str,
    own_target: Type,
    own_base: Instance | None,
    own_vars: list[TypeVarType],
) -> TypeInfo | None:
    if isinstance(own_target, TypeVarType):
        # Generic over its one parameter: mypy prints it as "Proxy[T]".
        display = "Proxy"
    else:
        display = "Proxy[" + format_type_bare(own_target, env.options) + "]"
    cdef = ClassDef(display, Block([]))
    cdef.fullname = f"{env.module.fullname}.{key}"
    info = TypeInfo(SymbolTable(), cdef, env.module.fullname)
    cdef.info = info
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
    marker.info = info
    marker._fullname = f"{info.fullname}.{TARGET_MEMBER}"
    marker.is_property = True  # read-only, hence covariant as a protocol member
    marker.is_ready = True
    info.names[TARGET_MEMBER] = SymbolTableNode(MDEF, marker, plugin_generated=True)
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
            hidden.info = info
            hidden._fullname = f"{info.fullname}.{name}"
            hidden.is_classvar = True
            info.names[name] = SymbolTableNode(MDEF, hidden, plugin_generated=True)
    _list_target_members(info, own_base, with_plugin_members=not env.analysing)
    return info


def relist_members_after_analysis() -> None:
    """List the members the targets gained since their proxy types were built.

    A proxy type built while its target's module is still being analysed
    misses the attributes that method bodies set through ``self``; built
    later, elsewhere, it would have them, and the two would no longer accept
    each other. The plugin calls this from its first type-checking hook, when
    analysis of everything being checked is complete.
    """
    while _TO_RELIST:
        info, own_base = _TO_RELIST.pop()
        _list_target_members(info, own_base, with_plugin_members=True)
        type_state.reset_all_subtype_caches_for(info)


def _target_defines(own_base: Instance | None, name: str) -> bool:
    return own_base is not None and own_base.type.get(name) is not None


def _list_target_members(
    info: TypeInfo, own_base: Instance | None, *, with_plugin_members: bool
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
    the very end (a dataclass's ``__lt__`` with ``order=True``). Those added
    by plugins are left out then, and ``relist_members_after_analysis``
    lists everything once analysis is complete, so that every proxy type of
    the same target lists the same members when types are checked.
    """
    bases = own_base.type.mro[:-1] if own_base is not None else []
    for base in bases:
        for name, node in base.names.items():
            if name in info.names or (node.plugin_generated and not with_plugin_members):
                continue
            if isinstance(node.node, _MEMBER_NODES):
                info.names[name] = node
    for inplace, binary in INPLACE_OPERATORS.items():
        # Without its own in-place method, a target falls back to the binary
        # one; spelled as the in-place name, the call reaches the hook that
        # keeps the proxy type (see inplace.py).
        if inplace not in info.names and binary in info.names:
            info.names[inplace] = info.names[binary]


def _add_call(info: TypeInfo, call: CallableType, own_vars: list[TypeVarType]) -> None:
    """Give a proxy of a callable the callable's own signature as ``__call__``."""
    self_type = Instance(info, list(own_vars))
    method_type = call.copy_modified(
        arg_types=[self_type, *call.arg_types],
        arg_kinds=[ARG_POS, *call.arg_kinds],
        arg_names=["self", *call.arg_names],
    )
    method = FuncDef("__call__", [], Block([]), method_type)
    method._fullname = f"{info.fullname}.__call__"
    method.info = info
    info.names["__call__"] = SymbolTableNode(MDEF, method, plugin_generated=True)
