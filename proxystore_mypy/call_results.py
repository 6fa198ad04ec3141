"""Calls whose result is a proxy: ``Proxy(factory)``, ``unlock()``, generic functions.

mypy infers these results from declarations made on the plain ``Proxy``
class, or with type variables bound only at the call; the callback here
turns each plain ``Proxy[X]`` in the result into the type that is both X and
a proxy. ``may_return_proxy`` answers, per callee, whether to ask it at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from mypy.nodes import (
    Decorator,
    FuncBase,
    OverloadedFuncDef,
    SymbolNode,
    SymbolTableNode,
    TypeInfo,
    Var,
)
from mypy.plugin import FunctionContext, MethodContext
from mypy.type_visitor import TypeTranslator
from mypy.types import (
    CallableType,
    Instance,
    Overloaded,
    Type,
    TypeAliasType,
    get_proper_type,
)

from proxystore_mypy._compat import get_all_type_vars
from proxystore_mypy._fallback import MethodHook, default_return, guarded
from proxystore_mypy._names import PROXY
from proxystore_mypy.env import Env, RunState, checker_env
from proxystore_mypy.proxy_types import is_proxy_info, proxy_target
from proxystore_mypy.synthesis import proxy_type

# A long-lived daemon must not keep every declared type it ever saw alive.
_MENTIONS_PROXY_LIMIT: Final = 100_000


@guarded(default_return)
def proxy_result_callback(ctx: FunctionContext | MethodContext, run: RunState) -> Type:
    """Give a call that returns proxies the usable proxy types."""
    env = checker_env(ctx.api, run)
    if env is None:
        return ctx.default_return_type
    return ctx.default_return_type.accept(_UsableProxies(env))


def may_return_proxy(
    fullname: str,
    lookup: Callable[[str], SymbolTableNode | None],
    run: RunState,
    *,
    remember: bool,
) -> bool:
    """Whether the callee ``fullname`` is declared to return a plain or generic proxy.

    mypy asks at every call site. Outside the daemon (``remember``) a
    callee's declaration never changes once analysed, so the answer is kept
    per callee, except for variables, whose type may still be inferred.
    """
    remembered = run.declares_proxy.get(fullname) if remember else None
    if remembered is not None:
        return remembered
    symbol = lookup(fullname)
    answer = symbol is not None and _declares_proxy_result(symbol.node, run)
    if remember and symbol is not None and not isinstance(symbol.node, Var):
        run.declares_proxy[fullname] = answer
    return answer


def _declares_proxy_result(node: SymbolNode | None, run: RunState) -> bool:
    """Whether a function, method or class may return a plain or generic proxy."""
    if isinstance(node, TypeInfo):
        return is_proxy_info(node) or any(is_proxy_info(base) for base in node.mro)
    if isinstance(node, Decorator):
        node = node.func
    if isinstance(node, (FuncBase, Var)) and node.type is not None:
        return any(_mentions_proxy(result, run) for result in _results(node.type))
    if isinstance(node, OverloadedFuncDef):
        return any(_declares_proxy_result(item, run) for item in node.items)
    return False


def _results(declared: Type) -> list[Type]:
    """What calling a value of type ``declared`` may return, as declared.

    Only a result is rewritten (``proxy_result_callback``), and a result is
    much shorter than a whole signature (numpy's overloads) to test.
    """
    proper = get_proper_type(declared)
    if isinstance(proper, CallableType):
        return [proper.ret_type]
    if isinstance(proper, Overloaded):
        return [item.ret_type for item in proper.items]
    return [declared]  # a callable object, or a class: its whole type


def _mentions_proxy(declared: Type, run: RunState) -> bool:
    """The textual test (Proxy's fullname, or a synthesized class's name), once per type.

    Types are remembered by identity, with the type itself: a type object is
    never mutated once analysed (the daemon replaces it), and holding it
    means its identity cannot be reused for another type.
    """
    cached = run.mentions_proxy.get(id(declared))
    if cached is not None and cached[0] is declared:
        return cached[1]
    text = str(declared)
    answer = PROXY in text or "Proxy[" in text
    if len(run.mentions_proxy) >= _MENTIONS_PROXY_LIMIT:
        run.mentions_proxy.clear()
    run.mentions_proxy[id(declared)] = (declared, answer)
    return answer


class _UsableProxies(TypeTranslator):
    """Replace each plain or generic proxy by the proxy of its (now known) target."""

    def __init__(self, env: Env) -> None:
        super().__init__()
        self.env = env

    def visit_instance(self, t: Instance) -> Type:
        translated = super().visit_instance(t)
        proper = get_proper_type(translated)
        if not isinstance(proper, Instance) or not is_proxy_info(proper.type):
            return translated
        if proper.type.fullname != PROXY and not proper.args:
            return translated  # already a concrete proxy type
        target = proxy_target(proper)
        if target is None:
            return translated
        if any(var.id not in self.env.scope_type_var_ids for var in get_all_type_vars(target)):
            # Variables still being inferred (an inner call in an argument of
            # a generic call): leave the proxy to the outer call's inference.
            return translated
        return proxy_type(target, self.env) or translated

    def visit_type_alias_type(self, t: TypeAliasType) -> Type:
        # Aliases stay as written; their targets were analysed where defined.
        return t


def then_usable_proxies(hook: MethodHook | None, run: RunState) -> MethodHook:
    """``hook`` (or mypy's answer), then the proxies in its result made usable."""

    def composed(ctx: MethodContext) -> Type:
        result = hook(ctx) if hook is not None else ctx.default_return_type
        return proxy_result_callback(ctx._replace(default_return_type=result), run)

    return composed
