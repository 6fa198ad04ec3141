"""Calls of functions generic over ``Proxy[T]``, ``ProxyOr[T]`` or ``Proxy[T] | T``.

Inside such a function, ``Proxy[T]`` is a synthesized class with the
members of T's bound (synthesis.py). mypy cannot solve T from that class:
it is a protocol that a proxy type matches only member by member, so a
proxy argument gives no constraint (T becomes ``Never``). And against
``Proxy[T] | T`` a proxy argument fits both items with different answers,
so mypy gives up there too, even for the plain ``Proxy``.

At the call site the hook here rewrites the callee's parameters: a proxy
of one of its type variables becomes the plain ``Proxy[T]`` (every proxy
type has ``Proxy[X]`` among its bases, so mypy solves ``T = X`` and checks
T's bound and constraints as it does for ``T`` itself), and ``Proxy[T] |
T`` loses its ``T`` where the argument is a proxy. The function's body and
its return type are untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from mypy.checker import TypeChecker
from mypy.nodes import Decorator, FuncBase, SymbolTableNode, TypeAlias, TypeInfo
from mypy.plugin import FunctionSigContext, MethodSigContext
from mypy.type_visitor import TypeTranslator
from mypy.types import (
    CallableType,
    Instance,
    Overloaded,
    Type,
    TypeAliasType,
    TypeVarId,
    TypeVarType,
    UnionType,
    get_proper_type,
)

from proxystore_mypy._compat import expression_type
from proxystore_mypy._fallback import guarded
from proxystore_mypy.env import RunState, checker_env
from proxystore_mypy.proxy_types import is_synthesized, proxy_target


def is_generic_over_proxies(
    fullname: str,
    lookup: Callable[[str], SymbolTableNode | None],
    run: RunState,
    *,
    remember: bool,
) -> bool:
    """Whether the callee ``fullname`` takes a proxy of one of its own type variables.

    Kept per callee outside the daemon (``remember``): a function's
    declaration never changes once analysed.
    """
    remembered = run.generic_over_proxies.get(fullname) if remember else None
    if remembered is not None:
        return remembered
    symbol = lookup(fullname)
    node = symbol.node if symbol is not None else None
    if isinstance(node, Decorator):
        node = node.func
    declared = node.type if isinstance(node, FuncBase) else None
    proper = get_proper_type(declared) if declared is not None else None
    # mypy asks the hook for each item of an overloaded callee.
    items = proper.items if isinstance(proper, Overloaded) else [proper]
    aliases = run.aliases_with_proxies if remember else None
    answer = any(
        isinstance(item, CallableType) and _takes_proxy_of_own_variable(item, aliases)
        for item in items
    )
    if remember and symbol is not None:
        run.generic_over_proxies[fullname] = answer
    return answer


def _default_signature(ctx: FunctionSigContext | MethodSigContext) -> CallableType:
    return ctx.default_signature


@guarded(_default_signature)
def solvable_signature_callback(
    ctx: FunctionSigContext | MethodSigContext, run: RunState
) -> CallableType:
    """The callee's signature with its proxies of type variables made solvable."""
    signature = ctx.default_signature
    env = checker_env(ctx.api, run)
    if env is None or not isinstance(ctx.api, TypeChecker):
        return signature
    if not signature.variables:
        return signature
    own = {var.id for var in signature.variables}
    plain = _PlainProxies(own, env.proxy_info)
    arg_types = []
    for formal, actuals in zip(signature.arg_types, ctx.args, strict=False):
        rewritten = formal.accept(plain)
        if len(actuals) == 1 and _has_variable_item(rewritten, own):
            # Looked at once more without its context: whatever it reports
            # then is reported again when mypy checks it in its context.
            with ctx.api.msg.filter_errors():
                argument = expression_type(ctx.api, actuals[0])
            if _is_proxy(argument):
                rewritten = _without_variable_items(rewritten, own)
        arg_types.append(rewritten)
    arg_types.extend(signature.arg_types[len(arg_types) :])
    return signature.copy_modified(arg_types=arg_types)


def _takes_proxy_of_own_variable(
    signature: CallableType, aliases: dict[TypeAlias, bool] | None
) -> bool:
    own = {var.id for var in signature.variables}
    if not own:
        return False
    finder = _PlainProxies(own, None, aliases)
    for formal in signature.arg_types:
        formal.accept(finder)
    return finder.found


def _is_proxy(argument: Type) -> bool:
    """Whether ``argument`` is a proxy type, or a union of proxy types only."""
    proper = get_proper_type(argument)
    items = proper.items if isinstance(proper, UnionType) else [proper]
    return all(proxy_target(item) is not None for item in items)


def _own_variable(target: Type | None, own: set[TypeVarId]) -> TypeVarType | None:
    proper = get_proper_type(target) if target is not None else None
    return proper if isinstance(proper, TypeVarType) and proper.id in own else None


def _has_variable_item(formal: Type, own: set[TypeVarId]) -> bool:
    proper = get_proper_type(formal)
    if not isinstance(proper, UnionType):
        return False
    items = [get_proper_type(item) for item in proper.items]
    return any(_own_variable(item, own) is not None for item in items) and any(
        _own_variable(proxy_target(item), own) is not None for item in items
    )


def _without_variable_items(formal: Type, own: set[TypeVarId]) -> Type:
    proper = get_proper_type(formal)
    assert isinstance(proper, UnionType)
    kept = [item for item in proper.items if _own_variable(item, own) is None]
    return UnionType.make_union(kept)


class _PlainProxies(TypeTranslator):
    """Replace a synthesized proxy of an own type variable by the plain ``Proxy[T]``.

    With no ``proxy_info``, only record whether there is one (``found``).
    """

    # A translator, not a query: mypy's compiled query classes cannot be
    # subclassed from Python.
    def __init__(
        self,
        own: set[TypeVarId],
        proxy_info: TypeInfo | None,
        aliases: dict[TypeAlias, bool] | None = None,
    ) -> None:
        super().__init__()
        self.own = own
        self.proxy_info = proxy_info
        # Outside the daemon, when only looking: by alias, whether its
        # definition holds a proxy class at all (most do not: numpy's array-like
        # unions), so that an alias is expanded only if it may matter.
        self.aliases = aliases
        self.found = False
        self.synthesized = False

    def visit_instance(self, t: Instance) -> Type:
        if is_synthesized(t.type):
            self.synthesized = True
            variable = _own_variable(proxy_target(t), self.own)
            if variable is not None:
                self.found = True
                if self.proxy_info is not None:
                    return Instance(self.proxy_info, [variable])
                return t
        return super().visit_instance(t)

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        # A user's alias (`MaybeProxy = Proxy[T] | T`) is looked through; a
        # recursive one is left alone, as expanding it would never end.
        if t.is_recursive:
            return t
        if self.aliases is not None and t.alias is not None:
            if not _holds_proxy_class(t.alias, self.aliases):
                return t
        return get_proper_type(t).accept(self)


def _holds_proxy_class(alias: TypeAlias, known: dict[TypeAlias, bool]) -> bool:
    """Whether ``alias``'s definition mentions a proxy class, looking through aliases."""
    answer = known.get(alias)
    if answer is None:
        finder = _PlainProxies(set(), None, known)
        known[alias] = True  # while looking: an alias that refers back to itself
        alias.target.accept(finder)
        answer = known[alias] = finder.synthesized
    return answer
