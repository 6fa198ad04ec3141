"""Annotations: ``Proxy[X]`` and ``ProxyOr[X]`` written in a type position."""

from __future__ import annotations

from mypy.errorcodes import TYPE_ARG
from mypy.nodes import ClassDef, NameExpr
from mypy.plugin import AnalyzeTypeContext
from mypy.semanal_shared import has_placeholder
from mypy.type_visitor import TypeTranslator
from mypy.types import (
    AnyType,
    Instance,
    TupleType,
    Type,
    TypeAliasType,
    TypeOfAny,
    UnionType,
    get_proper_type,
)

from proxystore_mypy._compat import enum_members
from proxystore_mypy._fallback import guarded
from proxystore_mypy._names import PLAIN_PROXY_MODULES
from proxystore_mypy.env import RunState, analysed_proxy_info, current_module_id, semanal_env
from proxystore_mypy.synthesis import proxy_type


def unanalyzed_default(ctx: AnalyzeTypeContext) -> Type:
    """What an annotation falls back to when a hook fails: the plain proxy or Any."""
    proxy_info = analysed_proxy_info(ctx)
    if proxy_info is None or len(ctx.type.args) != 1:
        return AnyType(TypeOfAny.from_error)
    return Instance(proxy_info, [ctx.api.analyze_type(ctx.type.args[0])])


@guarded(unanalyzed_default)
def analyze_proxy_callback(ctx: AnalyzeTypeContext, run: RunState) -> Type:
    """Turn an annotation ``Proxy[X]`` into a type that is both X and Proxy[X]."""
    annotation = _proxy_annotation(ctx, run, "Proxy")
    return annotation[1] if annotation is not None else AnyType(TypeOfAny.from_error)


@guarded(unanalyzed_default)
def analyze_proxy_or_callback(ctx: AnalyzeTypeContext, run: RunState) -> Type:
    """Turn ``ProxyOr[X]`` into ``Proxy[X] | X`` with the proxy made usable."""
    annotation = _proxy_annotation(ctx, run, "ProxyOr")
    if annotation is None:
        return AnyType(TypeOfAny.from_error)
    target, proxy = annotation
    return UnionType.make_union([proxy, target])


def _proxy_annotation(
    ctx: AnalyzeTypeContext, run: RunState, name: str
) -> tuple[Type, Type] | None:
    """The target of an annotation ``name[X]`` and the type its proxy gets there.

    None outside a module (the annotation is then ``Any``).
    """
    env = semanal_env(ctx, run)
    target = _single_argument(ctx, name)
    if env is None:
        return None
    plain = Instance(env.proxy_info, [target])
    if current_module_id(ctx) in PLAIN_PROXY_MODULES or _incomplete(target):
        # The runtime package declares its API on the plain class; an
        # incomplete target (a class defined later) is analysed again.
        return target, plain
    if _inside_recursive_alias(ctx, target):
        return target, plain
    in_bases = _in_class_bases(ctx)
    if in_bases and not _subclassable(target):
        # `class BoolProxy(Proxy[bool])` is fine at runtime (bool is not a
        # base); a synthesized base would make it a subclass of a final
        # class, a populated Enum or a TypedDict, which mypy rejects.
        return target, plain
    return target, proxy_type(target, env, as_base=in_bases) or plain


def _single_argument(ctx: AnalyzeTypeContext, name: str) -> Type:
    args = ctx.type.args
    if len(args) == 1:
        return ctx.api.analyze_type(args[0])
    if args:
        ctx.api.fail(
            f'"{name}" expects 1 type argument, but {len(args)} given', ctx.context, code=TYPE_ARG
        )
        return AnyType(TypeOfAny.from_error)
    options = getattr(getattr(ctx.api, "api", None), "options", None)
    if options is not None and options.disallow_any_generics:
        ctx.api.fail(
            f'Missing type parameters for generic type "{name}"', ctx.context, code=TYPE_ARG
        )
    return AnyType(TypeOfAny.from_omitted_generics)


def _in_class_bases(ctx: AnalyzeTypeContext) -> bool:
    """Whether the annotation is a base of the class statement being analysed."""
    statement = getattr(getattr(ctx.api, "api", None), "statement", None)
    if not isinstance(statement, ClassDef):
        return False
    # The statement is also the class while its body's annotations are
    # analysed (a NamedTuple's fields): only a base sits where a base was written.
    written = (ctx.type.line, ctx.type.column)
    return any(
        (base.line, base.column) == written
        for base in [*statement.base_type_exprs, *statement.removed_base_type_exprs]
    )


def _subclassable(target: Type) -> bool:
    proper = get_proper_type(target)
    if isinstance(proper, TupleType):
        return True  # a tuple or NamedTuple: subclassing one is fine
    if not isinstance(proper, Instance):
        return False
    info = proper.type
    populated_enum = info.is_enum and bool(enum_members(info))
    return not (info.is_final or info.typeddict_type is not None or populated_enum)


def _incomplete(target: Type) -> bool:
    return has_placeholder(target)


def _inside_recursive_alias(ctx: AnalyzeTypeContext, target: Type) -> bool:
    """Whether ``Proxy[target]`` is part of a type alias that refers to itself.

    mypy settles a recursive alias by analysing its definition again until
    the result stops changing. A synthesized class there would embed the
    alias's previous expansion in its own target, so the result would grow
    on every pass and never settle ("maximum semantic analysis iteration
    count reached"). Such a proxy keeps the plain class: a known limit.
    """
    if not getattr(ctx.api, "defining_alias", False):
        return False
    defined = _names_defined_by_statement(ctx)
    return bool(defined & _aliases_mentioned(target))


def _names_defined_by_statement(ctx: AnalyzeTypeContext) -> set[str]:
    """The short names the alias statement being analysed defines."""
    statement = getattr(getattr(ctx.api, "api", None), "statement", None)
    names: set[str] = set()
    for lvalue in getattr(statement, "lvalues", []):  # X: TypeAlias = ...
        if isinstance(lvalue, NameExpr):
            names.add(lvalue.name)
    name = getattr(statement, "name", None)  # type X = ... (Python 3.12)
    if isinstance(name, NameExpr):
        names.add(name.name)
    return names


def _aliases_mentioned(target: Type) -> set[str]:
    finder = _AliasFinder()
    target.accept(finder)
    return finder.names


class _AliasFinder(TypeTranslator):
    # A translator, not a query: mypy's compiled query classes cannot be
    # subclassed from Python, and TypeQuery's constructor differs by release.
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        if t.alias is not None:
            self.names.add(t.alias.name)
        return t


__all__ = ["analyze_proxy_callback", "analyze_proxy_or_callback", "unanalyzed_default"]
