"""Annotations: ``Proxy[X]`` and ``ProxyOr[X]`` written in a type position."""

from __future__ import annotations

from mypy.errorcodes import TYPE_ARG
from mypy.plugin import AnalyzeTypeContext
from mypy.semanal_shared import has_placeholder
from mypy.types import (
    AnyType,
    Instance,
    Type,
    TypeOfAny,
    UnionType,
)

from proxystore_mypy._compat import Env, current_module_id, semanal_env
from proxystore_mypy._names import PLAIN_PROXY_MODULES
from proxystore_mypy._proxy_types import proxy_type


def analyze_proxy_callback(ctx: AnalyzeTypeContext) -> Type:
    """Turn an annotation ``Proxy[X]`` into a type that is both X and Proxy[X]."""
    env = semanal_env(ctx)
    target = _single_argument(ctx, "Proxy")
    if env is None:
        return AnyType(TypeOfAny.from_error)
    plain = Instance(env.proxy_info, [target])
    if current_module_id(ctx) in PLAIN_PROXY_MODULES or _incomplete(target):
        # The runtime package declares its API on the plain class; an
        # incomplete target (a class defined later) is analysed again.
        return plain
    return proxy_type(target, env) or plain


def analyze_proxy_or_callback(ctx: AnalyzeTypeContext) -> Type:
    """Turn ``ProxyOr[X]`` into ``Proxy[X] | X`` with the proxy made usable."""
    env = semanal_env(ctx)
    target = _single_argument(ctx, "ProxyOr")
    if env is None:
        return AnyType(TypeOfAny.from_error)
    plain: Type = Instance(env.proxy_info, [target])
    if not _incomplete(target) and current_module_id(ctx) not in PLAIN_PROXY_MODULES:
        plain = proxy_type(target, env) or plain
    return UnionType.make_union([plain, target])


def unanalyzed_default(ctx: AnalyzeTypeContext) -> Type:
    """What an annotation falls back to when a hook fails: the plain proxy or Any."""
    env = semanal_env(ctx)
    if env is None or len(ctx.type.args) != 1:
        return AnyType(TypeOfAny.from_error)
    return Instance(env.proxy_info, [ctx.api.analyze_type(ctx.type.args[0])])


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
        ctx.api.fail(f'Missing type parameters for generic type "{name}"', ctx.context, code=TYPE_ARG)
    return AnyType(TypeOfAny.from_omitted_generics)


def _incomplete(target: Type) -> bool:
    return has_placeholder(target)


__all__ = ["Env", "analyze_proxy_callback", "analyze_proxy_or_callback", "unanalyzed_default"]
