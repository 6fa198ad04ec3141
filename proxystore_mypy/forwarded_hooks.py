"""mypy's own hooks for a target's members, run for the same members on a proxy.

mypy special-cases some members (``TypedDict.get``, ``Enum.value``, literal
``int.__pow__``) with hooks keyed by the target's names. Members looked up
on a proxy are named after the synthesized class instead, so the plugin
asks mypy's default plugin under the target's name and runs its hook after
the plugin's own rebinding of ``Self`` to the target (self_types.py). Each
composition is a guarded callback defined here once; a request only binds
it to the hook mypy's plugin returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mypy.nodes import MypyFile
from mypy.options import Options
from mypy.plugin import (
    AttributeContext,
    FunctionContext,
    MethodContext,
    MethodSigContext,
)
from mypy.plugins.default import DefaultPlugin
from mypy.types import CallableType, FunctionLike, Type, get_proper_type

from proxystore_mypy._fallback import (
    AttributeHook,
    FunctionHook,
    FunctionSignatureHook,
    HookContext,
    MethodHook,
    MethodSignatureHook,
    bind,
    default_attribute,
    default_function_signature,
    default_method_return,
    default_method_signature,
    default_return,
    guarded,
)
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import proxy_instance, target_of
from proxystore_mypy.self_types import (
    rebind_attribute,
    rebind_attribute_callback,
    rebind_result,
    rebind_result_callback,
    rebind_signature,
    rebind_signature_callback,
)


@guarded(default_method_signature)
def signature_then_target(
    ctx: MethodSigContext, run: RunState, target_hook: MethodSignatureHook
) -> FunctionLike:
    """Rebind a method's signature to the target, then run mypy's hook on it."""
    rebound = rebind_signature(ctx)
    if not isinstance(rebound, CallableType):
        return target_hook(ctx)
    return target_hook(ctx._replace(default_signature=rebound))


@guarded(default_method_return)
def result_then_target(ctx: MethodContext, run: RunState, target_hook: MethodHook) -> Type:
    """Rebind a method call's result to the target, then run mypy's hook on it."""
    return target_hook(ctx._replace(default_return_type=rebind_result(ctx)))


@guarded(default_attribute)
def attribute_then_target(ctx: AttributeContext, run: RunState, target_hook: AttributeHook) -> Type:
    """Rebind an attribute's type to the target, then run mypy's hook on it."""
    return target_hook(ctx._replace(default_attr_type=rebind_attribute(ctx)))


@guarded(default_attribute)
def attribute_on_target(ctx: AttributeContext, run: RunState, target_hook: AttributeHook) -> Type:
    """Run mypy's hook for an attribute of a proxy as if it were read on the target."""
    owner = proxy_instance(ctx.type)
    target = target_of(owner) if owner is not None else None
    return target_hook(ctx if target is None else ctx._replace(type=get_proper_type(target)))


_C = TypeVar("_C", bound=HookContext)
_R = TypeVar("_R")


def _finishing(
    default: Callable[[_C], _R],
) -> Callable[[_C, RunState, Callable[[_C], _R] | None], _R]:
    """A callback that only completes what analysis left pending, then answers as mypy would."""

    @guarded(default)
    def finish_analysis_then_mypy(
        ctx: _C, run: RunState, mypy_hook: Callable[[_C], _R] | None
    ) -> _R:
        # The guard has run RunState.finish_analysis() already.
        return mypy_hook(ctx) if mypy_hook is not None else default(ctx)

    return finish_analysis_then_mypy


_finish_then_function_signature = _finishing(default_function_signature)
_finish_then_function: Callable[[FunctionContext, RunState, FunctionHook | None], Type] = (
    _finishing(default_return)
)
_finish_then_method_signature = _finishing(default_method_signature)
_finish_then_method = _finishing(default_method_return)
_finish_then_attribute = _finishing(default_attribute)


class ForwardedHooks:
    """mypy's default hooks for targets' members, composed with the rebinding callbacks."""

    def __init__(self, options: Options, run: RunState) -> None:
        self._mypy = DefaultPlugin(options)
        self._run = run
        self._rebind_signature = bind(rebind_signature_callback, run)
        self._rebind_result = bind(rebind_result_callback, run)
        self._rebind_attribute = bind(rebind_attribute_callback, run)

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        self._mypy.set_modules(modules)

    def method_signature(self, target_name: str, rebind: bool) -> MethodSignatureHook | None:
        """For a method of a proxy: rebind ``Self`` (if declared), then mypy's hook."""
        target_hook = self._mypy.get_method_signature_hook(target_name)
        if target_hook is None:
            return self._rebind_signature if rebind else None
        if not rebind:
            return target_hook
        run = self._run
        return lambda ctx: signature_then_target(ctx, run, target_hook)

    def method_result(self, target_name: str, rebind: bool) -> MethodHook | None:
        """For a method call on a proxy: rebind ``Self`` (if declared), then mypy's hook.

        Reflected operators (``"x" / path``) reach only this hook, not the
        signature hook: the result is rebound here too.
        """
        target_hook = self._mypy.get_method_hook(target_name)
        if not rebind:
            return target_hook
        if target_hook is None:
            return self._rebind_result
        run = self._run
        return lambda ctx: result_then_target(ctx, run, target_hook)

    def attribute(self, target_name: str) -> AttributeHook:
        """For an attribute of a proxy: rebind ``Self``, then mypy's hook if any."""
        target_hook = self._mypy.get_attribute_hook(target_name)
        if target_hook is None:
            return self._rebind_attribute
        run = self._run
        return lambda ctx: attribute_then_target(ctx, run, target_hook)

    def attribute_of_defining_class(self, fullname: str, rebind: bool) -> AttributeHook | None:
        """For an attribute named after its defining class: rebind ``Self``, mypy's hook on the target.

        Attributes are named after the class that defines them
        (``enum.Enum.value``, ``pathlib.PurePath.parent``), so this hook is
        asked for whatever object the attribute is read on: each callback
        changes nothing unless that object is a proxy.
        """
        target_hook = self._mypy.get_attribute_hook(fullname)
        if target_hook is None:
            return self._rebind_attribute if rebind else None
        run = self._run
        if rebind:
            return lambda ctx: attribute_on_target(
                ctx._replace(default_attr_type=rebind_attribute(ctx)), run, target_hook
            )
        return lambda ctx: attribute_on_target(ctx, run, target_hook)

    # While RunState.after_analysis holds work, a hook request the plugin has
    # no callback for is answered with one that does the work and then runs
    # mypy's own hook for the name (which the plugin's answer shadows). The
    # work thus runs at the first checking callback of the run, whatever mypy
    # checks first, and asking for a hook still changes nothing.

    def finishing_function_signature(self, fullname: str) -> FunctionSignatureHook | None:
        return self._finishing(
            self._mypy.get_function_signature_hook, fullname, _finish_then_function_signature
        )

    def finishing_function(self, fullname: str) -> FunctionHook | None:
        return self._finishing(self._mypy.get_function_hook, fullname, _finish_then_function)

    def finishing_method_signature(self, fullname: str) -> MethodSignatureHook | None:
        return self._finishing(
            self._mypy.get_method_signature_hook, fullname, _finish_then_method_signature
        )

    def finishing_method(self, fullname: str) -> MethodHook | None:
        return self._finishing(self._mypy.get_method_hook, fullname, _finish_then_method)

    def finishing_attribute(self, fullname: str) -> AttributeHook | None:
        return self._finishing(self._mypy.get_attribute_hook, fullname, _finish_then_attribute)

    def _finishing(
        self,
        mypy_lookup: Callable[[str], Callable[[_C], _R] | None],
        fullname: str,
        finish: Callable[[_C, RunState, Callable[[_C], _R] | None], _R],
    ) -> Callable[[_C], _R] | None:
        if not self._run.after_analysis:
            return None
        mypy_hook, run = mypy_lookup(fullname), self._run
        return lambda ctx: finish(ctx, run, mypy_hook)
