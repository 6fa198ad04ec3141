"""Calls whose result is a proxy: ``Proxy(factory)``, ``unlock()``, generic functions.

mypy infers these results from declarations made on the plain ``Proxy``
class, or with type variables bound only at the call; the hooks here turn
each plain ``Proxy[X]`` in the result into the type that is both X and a
proxy.
"""

from __future__ import annotations

from typing import Final

from mypy.nodes import Decorator, FuncBase, OverloadedFuncDef, SymbolNode, TypeInfo, Var
from mypy.plugin import FunctionContext, MethodContext
from mypy.type_visitor import TypeTranslator
from mypy.types import Instance, Type, TypeAliasType, get_proper_type

from proxystore_mypy._compat import Env, checker_env, get_all_type_vars
from proxystore_mypy._names import PROXY
from proxystore_mypy._proxy_types import is_proxy_info, proxy_type
from proxystore_mypy.self_types import proxy_target


def proxy_result_callback(ctx: FunctionContext | MethodContext) -> Type:
    """Give a call that returns proxies the usable proxy types."""
    env = checker_env(ctx.api)
    if env is None:
        return ctx.default_return_type
    return ctx.default_return_type.accept(_UsableProxies(env))


def declares_proxy_result(node: SymbolNode | None) -> bool:
    """Whether a function, method or class may return a plain or generic proxy."""
    if isinstance(node, TypeInfo):
        return is_proxy_info(node) or any(is_proxy_info(base) for base in node.mro)
    if isinstance(node, Decorator):
        node = node.func
    if isinstance(node, (FuncBase, Var)) and node.type is not None:
        return _mentions_proxy(node.type)
    if isinstance(node, OverloadedFuncDef):
        return any(declares_proxy_result(item) for item in node.items)
    return False


# Declared types seen so far, by identity, with the answer. A type object is
# never mutated once analysed (the daemon replaces it), and the cache holds a
# reference to it, so an identity can never be reused for another type.
_MENTIONS_PROXY: dict[int, tuple[Type, bool]] = {}
_MENTIONS_PROXY_LIMIT: Final = 100_000


def _mentions_proxy(declared: Type) -> bool:
    # mypy asks for a function hook at every call site; the textual test
    # (Proxy's fullname, or the name of a synthesized class) is made once
    # per declared type.
    cached = _MENTIONS_PROXY.get(id(declared))
    if cached is not None and cached[0] is declared:
        return cached[1]
    text = str(declared)
    answer = PROXY in text or "Proxy[" in text
    if len(_MENTIONS_PROXY) >= _MENTIONS_PROXY_LIMIT:
        _MENTIONS_PROXY.clear()  # a long-lived daemon must not keep old types alive
    _MENTIONS_PROXY[id(declared)] = (declared, answer)
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
        target = _target_of(proper)
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


def _target_of(proxy: Instance) -> Type | None:
    """The target of a plain proxy, or of a synthesized one still generic."""
    if proxy.type.fullname != PROXY and not proxy.args:
        return None  # already a concrete proxy type
    return proxy_target(proxy)
