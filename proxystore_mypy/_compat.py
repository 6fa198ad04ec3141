"""Every difference between supported mypy releases, and nothing else.

A mypy upgrade that changes a helper's name or signature touches this module
only; each shim says which releases need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mypy.checker import TypeChecker
from mypy.checkmember import analyze_member_access
from mypy.expandtype import expand_type
from mypy.nodes import Context, Expression, TypeInfo, Var
from mypy.type_visitor import TypeTranslator
from mypy.types import (
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


def expression_type(checker: TypeChecker, expression: Expression) -> Type:
    """The type of an expression being checked (``get_expression_type`` is mypy >= 1.5)."""
    get_expression_type = getattr(checker, "get_expression_type", None)
    if get_expression_type is not None:
        result: Type = get_expression_type(expression)
        return result
    return checker.expr_checker.accept(expression)


def class_member_type(
    checker: TypeChecker, name: str, class_object: Type, context: Context
) -> Type:
    """The type of ``name`` read on ``class_object`` (a ``type[X]``), as mypy checks ``X.name``.

    ``analyze_member_access`` took the message builder as ``msg`` until mypy 1.16.
    """
    arguments: dict[str, Any] = {
        "is_lvalue": False,
        "is_super": False,
        "is_operator": False,
        "original_type": class_object,
        "chk": checker,
    }
    member_access: Any = analyze_member_access
    try:
        result: Type = member_access(name, class_object, context, **arguments)
    except TypeError:
        result = member_access(name, class_object, context, msg=checker.msg, **arguments)
    return result


def constructor_type(checker: TypeChecker, info: TypeInfo) -> ProperType:
    """The signature of calling the class ``info`` (``type_object_type``).

    ``type_object_type`` moved from mypy.checkmember to mypy.typeops in mypy 1.16.
    """
    try:
        from mypy.typeops import type_object_type
    except ImportError:  # mypy < 1.16
        from mypy.checkmember import type_object_type  # type: ignore[attr-defined, no-redef, unused-ignore]
    return type_object_type(info, lambda name: checker.named_type(name))


def enum_members(info: TypeInfo) -> list[str]:
    """The names of an Enum's members (``TypeInfo.enum_members`` is mypy >= 1.14).

    Older releases get the common case: attributes assigned a value in the
    class body, not private or special.
    """
    members = getattr(info, "enum_members", None)
    if isinstance(members, list):
        return [name for name in members if isinstance(name, str)]
    return [
        name
        for name, symbol in info.names.items()
        if isinstance(symbol.node, Var)
        and symbol.node.has_explicit_value
        and not name.startswith("_")
    ]


__all__ = [
    "class_member_type",
    "constructor_type",
    "enum_members",
    "expand_proper",
    "expression_type",
    "get_all_type_vars",
]
