"""How every callback runs: analysis finished first, and mypy's own answer on any failure.

The plugin reasons about mypy internals that change between releases. A
callback that hits a case it did not foresee must not take mypy down with an
INTERNAL ERROR: it answers what mypy would have answered without the plugin,
and the first such fallback of a run says so in a note, so that a proxy
that quietly lost its members has a visible reason (pydantic's plugin asks
for a bug report the same way). Set ``PROXYSTORE_MYPY_DEBUG=1`` to let the
error propagate instead.

Each callback is wrapped once, where it is defined (``@guarded(default)``),
as returns' ``asserts_fallback_to_any`` does.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from mypy.nodes import Context
from mypy.plugin import (
    AnalyzeTypeContext,
    AttributeContext,
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
)
from mypy.types import CallableType, FunctionLike, Type

from proxystore_mypy._names import DEBUG_VARIABLE
from proxystore_mypy.env import RunState


class HookContext(Protocol):
    # A class hook's context has no `context` but the class statement
    # (`cls`); the note is placed on whichever it has.
    @property
    def api(self) -> object: ...


_Context = TypeVar("_Context", bound=HookContext)
_Result = TypeVar("_Result")
_Extra = ParamSpec("_Extra")

# What the plugin's callbacks look like: mypy's context, the run's state.
Callback = Callable[[_Context, RunState], _Result]

# The hooks mypy asks a plugin for, by kind.
AnalyzeTypeHook = Callable[[AnalyzeTypeContext], Type]
FunctionSignatureHook = Callable[[FunctionSigContext], FunctionLike]
FunctionHook = Callable[[FunctionContext], Type]
MethodSignatureHook = Callable[[MethodSigContext], FunctionLike]
MethodHook = Callable[[MethodContext], Type]
AttributeHook = Callable[[AttributeContext], Type]

FALLBACK_NOTE = (
    "proxystore_mypy could not model this construct ({detail}) and used mypy's own"
    " type instead, so proxies here may lack their target's members. Please report"
    " it to the proxystore maintainers with this code; set "
    + DEBUG_VARIABLE
    + "=1 to see the plugin's traceback"
)


def guarded(
    default: Callable[[_Context], _Result],
) -> Callable[
    [Callable[Concatenate[_Context, RunState, _Extra], _Result]],
    Callable[Concatenate[_Context, RunState, _Extra], _Result],
]:
    """Run a callback; on any exception, note it once and return ``default(ctx)``.

    A callback of the checking phase first completes what analysis left
    for later (``RunState.finish_analysis``): asking mypy for a hook has no
    side effects, running one may.
    """

    def decorate(
        callback: Callable[Concatenate[_Context, RunState, _Extra], _Result],
    ) -> Callable[Concatenate[_Context, RunState, _Extra], _Result]:
        @functools.wraps(callback)
        def run(
            ctx: _Context, state: RunState, /, *args: _Extra.args, **kwargs: _Extra.kwargs
        ) -> _Result:
            try:
                if not isinstance(ctx, (AnalyzeTypeContext, ClassDefContext)):
                    state.finish_analysis()
                return callback(ctx, state, *args, **kwargs)
            except Exception as error:
                if os.environ.get(DEBUG_VARIABLE, "") == "1":
                    raise
                _note_fallback(ctx, state, f"{callback.__name__}: {type(error).__name__}")
                return default(ctx)

        return run

    return decorate


def _note_fallback(ctx: HookContext, state: RunState, detail: str) -> None:
    """Tell the user, once per run, that a hook fell back to mypy's answer."""
    if state.fallback_noted or _reports_are_hidden(ctx):
        # A note in a module whose errors mypy hides (an installed package,
        # follow_imports=silent) would be lost: keep the one note for code
        # the user sees.
        return
    state.fallback_noted = True
    message = FALLBACK_NOTE.format(detail=detail)
    note = getattr(ctx.api, "note", None)  # the semantic analyser's
    if note is None:
        note = getattr(getattr(ctx.api, "msg", None), "note", None)  # the checker's
    where = getattr(ctx, "context", None) or getattr(ctx, "cls", None)
    if callable(note) and isinstance(where, Context):
        note(message, where)


def _reports_are_hidden(ctx: HookContext) -> bool:
    """Whether mypy hides what is reported in the module being processed."""
    api = ctx.api
    # The checker reports through `msg`, the semantic analyser through
    # `errors`, the type analyser through its semantic analyser (`api`).
    for holder in (getattr(api, "msg", None), api, getattr(api, "api", None)):
        errors = getattr(holder, "errors", None)
        if errors is not None and hasattr(errors, "ignored_files"):
            return getattr(errors, "file", None) in errors.ignored_files
    return False


def bind(callback: Callback[_Context, _Result], state: RunState) -> Callable[[_Context], _Result]:
    """The hook mypy calls: ``callback`` with the plugin instance's run state."""

    def hook(ctx: _Context) -> _Result:
        return callback(ctx, state)

    return hook


# mypy's own answers, which a checking callback falls back to.


def no_change(ctx: ClassDefContext) -> None:
    """A class hook's fallback: the class as mypy made it."""


def default_function_signature(ctx: FunctionSigContext) -> CallableType:
    return ctx.default_signature


def default_method_signature(ctx: MethodSigContext) -> FunctionLike:
    return ctx.default_signature


def default_return(ctx: FunctionContext | MethodContext) -> Type:
    return ctx.default_return_type


def default_method_return(ctx: MethodContext) -> Type:
    return ctx.default_return_type


def default_attribute(ctx: AttributeContext) -> Type:
    return ctx.default_attr_type
