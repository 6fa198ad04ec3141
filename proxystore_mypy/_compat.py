"""Every difference between supported mypy releases, and nothing else.

The plugin reaches a little beyond mypy's public plugin interface (the module
being analysed, named types, the ``Proxy`` class itself). Those reaches live
here, so that a mypy upgrade touches one module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import re
from dataclasses import dataclass
from typing import Final

from mypy.checker import TypeChecker
from mypy.nodes import Expression, FuncItem, MypyFile, TypeInfo
from mypy.options import Options
from mypy.plugin import AnalyzeTypeContext, CheckerPluginInterface
from mypy.semanal import SemanticAnalyzer
from mypy.typeanal import TypeAnalyser
from mypy.typestate import type_state
from mypy.expandtype import expand_type
from mypy.type_visitor import TypeTranslator
from mypy.types import (
    CallableType,
    Instance,
    ParamSpecType,
    ProperType,
    Type,
    TypeAliasType,
    TypeVarId,
    TypeVarLikeType,
    TypeVarTupleType,
    TypeVarType,
    get_proper_type,
)

from proxystore_mypy._names import PROXY


# The oldest mypy release the plugin supports (pyproject's `mypy` extra and
# .ci/run's oldest-mypy stage say the same).
OLDEST_MYPY: Final = (1, 4)


def mypy_release(version: str) -> tuple[int, int]:
    """``(major, minor)`` of a mypy version string such as ``1.10.0+dev.abc``."""
    numbers = re.findall(r"\d+", version.split("+")[0])
    major, minor = (int(numbers[0]), int(numbers[1])) if len(numbers) >= 2 else (0, 0)
    return major, minor


@dataclass(frozen=True)
class Env:
    """What building a proxy type needs from whichever mypy phase runs."""

    module: MypyFile
    proxy_info: TypeInfo
    options: Options
    named_type: Callable[[str, list[Type]], Instance]
    # Type variables bound by the functions and classes being checked; other
    # variables in a call's result are still being inferred.
    scope_type_var_ids: frozenset[TypeVarId] = frozenset()
    # Semantic analysis is still going on: classes may gain members later.
    analysing: bool = False


def semanal_env(ctx: AnalyzeTypeContext) -> Env | None:
    """The environment of a type-analyze hook, or None outside a module."""
    analyser = ctx.api
    if not isinstance(analyser, TypeAnalyser):
        return None
    semanal = analyser.api
    if not isinstance(semanal, SemanticAnalyzer):
        return None
    module = getattr(semanal, "cur_mod_node", None)
    if not isinstance(module, MypyFile):
        return None
    symbol = semanal.lookup_fully_qualified_or_none(PROXY)
    if symbol is None or not isinstance(symbol.node, TypeInfo):
        return None

    def named_type(fullname: str, args: list[Type]) -> Instance:
        return semanal.named_type(fullname, args)

    return Env(module, symbol.node, semanal.options, named_type, analysing=True)


def checker_env(api: CheckerPluginInterface) -> Env | None:
    """The environment of a function or method hook, or None if unknown."""
    if not isinstance(api, TypeChecker):
        return None
    module = api.tree
    try:
        proxy_info = api.lookup_typeinfo(PROXY)
    except (KeyError, AssertionError):
        return None
    return Env(
        module, proxy_info, api.options, api.named_generic_type, _scope_type_var_ids(api)
    )


def _scope_type_var_ids(checker: TypeChecker) -> frozenset[TypeVarId]:
    ids: set[TypeVarId] = set()
    for entry in getattr(checker.scope, "stack", []):
        if isinstance(entry, FuncItem) and isinstance(entry.type, CallableType):
            ids.update(var.id for var in entry.type.variables)
        elif isinstance(entry, TypeInfo):
            ids.update(var.id for var in entry.defn.type_vars)
    return frozenset(ids)


try:
    from mypy.typeops import get_all_type_vars
except ImportError:  # mypy < 1.6 has only get_type_vars, which skips ParamSpecs

    class _TypeVarLikeCollector(TypeTranslator):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[TypeVarLikeType] = []

        def visit_type_var(self, t: TypeVarType) -> Type:
            self.found.append(t)
            return t

        def visit_param_spec(self, t: ParamSpecType) -> Type:
            self.found.append(t)
            return t

        def visit_type_var_tuple(self, t: TypeVarTupleType) -> Type:
            self.found.append(t)
            return t

        def visit_type_alias_type(self, t: TypeAliasType) -> Type:
            for arg in t.args:
                arg.accept(self)
            return t

    def get_all_type_vars(tp: Type) -> list[TypeVarLikeType]:  # type: ignore[misc, unused-ignore]
        """Every type variable, ParamSpec and TypeVarTuple in ``tp``."""
        collector = _TypeVarLikeCollector()
        tp.accept(collector)
        return collector.found


def expand_proper(typ: Type, mapping: Mapping[TypeVarId, Type]) -> ProperType:
    """``expand_type`` as a proper type: older mypy releases type it as ``Type``."""
    expanded: Type = expand_type(typ, mapping)
    return get_proper_type(expanded)


def record_target_dependencies(info: TypeInfo) -> None:
    """Make mypy's daemon re-check users of ``info`` when its target's members change.

    The daemon's fine-grained dependencies link a class to its bases only for
    classes written in source. It does link a class to the members of its
    bases that a protocol check compared, so the synthesized class is
    recorded as checked against itself (it is a protocol): every listed
    member of the target then triggers it.
    """
    type_state.record_protocol_subtype_check(info, info)


def expression_type(checker: TypeChecker, expression: Expression) -> Type:
    """The type of an expression being checked (``get_expression_type`` is mypy >= 1.5)."""
    get_expression_type = getattr(checker, "get_expression_type", None)
    if get_expression_type is not None:
        result: Type = get_expression_type(expression)
        return result
    return checker.expr_checker.accept(expression)


def current_module_id(ctx: AnalyzeTypeContext) -> str | None:
    """The module whose annotation is being analysed."""
    semanal = getattr(ctx.api, "api", None)
    module_id = getattr(semanal, "cur_mod_id", None)
    return module_id if isinstance(module_id, str) else None


__all__ = [
    "OLDEST_MYPY",
    "mypy_release",
    "Env",
    "checker_env",
    "current_module_id",
    "expand_proper",
    "expression_type",
    "record_target_dependencies",
    "get_all_type_vars",
    "semanal_env",
]
