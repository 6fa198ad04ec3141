"""The plugin class: tables of fullname to callback, and nothing else.

Asking for a hook has no side effects: each ``get_*_hook`` looks the
fullname up and returns a callback bound once, when the plugin was made,
to the plugin's ``RunState``. While work that analysis left for later is
pending, a request with no callback of its own gets one that does that work
(``ForwardedHooks.finishing_*``): it runs when mypy runs the hook. The
callbacks live in the feature modules, each guarded where it is defined
(_fallback.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Protocol, TypeVar, final

from mypy.nodes import MypyFile, SymbolTableNode
from mypy.options import Options
from mypy.plugin import (
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import CallableType, Type

from proxystore_mypy import _fallback as hooks
from proxystore_mypy import (
    call_results,
    class_objects,
    companions,
    generic_calls,
    inplace,
    proxy_api,
    self_types,
    type_annotations,
)
from proxystore_mypy._fallback import Callback, HookContext, bind
from proxystore_mypy._names import (
    INPLACE_OPERATORS,
    NAMED_TUPLE_BASES,
    PROXY,
    PROXY_API_FUNCTIONS,
    PROXY_MODULE,
    PROXY_OR,
    SPECIAL_METHOD_CALLERS,
)
from proxystore_mypy._version import CACHE_KEY
from proxystore_mypy.env import RunState
from proxystore_mypy.forwarded_hooks import ForwardedHooks
from proxystore_mypy.proxy_types import attribute_binds_self, member_of_class, synthesized_member

_Context = TypeVar("_Context", bound=HookContext)


class _DeclarationQuestion(Protocol):
    """What call_results and generic_calls ask of a callee's declaration."""

    def __call__(
        self,
        fullname: str,
        lookup: Callable[[str], SymbolTableNode | None],
        run: RunState,
        *,
        remember: bool,
    ) -> bool: ...


# mypy's import priority for an ordinary `import` (mypy.build.PRI_MED).
_PRIORITY_MEDIUM: Final = 10
_Result = TypeVar("_Result")

# Annotations, by the fullname written in them.
TYPE_ANALYZE_CALLBACKS: Final = {
    PROXY: type_annotations.analyze_proxy_callback,
    PROXY_OR: type_annotations.analyze_proxy_or_callback,
}
# Calls of the proxy-only API, by the callee's fullname.
FUNCTION_SIGNATURE_CALLBACKS: Final = {
    **{name: proxy_api.union_of_proxies_callback for name in PROXY_API_FUNCTIONS},
    # `iter(p)` of an iterator: the target's `__iter__` returns the target.
    "builtins.iter": self_types.iter_signature_callback,
}


def _bind_all(
    table: Mapping[str, Callback[_Context, _Result]], run: RunState
) -> dict[str, Callable[[_Context], _Result]]:
    return {name: bind(callback, run) for name, callback in table.items()}


def _special_call_hook(method: str, run: RunState) -> hooks.FunctionHook:
    return lambda ctx: self_types.rebind_special_call_callback(ctx, run, method)


def _class_attribute_hook(name: str, run: RunState) -> hooks.AttributeHook:
    return lambda ctx: class_objects.class_attribute_callback(ctx, run, name)


@final
class ProxystorePlugin(Plugin):
    """Makes ``Proxy[T]`` type-check as ``T`` while keeping the proxy API."""

    # An instance attribute with the method's signature, bound in __init__
    # (mypy sees a method replaced by an attribute).
    get_type_analyze_hook: Callable[[str], hooks.AnalyzeTypeHook | None]  # type: ignore[assignment]

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._run = RunState()
        # Where mypy is told not to follow imports into proxystore, the
        # dependency would be an error in every module (`Import of
        # "proxystore.proxy" ignored`); companions are then built as
        # classes come (docs/plugin.md, Known limits).
        self._follows_proxy_module = options.clone_for_module(PROXY_MODULE).follow_imports in (
            "normal",
            "silent",
        )
        # mypy asks about every name in every annotation (90,000 times on a
        # cold run of the benchmark app): the dictionary answers itself, with
        # no Python frame of ours in between.
        self.get_type_analyze_hook = _bind_all(TYPE_ANALYZE_CALLBACKS, self._run).get
        self._function_signature_hooks = _bind_all(FUNCTION_SIGNATURE_CALLBACKS, self._run)
        # Methods of a proxy type, by the member's own name.
        self._proxy_method_hooks = {
            name: inplace.keep_proxy_hook(name, self._run) for name in INPLACE_OPERATORS
        }
        # Builtins that call a special method of their argument (`abs`), by name.
        run = self._run
        self._special_call_hooks = {
            name: _special_call_hook(method, run) for name, method in SPECIAL_METHOD_CALLERS.items()
        }
        self._constructor_hook = bind(class_objects.constructor_callback, self._run)
        self._proxy_result_hook = bind(call_results.proxy_result_callback, self._run)
        self._solvable_signature_hook = bind(generic_calls.solvable_signature_callback, self._run)
        self._class_defined_hook = bind(companions.on_class_defined, self._run)
        self._forwarded = ForwardedHooks(options, self._run)

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        super().set_modules(modules)
        self._forwarded.set_modules(modules)

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        # A new plugin version invalidates every cached module.
        return {"proxystore_mypy": CACHE_KEY}

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        # Every class's companion needs `Proxy` analysed first (companions.py).
        if file.fullname == PROXY_MODULE or not self._follows_proxy_module:
            return []
        return [(_PRIORITY_MEDIUM, PROXY_MODULE, -1)]

    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        # Every class: this is where its companion is built.
        return self._class_defined_hook

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        # A NamedTuple class is made without the MRO hook.
        return self._class_defined_hook if fullname in NAMED_TUPLE_BASES else None

    def get_function_signature_hook(self, fullname: str) -> hooks.FunctionSignatureHook | None:
        hook = self._function_signature_hooks.get(fullname) or self._generic_call_hook(fullname)
        return hook or self._forwarded.finishing_function_signature(fullname)

    def get_function_hook(self, fullname: str) -> hooks.FunctionHook | None:
        hook = self._call_result_hook(fullname) or self._special_call_hooks.get(fullname)
        return hook or self._forwarded.finishing_function(fullname)

    def get_method_hook(self, fullname: str) -> hooks.MethodHook | None:
        member = synthesized_member(fullname, self.lookup_fully_qualified)
        hook: hooks.MethodHook | None
        if member is None:
            hook = self._call_result_hook(fullname)
        elif member.name in self._proxy_method_hooks:
            hook = self._proxy_method_hooks[member.name]
        else:
            hook = self._forwarded.method_result(member.target_fullname, member.binds_self)
            if self._call_result_hook(member.target_fullname) is not None:
                # A target's method declared to return a proxy (`-> Proxy[Self]`):
                # the result is rebound to the target first, then made usable.
                hook = call_results.then_usable_proxies(hook, self._run)
        return hook or self._forwarded.finishing_method(fullname)

    def get_method_signature_hook(self, fullname: str) -> hooks.MethodSignatureHook | None:
        member = synthesized_member(fullname, self.lookup_fully_qualified)
        hook: hooks.MethodSignatureHook | None = None
        if member is not None and member.name == class_objects.CALL and member.is_class_object:
            hook = self._constructor_hook
        elif member is not None:
            hook = self._forwarded.method_signature(member.target_fullname, member.binds_self)
        else:
            hook = self._generic_call_hook(fullname)
        return hook or self._forwarded.finishing_method_signature(fullname)

    def get_attribute_hook(self, fullname: str) -> hooks.AttributeHook | None:
        member = synthesized_member(fullname, self.lookup_fully_qualified)
        if member is None:
            hook = self._forwarded.attribute_of_defining_class(
                fullname, self._attribute_binds_self(fullname)
            )
        elif member.is_class_object and member.owner.get(member.name) is None:
            # Not the proxy's nor the metaclass's: a class attribute (`__getattr__`).
            hook = _class_attribute_hook(member.name, self._run)
        else:
            hook = self._forwarded.attribute(member.target_fullname)
        return hook or self._forwarded.finishing_attribute(fullname)

    def _attribute_binds_self(self, fullname: str) -> bool:
        """``attribute_binds_self``, kept per name outside the daemon (where classes change)."""
        if self.options.fine_grained_incremental:
            return attribute_binds_self(fullname, self.lookup_fully_qualified)
        known = self._run.attribute_binds_self.get(fullname)
        if known is None:
            known = attribute_binds_self(fullname, self.lookup_fully_qualified)
            self._run.attribute_binds_self[fullname] = known
        return known

    def _generic_call_hook(
        self, fullname: str
    ) -> Callable[[FunctionSigContext | MethodSigContext], CallableType] | None:
        """The signature hook, for a callee that takes a proxy of its own type variable."""
        if self._declares(generic_calls.is_generic_over_proxies, fullname):
            return self._solvable_signature_hook
        return None

    def _lookup_member(self, fullname: str) -> SymbolTableNode | None:
        """``lookup_fully_qualified``, where ``Class.member`` may be inherited.

        mypy names a method call after the class of the object it is called
        on (``mod.Sub.wrap`` for ``wrap`` defined on ``Base``).
        """
        found = self.lookup_fully_qualified(fullname)
        if found is not None:
            return found
        member = member_of_class(fullname, self.lookup_fully_qualified)
        return member[0].get(member[1]) if member is not None else None

    def _call_result_hook(
        self, fullname: str
    ) -> Callable[[FunctionContext | MethodContext], Type] | None:
        """The result hook, for a callee declared to return a plain or generic proxy."""
        if self._declares(call_results.may_return_proxy, fullname):
            return self._proxy_result_hook
        return None

    def _declares(self, question: _DeclarationQuestion, fullname: str) -> bool:
        """Ask ``question`` about the callee ``fullname``'s declaration.

        Outside the daemon a declaration never changes once analysed, so the
        answer may be kept per callee (``remember``).
        """
        remember = not self.options.fine_grained_incremental
        return question(fullname, self._lookup_member, self._run, remember=remember)
