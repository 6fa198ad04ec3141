"""The type mypy sees for ``Proxy[X]``, chosen by what kind of type ``X`` is.

``proxy_type`` is the one entry point: annotations (type_annotations.py) and
call results (call_results.py) both ask it. A class, a tuple or a NamedTuple
has its one proxy class, built where the class is defined (companions.py):
the proxy type is that class with X's arguments. Every other target (a
literal, a callable, a class object (class_objects.py), a type variable,
``Any``, ``None``, a TypedDict and classes made without a class-definition
hook) gets a class synthesized in
the module that spells it: each kind of target says which class, if any,
stands for the target among its bases (proxy_class.py builds the class,
registry.py keeps it). To support a new kind of target, add its case here
(docs/architecture.md walks through one).
"""

from __future__ import annotations

import functools

from mypy.expandtype import expand_type
from mypy.typeops import tuple_fallback
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
    TypeType,
    TypeVarId,
    TypeVarType,
    UnionType,
    get_proper_type,
)

from proxystore_mypy import class_objects, proxy_class, registry
from proxystore_mypy._compat import expand_proper, get_all_type_vars
from proxystore_mypy.class_objects import class_object_target
from proxystore_mypy.companions import lookup_companion
from proxystore_mypy.env import Env
from proxystore_mypy.proxy_types import is_proxy_info


def proxy_type(target: Type, env: Env, *, as_base: bool = False) -> Type | None:
    """The type of a ``Proxy[target]``, or None where the plugin cannot decide.

    None tells the caller to keep mypy's own answer (the plain ``Proxy``).
    ``as_base``: the type is a base of a user's class (``class
    IntProxy(Proxy[int])``), which needs a class constructed from a factory,
    not a companion (companions.py), which is never instantiated.
    """
    proper = get_proper_type(target)
    if isinstance(proper, UnionType):
        # A proxy of a union is one of the proxies of its items; spreading it
        # lets narrowing (`isinstance`, `is not None`) work item by item.
        # An item the plugin cannot model keeps its plain proxy.
        return UnionType.make_union(
            [
                proxy_type(item, env, as_base=as_base) or Instance(env.proxy_info, [item])
                for item in proper.items
            ]
        )
    if isinstance(proper, Instance):
        if is_proxy_info(proper.type):
            # Proxy[Proxy[X]]: an intersection would inherit Proxy twice with
            # different arguments; keep the plain proxy of a proxy.
            return None
        companion = None if as_base else lookup_companion(env.modules, proper.type, env.run)
        if companion is not None:
            return Instance(companion, list(proper.args))
        target_base = None if proper.type.fullname == "builtins.object" else proper
        return _synthesize(env, proper, target_base)
    if isinstance(proper, AnyType):
        return _synthesize(env, proper, None, falls_back_to_any=True)
    if isinstance(proper, NoneType):
        # At runtime a proxy of None is not None (`p is None` is False), so
        # it gets only the proxy API, not None's place in Optional[...].
        return _synthesize(env, proper, None)
    if isinstance(proper, TupleType):
        named = proper.partial_fallback
        companion = None if as_base else lookup_companion(env.modules, named.type, env.run)
        if companion is not None:  # `tuple`'s or a NamedTuple's
            # A plain tuple's own fallback is `tuple[Any, ...]`: the items
            # join to the argument that `tuple[int, str]` is a `tuple[int | str, ...]` by.
            arguments = (
                tuple_fallback(proper).args
                if named.type.fullname == "builtins.tuple"
                else named.args
            )
            return proper.copy_modified(fallback=Instance(companion, list(arguments)))
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
        proxy = _synthesize(env, proper, proper.fallback)
        # mypy accepts an instance whose last known value is the literal
        # wherever the literal is expected (what `x = "a"` infers): so is
        # the proxy, as it compares equal to the literal at runtime.
        return proxy.copy_modified(last_known_value=proper) if proxy is not None else None
    if isinstance(proper, TypeType):
        return _class_object_proxy(env, proper)
    if isinstance(proper, CallableType):
        if proper.variables:
            return None
        class_object = get_proper_type(proper.ret_type) if proper.is_type_obj() else None
        if isinstance(class_object, Instance):
            # A class spelled as its constructor (a factory returning `Point`
            # the class is inferred as `def (...) -> Point`): the same proxy
            # as `Proxy[type[Point]]`, which prints, hence is keyed, alike.
            return _class_object_proxy(env, TypeType(class_object))
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


def _class_object_proxy(env: Env, target: TypeType) -> Instance | None:
    """``Proxy[type[X]]``: X's metaclass, called and read as X (class_objects.py)."""
    item = target.item
    if not isinstance(item, Instance) or item.args or is_proxy_info(item.type):
        return None  # a generic class's constructor would need its arguments
    metaclass = item.type.metaclass_type or env.named_type("builtins.type", [])
    proxy = _synthesize(env, target, metaclass)
    if proxy is not None and class_object_target(proxy.type) is not None:
        class_objects.add_class_object_members(
            proxy.type,
            env.named_type("builtins.function", []),
            env.named_type("builtins.str", []),
        )
    return proxy


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
    mapping = {var.id: own for var, own in zip(free_vars, own_vars, strict=True)}
    own_target: Type = expand_type(target, mapping)

    key = registry.class_key(env, own_target)
    existing = registry.existing_class(env, key)
    if existing is not None and not env.options.fine_grained_incremental:
        return Instance(existing, list(free_vars))

    own_base = expand_proper(target_base, mapping) if target_base is not None else None
    own_call = expand_proper(call, mapping) if call is not None else None
    if not (own_base is None or isinstance(own_base, Instance)):
        return None
    if not (own_call is None or isinstance(own_call, CallableType)):
        return None
    if existing is not None:  # only the daemon rebuilds a class (registry.onto_kept_classes)
        own_target, own_base, own_call = registry.onto_kept_classes(
            existing, own_target, own_base, own_call
        )

    info = proxy_class.build_class(env, key, own_target, own_base, own_vars)
    if info is None:
        return None
    if falls_back_to_any:
        info.fallback_to_any = True
    if own_call is not None:
        proxy_class.add_call(info, own_call, own_vars)
    kept = registry.keep(env, key, info, existing)
    if env.analysing and own_base is not None:
        # The target may still gain members; list them once analysis is over.
        env.run.after_analysis.append(
            functools.partial(proxy_class.complete_members, kept, own_base)
        )
    return Instance(kept, list(free_vars))
