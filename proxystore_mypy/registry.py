"""Where synthesized classes are kept: one per ``Proxy[X]`` spelling, in the spelling module.

A synthesized class lives in the symbol table of the module that spelled
``Proxy[X]``, under a key that is also the last part of its fullname, so
that it is serialized with that module's cache and found again by mypy's
cache fixup (which resolves a class by its fullname). Under mypy's daemon a
module's top level is stripped before it is re-checked, while types elsewhere
still refer to the class it held: the run's ``daemon_classes`` keeps it, and
a rebuilt class hands its content to the one that is referred to.
"""

from __future__ import annotations

import itertools

from mypy.messages import format_type_bare
from mypy.nodes import GDEF, FuncDef, SymbolTableNode, TypeInfo, Var
from mypy.subtypes import is_same_type
from mypy.type_visitor import TypeTranslator
from mypy.types import CallableType, Instance, Type, TypeAliasType, get_proper_type
from mypy.typestate import type_state

from proxystore_mypy._names import REDEF_SUFFIX
from proxystore_mypy.env import Env
from proxystore_mypy.proxy_types import declared_target


def class_key(env: Env, own_target: Type) -> str:
    """The module-level key of the class for ``own_target``: its own, or a free one.

    The key is also the last part of the class's fullname, which is what
    ``reveal_type`` prints and what mypy's cache splits on dots to find the
    module: so it reads like the annotation and has no dots. The suffix is
    ``REDEF_SUFFIX`` (see _names.py). Two targets that print alike (``Foo``
    from two modules) get numbered keys.
    """
    readable = format_type_bare(own_target, env.options).replace(".", ":")
    for number in itertools.count(1):
        suffix = "" if number == 1 else f"~{number}"
        key = f"Proxy[{readable}]{suffix}{REDEF_SUFFIX}"
        existing = env.module.names.get(key)
        if existing is None:
            return key
        if isinstance(existing.node, TypeInfo):
            target = declared_target(existing.node)
            if target is not None and _same_target(target, own_target):
                return key
    raise AssertionError("unreachable")


def _same_target(kept: Type, wanted: Type) -> bool:
    """Whether a kept class's target is the target wanted now.

    By name too: mypy's daemon re-creates a local class (``f.Foo@3``) when it
    re-checks its function, and the class kept for the old one must be
    refreshed, not joined by one more class on every run.
    """
    return is_same_type(kept, wanted) or str(kept) == str(wanted)


def existing_class(env: Env, key: str) -> TypeInfo | None:
    """The class already kept under ``key`` in the current module, if any.

    Under the daemon this also finds the class a stripped module held, and
    puts it back in the module's symbol table.
    """
    symbol = env.module.names.get(key)
    if symbol is not None:
        return symbol.node if isinstance(symbol.node, TypeInfo) else None
    if not env.options.fine_grained_incremental:
        return None
    previous = env.run.daemon_classes.get((env.module.fullname, key))
    if previous is not None:
        env.module.names[key] = _module_symbol(previous)
    return previous


def keep(env: Env, key: str, fresh: TypeInfo, existing: TypeInfo | None) -> TypeInfo:
    """Keep ``fresh`` under ``key``; the class that other types refer to is returned.

    Only the daemon rebuilds a class that exists (it re-checks this code
    because the target may have changed): the existing class takes the
    freshly listed members and stays the one kept.
    """
    if existing is not None:
        _take_state(existing, fresh)
        kept = existing
    else:
        env.module.names[key] = _module_symbol(fresh)
        kept = fresh
    if env.options.fine_grained_incremental:
        _record_target_dependencies(kept)
        env.run.daemon_classes[env.module.fullname, key] = kept
    return kept


def onto_kept_classes(
    existing: TypeInfo, target: Type, base: Instance | None, call: CallableType | None
) -> tuple[Type, Instance | None, CallableType | None]:
    """The parts of a rebuilt class, each class in them replaced by the one ``existing`` uses.

    The daemon analyses an edited module into new class objects, then merges
    each into the old object of the same name, which stays the one every
    other reference uses; references from a synthesized class are not
    merged (it is not in the module's syntax tree). A class rebuilt during
    that analysis therefore refers to the old objects from the start: else
    its target's members, bound to the old class, would not map onto its
    base and lose their type arguments (``Any``).
    """
    kept = _ClassesByName()
    kept.add_all(existing)
    onto_kept = _OntoKept(kept.classes)
    kept_base = get_proper_type(base.accept(onto_kept)) if base is not None else None
    kept_call = get_proper_type(call.accept(onto_kept)) if call is not None else None
    return (
        target.accept(onto_kept),
        kept_base if isinstance(kept_base, Instance) else base,
        kept_call if isinstance(kept_call, CallableType) else call,
    )


def _module_symbol(info: TypeInfo) -> SymbolTableNode:
    return SymbolTableNode(
        GDEF, info, module_public=False, module_hidden=True, plugin_generated=True
    )


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
    existing.metadata = fresh.metadata
    # Subtype checks cached against the old members no longer hold.
    type_state.reset_all_subtype_caches_for(existing)


def _record_target_dependencies(info: TypeInfo) -> None:
    """Make mypy's daemon re-check users of ``info`` when its target's members change.

    The daemon's fine-grained dependencies link a class to its bases only for
    classes written in source. It does link a class to the members of its
    bases that a protocol check compared, so the synthesized class is
    recorded as checked against itself (it is a protocol): every listed
    member of the target then triggers it.
    """
    type_state.record_protocol_subtype_check(info, info)


class _ClassesByName(TypeTranslator):
    """Collects the classes a synthesized class refers to (MRO and target), by fullname."""

    def __init__(self) -> None:
        super().__init__()
        self.classes: dict[str, TypeInfo] = {}

    def add_all(self, info: TypeInfo) -> None:
        for base in info.mro:
            self.classes.setdefault(base.fullname, base)
        target = declared_target(info)
        if target is not None:
            target.accept(self)

    def visit_instance(self, t: Instance) -> Type:
        self.classes.setdefault(t.type.fullname, t.type)
        return super().visit_instance(t)

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        return t


class _OntoKept(TypeTranslator):
    def __init__(self, classes: dict[str, TypeInfo]) -> None:
        super().__init__()
        self.classes = classes

    def visit_instance(self, t: Instance) -> Type:
        translated = get_proper_type(super().visit_instance(t))
        kept = self.classes.get(t.type.fullname)
        if kept is None or kept is t.type or not isinstance(translated, Instance):
            return translated
        return Instance(
            kept, translated.args, t.line, t.column, last_known_value=translated.last_known_value
        )

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        return t
