"""The plugin class: it only dispatches, by fullname, to the feature modules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, final

from mypy.plugin import (
    AnalyzeTypeContext,
    FunctionContext,
    MethodContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import Type

from proxystore_mypy import call_results, type_annotations
from proxystore_mypy._fallback import guarded
from proxystore_mypy._names import PROXY, PROXY_OR
from proxystore_mypy._version import PLUGIN_VERSION


def _default_return(ctx: FunctionContext | MethodContext) -> Type:
    return ctx.default_return_type


_TYPE_ANALYZE_HOOKS: dict[str, Callable[[AnalyzeTypeContext], Type]] = {
    PROXY: guarded(type_annotations.unanalyzed_default)(type_annotations.analyze_proxy_callback),
    PROXY_OR: guarded(type_annotations.unanalyzed_default)(type_annotations.analyze_proxy_or_callback),
}
_PROXY_RESULT_HOOK = guarded(_default_return)(call_results.proxy_result_callback)


@final
class ProxystorePlugin(Plugin):
    """Makes ``Proxy[T]`` type-check as ``T`` while keeping the proxy API."""

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        # A new plugin version invalidates every cached module.
        return {"proxystore_mypy": PLUGIN_VERSION}

    def get_type_analyze_hook(self, fullname: str) -> Callable[[AnalyzeTypeContext], Type] | None:
        return _TYPE_ANALYZE_HOOKS.get(fullname)

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        return self._proxy_result_hook(fullname)

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        return self._proxy_result_hook(fullname)

    def _proxy_result_hook(
        self, fullname: str
    ) -> Callable[[FunctionContext | MethodContext], Type] | None:
        symbol = self.lookup_fully_qualified(fullname)
        if symbol is None or not call_results.declares_proxy_result(symbol.node):
            return None
        return _PROXY_RESULT_HOOK
