# Throwaway prototype for docs/consistency.md, "Design finding" (issue 7). Not used by the
# project; kept so the finding can be reproduced. Run with
#   python docs/prototypes/run_harness.py docs/prototypes/nested_proxy_class.py incremental,dmypy
# (the test project is docs/prototypes/project/app).
"""Prototype: one proxy class per target, nested in the target's own class, built at its definition.

Proxy[X] is the class X.__proxy_type__ (bases X and Proxy[X]), created by the
customize-class-MRO hook while X's module is analysed, so it is serialized
with X (cache-stable) and every module that spells Proxy[X] gets the same
TypeInfo (nominal comparison). Proxy[Sub] -> Proxy[Base] through _promote.
Limits of the prototype: only classes defined where proxystore.proxy is
already analysed get one (others keep the plain Proxy).
"""
from __future__ import annotations

from typing import Callable

from mypy.mro import MroError, calculate_mro
from mypy.nodes import MDEF, MypyFile, Block, ClassDef, SymbolTable, SymbolTableNode, TypeInfo
from mypy.plugin import AnalyzeTypeContext, ClassDefContext, FunctionContext, Plugin
from mypy.nodes import COVARIANT
from mypy.types import AnyType, Instance, Type, TypeOfAny, TypeVarId, TypeVarType, get_proper_type

PROXY = "proxystore.proxy.Proxy"
KEY = "__proxy_type__"


def _build(ctx: ClassDefContext) -> None:
    info = ctx.cls.info
    if info.fullname == PROXY or info.is_protocol or info.fullname.startswith("proxystore."):
        return
    sym = ctx.api.lookup_fully_qualified_or_none(PROXY)
    if sym is None or not isinstance(sym.node, TypeInfo) or not sym.node.mro:
        return
    proxy_info = sym.node
    tvars = [tv for tv in info.defn.type_vars if isinstance(tv, TypeVarType)]
    if len(tvars) != len(info.defn.type_vars):
        return
    target = Instance(info, list(tvars))
    # A last, phantom parameter takes the whole target: messages print
    # "Proxy[Foo]", and users of the type depend on <Foo> under the daemon.
    phantom = TypeVarType(
        "__Target", f"{info.fullname}.__Target", TypeVarId(len(tvars) + 1), [],
        ctx.api.named_type("builtins.object", []), AnyType(TypeOfAny.from_omitted_generics),
        variance=COVARIANT,
    )
    cdef = ClassDef("Proxy", Block([]))
    cdef.fullname = f"{info.fullname}.{KEY}"
    nested = TypeInfo(SymbolTable(), cdef, info.module_name)
    cdef.info = nested
    cdef.type_vars = [*tvars, phantom]
    nested.add_type_vars()
    nested.bases = [target, Instance(proxy_info, [target])]
    # Proxy[Sub] is a Proxy[Base]: promote to the base classes' proxy types.
    for base in info.bases:
        base_sym = base.type.names.get(KEY)
        if base_sym is not None and isinstance(base_sym.node, TypeInfo):
            nested._promote.append(Instance(base_sym.node, [*base.args, base]))
    try:
        calculate_mro(nested)
    except MroError:
        return
    nested.metaclass_type = nested.calculate_metaclass_type()
    info.names[KEY] = SymbolTableNode(MDEF, nested, plugin_generated=True)


def _heal(nested: TypeInfo, target_info: TypeInfo) -> None:
    """Under dmypy, astmerge keeps the old TypeInfo of the target but does not visit
    the nested class, whose base still names the discarded new one (identity
    checks in map_instance_to_supertype then fail and type arguments become Any)."""
    first, proxy_base = nested.bases[0], nested.bases[1]
    if first.type is not target_info:
        target = Instance(target_info, list(first.args))
        nested.bases = [target, Instance(proxy_base.type, [target])]
        calculate_mro(nested)


def proxy_of(target: Type, default: Type) -> Type:
    proper = get_proper_type(target)
    if isinstance(proper, Instance):
        sym = proper.type.names.get(KEY)
        if sym is not None and isinstance(sym.node, TypeInfo):
            _heal(sym.node, proper.type)
            return Instance(sym.node, [*proper.args, proper])
    return default


def _analyze(ctx: AnalyzeTypeContext) -> Type:
    if len(ctx.type.args) != 1:
        return ctx.api.named_type(PROXY, [])
    arg = ctx.api.analyze_type(ctx.type.args[0])
    return proxy_of(arg, ctx.api.named_type(PROXY, [arg]))


def _construct(ctx: FunctionContext) -> Type:
    ret = get_proper_type(ctx.default_return_type)
    if isinstance(ret, Instance) and ret.type.fullname == PROXY and len(ret.args) == 1:
        return proxy_of(ret.args[0], ret)
    return ctx.default_return_type


class NestedPlugin(Plugin):
    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        # Analyse proxystore.proxy before every user module, so that the
        # classes they define get their proxy class at definition.
        if file.is_stub or file.fullname.startswith("proxystore"):
            return []
        return [(10, "proxystore.proxy", -1)]

    def get_customize_class_mro_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return _build

    def get_type_analyze_hook(self, fullname: str) -> Callable[[AnalyzeTypeContext], Type] | None:
        return _analyze if fullname == PROXY else None

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        return _construct if fullname == PROXY else None


def plugin(version: str) -> type[Plugin]:
    return NestedPlugin
