"""The plugin class: it only dispatches, by fullname, to the feature modules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, final

from mypy.nodes import MypyFile, TypeInfo, Var
from mypy.options import Options
from mypy.plugins.default import DefaultPlugin
from mypy.plugin import (
    AnalyzeTypeContext,
    AttributeContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import CallableType, FunctionLike, Type

from proxystore_mypy import (
    call_results,
    forwarded_hooks,
    inplace,
    proxy_api,
    self_types,
    type_annotations,
)
from proxystore_mypy._fallback import guarded
from proxystore_mypy._proxy_types import relist_members_after_analysis
from proxystore_mypy._names import INPLACE_OPERATORS, PROXY, PROXY_API_FUNCTIONS, PROXY_OR
from proxystore_mypy._version import CACHE_KEY


def _default_return(ctx: FunctionContext | MethodContext) -> Type:
    return ctx.default_return_type


def _default_method_return(ctx: MethodContext) -> Type:
    return ctx.default_return_type


def _default_signature(ctx: MethodSigContext) -> FunctionLike:
    return ctx.default_signature


def _default_function_signature(ctx: FunctionSigContext) -> CallableType:
    return ctx.default_signature


def _default_attribute(ctx: AttributeContext) -> Type:
    return ctx.default_attr_type


_TYPE_ANALYZE_HOOKS: dict[str, Callable[[AnalyzeTypeContext], Type]] = {
    PROXY: guarded(type_annotations.unanalyzed_default)(type_annotations.analyze_proxy_callback),
    PROXY_OR: guarded(type_annotations.unanalyzed_default)(type_annotations.analyze_proxy_or_callback),
}
_PROXY_RESULT_HOOK = guarded(_default_return)(call_results.proxy_result_callback)
_KEEP_PROXY_HOOK = guarded(_default_method_return)(inplace.keep_proxy_callback)
_REBIND_SIGNATURE_HOOK = guarded(_default_signature)(self_types.rebind_signature_callback)
_UNION_OF_PROXIES_HOOK = guarded(_default_function_signature)(
    proxy_api.union_of_proxies_callback
)
_REBIND_RESULT_HOOK = guarded(_default_method_return)(self_types.rebind_result_callback)
_REBIND_ATTRIBUTE_HOOK = guarded(_default_attribute)(self_types.rebind_attribute_callback)


@final
class ProxystorePlugin(Plugin):
    """Makes ``Proxy[T]`` type-check as ``T`` while keeping the proxy API."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        # mypy's own hooks for a target's members (TypedDict `get`, literal
        # `int.__pow__`, ...) are keyed by the target's name; members looked
        # up on a proxy are named after the synthesized class instead, so
        # those hooks are asked under the target's name (forwarded_hooks.py).
        self._target_plugin = DefaultPlugin(options)
        # By callee fullname: whether it may return a proxy.
        self._declares_proxy: dict[str, bool] = {}

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        super().set_modules(modules)
        self._target_plugin.set_modules(modules)

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        # A new plugin version invalidates every cached module.
        return {"proxystore_mypy": CACHE_KEY}

    def get_type_analyze_hook(self, fullname: str) -> Callable[[AnalyzeTypeContext], Type] | None:
        return _TYPE_ANALYZE_HOOKS.get(fullname)

    def get_function_signature_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext], FunctionLike] | None:
        relist_members_after_analysis()
        return _UNION_OF_PROXIES_HOOK if fullname in PROXY_API_FUNCTIONS else None

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        relist_members_after_analysis()
        return self._proxy_result_hook(fullname)

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        relist_members_after_analysis()
        target_name = self._target_member_fullname(fullname)
        if target_name is not None:
            if fullname.rpartition(".")[2] in INPLACE_OPERATORS:
                return _KEEP_PROXY_HOOK
            target_hook = self._target_plugin.get_method_hook(target_name)
            if not self._binds_self(fullname):
                return target_hook
            # Reflected operators (`"x" / path`) reach only this hook, not the
            # signature hook: rebind the result here too.
            if target_hook is None:
                return _REBIND_RESULT_HOOK
            return guarded(_default_method_return)(
                forwarded_hooks.result_then(_REBIND_RESULT_HOOK, target_hook)
            )
        return self._proxy_result_hook(fullname)

    def get_method_signature_hook(
        self, fullname: str
    ) -> Callable[[MethodSigContext], FunctionLike] | None:
        relist_members_after_analysis()
        target_name = self._target_member_fullname(fullname)
        if target_name is None:
            return None
        rebind = self._binds_self(fullname)
        target_hook = self._target_plugin.get_method_signature_hook(target_name)
        if target_hook is None:
            return _REBIND_SIGNATURE_HOOK if rebind else None
        if not rebind:
            return target_hook
        return guarded(_default_signature)(
            forwarded_hooks.signature_then(_REBIND_SIGNATURE_HOOK, target_hook)
        )

    def get_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        relist_members_after_analysis()
        target_name = self._target_member_fullname(fullname)
        if target_name is None:
            default_hook = self._target_plugin.get_attribute_hook(fullname)
            if default_hook is None:
                return None
            return guarded(_default_attribute)(forwarded_hooks.attribute_on_target(default_hook))
        target_hook = self._target_plugin.get_attribute_hook(target_name)
        if target_hook is None:
            return _REBIND_ATTRIBUTE_HOOK
        return guarded(_default_attribute)(
            forwarded_hooks.attribute_then(_REBIND_ATTRIBUTE_HOOK, target_hook)
        )

    def _binds_self(self, fullname: str) -> bool:
        """Whether a member of a synthesized proxy binds ``self`` in its declaration."""
        owner_name, _, member = fullname.rpartition(".")
        owner = self.lookup_fully_qualified(owner_name)
        return (
            owner is not None
            and isinstance(owner.node, TypeInfo)
            and self_types.binds_self(owner.node, member)
        )

    def _target_member_fullname(self, fullname: str) -> str | None:
        """For a member looked up on a synthesized proxy, its name on the target."""
        if "-redef" not in fullname:  # cheap test first: this runs for every member
            return None
        owner_name, _, member = fullname.rpartition(".")
        owner = self.lookup_fully_qualified(owner_name)
        if owner is None or not isinstance(owner.node, TypeInfo):
            return None
        if not self_types.synthesized_owner(owner.node):
            return None
        return self_types.target_member_fullname(owner.node, member) or fullname

    def _proxy_result_hook(
        self, fullname: str
    ) -> Callable[[FunctionContext | MethodContext], Type] | None:
        daemon = self.options.fine_grained_incremental
        declares = None if daemon else self._declares_proxy.get(fullname)
        if declares is None:
            # Asked at every call site; outside the daemon a callee's
            # declaration never changes once analysed, so answer once.
            symbol = self.lookup_fully_qualified(fullname)
            declares = symbol is not None and call_results.declares_proxy_result(symbol.node)
            # A variable's type may still be inferred later in the run.
            if not daemon and symbol is not None and not isinstance(symbol.node, Var):
                self._declares_proxy[fullname] = declares
        return _PROXY_RESULT_HOOK if declares else None
