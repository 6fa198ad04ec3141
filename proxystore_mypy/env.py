"""What a callback works with: ``Env`` (where it runs) and ``RunState`` (what the run remembers).

Every callback receives the plugin instance's ``RunState``; the callbacks
that build proxy types turn their mypy context into an ``Env``, which carries
it along. Nothing the plugin remembers lives in a module global: a second
mypy run in the same process (the daemon, the test suite) starts from a new
plugin instance, hence from a new ``RunState``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from mypy.checker import TypeChecker
from mypy.nodes import ExpressionStmt, FuncItem, MypyFile, TypeAlias, TypeInfo
from mypy.options import Options
from mypy.plugin import AnalyzeTypeContext, CheckerPluginInterface
from mypy.semanal import SemanticAnalyzer
from mypy.typeanal import TypeAnalyser
from mypy.types import CallableType, Instance, Type, TypeVarId

from proxystore_mypy._names import PROXY


class RunState:
    """Per-run state, owned by the plugin instance (one per mypy run, or per daemon).

    A plain class, as ``Env`` is a NamedTuple: a dataclass takes about 0.5 ms to
    define, paid at every mypy run.
    """

    def __init__(self) -> None:
        # Work to do once semantic analysis of what is being checked is over:
        # completing the member lists of proxy types built during analysis
        # (synthesis.py registers it, finish_analysis runs it).
        self.after_analysis: list[Callable[[], None]] = []
        # Under mypy's daemon only: every synthesized class by module and key,
        # so that re-checking a module refreshes the class other types refer to
        # instead of making a second one (registry.py).
        self.daemon_classes: dict[tuple[str, str], TypeInfo] = {}
        # By callee fullname: whether it may return a proxy (call_results.py).
        self.declares_proxy: dict[str, bool] = {}
        # By callee fullname: whether it takes a proxy of its own type variable
        # (generic_calls.py).
        self.generic_over_proxies: dict[str, bool] = {}
        # By type alias: whether its definition mentions a proxy class (generic_calls.py).
        self.aliases_with_proxies: dict[TypeAlias, bool] = {}
        # By attribute fullname: whether its declaration mentions Self (dispatch.py).
        self.attribute_binds_self: dict[str, bool] = {}
        # Declared types seen so far, by identity, with whether they mention a
        # proxy (call_results.py).
        self.mentions_proxy: dict[int, tuple[Type, bool]] = {}
        # Under the daemon and --cache-fine-grained: classes analysed before
        # `Proxy` itself, whose companions wait for it (companions.py): only
        # within the group of modules that holds builtins.
        self.waiting_for_proxy: list[TypeInfo] = []
        # Under the daemon: by companion fullname, the statement that shows the
        # companion to the daemon's visitors (companions.py).
        self.daemon_statements: dict[str, ExpressionStmt] = {}
        # Outside the daemon: classes analysed since their companion was last
        # built, in the order mypy analysed them, and whether the companions'
        # build is scheduled for the end of this group's analysis (companions.py).
        self.companions_due: dict[TypeInfo, None] = {}
        self.companions_scheduled: bool = False
        # Whether this run has already told the user that a hook fell back.
        self.fallback_noted: bool = False

    def finish_analysis(self) -> None:
        """Run the work analysis left for later; called before every checking callback."""
        while self.after_analysis:
            self.after_analysis.pop()()


class Env(NamedTuple):
    """What building a proxy type needs from whichever mypy phase runs."""

    module: MypyFile
    modules: dict[str, MypyFile]
    proxy_info: TypeInfo
    options: Options
    named_type: Callable[[str, list[Type]], Instance]
    run: RunState
    # Type variables bound by the functions and classes being checked; other
    # variables in a call's result are still being inferred.
    scope_type_var_ids: frozenset[TypeVarId] = frozenset()
    # Semantic analysis is still going on: classes may gain members later.
    analysing: bool = False


def semanal_env(ctx: AnalyzeTypeContext, run: RunState) -> Env | None:
    """The environment of a type-analyze hook, or None outside a module."""
    semanal = _semantic_analyzer(ctx)
    proxy_info = analysed_proxy_info(ctx)
    if semanal is None or proxy_info is None:
        return None
    module = getattr(semanal, "cur_mod_node", None)
    if not isinstance(module, MypyFile):
        return None

    def named_type(fullname: str, args: list[Type]) -> Instance:
        return semanal.named_type(fullname, args)

    return Env(
        module, semanal.modules, proxy_info, semanal.options, named_type, run, analysing=True
    )


def analysed_proxy_info(ctx: AnalyzeTypeContext) -> TypeInfo | None:
    """The ``Proxy`` class, seen from a type-analyze hook."""
    semanal = _semantic_analyzer(ctx)
    symbol = semanal.lookup_fully_qualified_or_none(PROXY) if semanal is not None else None
    if symbol is None or not isinstance(symbol.node, TypeInfo):
        return None
    return symbol.node


def _semantic_analyzer(ctx: AnalyzeTypeContext) -> SemanticAnalyzer | None:
    analyser = ctx.api
    if not isinstance(analyser, TypeAnalyser):
        return None
    semanal = analyser.api
    return semanal if isinstance(semanal, SemanticAnalyzer) else None


def checker_env(api: CheckerPluginInterface, run: RunState) -> Env | None:
    """The environment of a function or method hook, or None if unknown."""
    if not isinstance(api, TypeChecker):
        return None
    module = api.tree
    try:
        proxy_info = api.lookup_typeinfo(PROXY)
    except (KeyError, AssertionError):
        return None
    return Env(
        module,
        api.modules,
        proxy_info,
        api.options,
        api.named_generic_type,
        run,
        _scope_type_var_ids(api),
    )


def current_module_id(ctx: AnalyzeTypeContext) -> str | None:
    """The module whose annotation is being analysed."""
    semanal = getattr(ctx.api, "api", None)
    module_id = getattr(semanal, "cur_mod_id", None)
    return module_id if isinstance(module_id, str) else None


def _scope_type_var_ids(checker: TypeChecker) -> frozenset[TypeVarId]:
    ids: set[TypeVarId] = set()
    for entry in getattr(checker.scope, "stack", []):
        if isinstance(entry, FuncItem) and isinstance(entry.type, CallableType):
            ids.update(var.id for var in entry.type.variables)
        elif isinstance(entry, TypeInfo):
            ids.update(var.id for var in entry.defn.type_vars)
    return frozenset(ids)
