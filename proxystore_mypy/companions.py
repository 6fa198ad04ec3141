"""One proxy class per target class: ``Proxy[X]`` lives in X's own module, built with X.

For every class ``X[T1..Tn]`` mypy analyses, the plugin makes one class,
its *companion*, named ``Proxy[X]`` and stored in the symbol table of X's
module (hidden, like mypy's own synthesized names). It is generic over X's
type parameters, with X's variance, and its bases are X, ``Proxy[X]`` and the
companions of X's bases. A proxy type ``Proxy[X[a..]]`` is then simply
``Instance(Proxy[X], [a..])``, whichever module spelled it.

Why this shape (docs/design-proxy-identity.md has the evidence):

- *Its content is a pure function of X*: it lists no member (everything is
  inherited through the MRO, so nothing can go stale), and it is built from
  X once X's group of modules is analysed (``on_class_defined``), in X's
  module, so it is saved with X's cache entry and rebuilt exactly when X is.
  The answer is then the same cold, warm, under the daemon and in parallel
  runs.
- *Nominal and covariant by X's own variance*: there is one companion per
  class in the whole program, so ``Proxy[A]`` is accepted where ``Proxy[B]``
  is expected exactly when mypy accepts an A where a B is (the hierarchy is
  mirrored through the companions' bases), without comparing members.

Classes that are defined without a class-definition hook (TypedDict class
syntax, ``NewType``, functional NamedTuple and Enum) get no companion; their
proxies are synthesized per module (synthesis.py).
"""

from __future__ import annotations

from typing import Final

from mypy.mro import MroError, calculate_mro
from mypy.nodes import (
    ARG_POS,
    GDEF,
    MDEF,
    Argument,
    AssignmentStmt,
    Block,
    CallExpr,
    ClassDef,
    Decorator,
    Expression,
    ExpressionStmt,
    FuncDef,
    IndexExpr,
    MemberExpr,
    MypyFile,
    NameExpr,
    NewTypeExpr,
    OverloadedFuncDef,
    RefExpr,
    SymbolTable,
    SymbolTableNode,
    TempNode,
    TypeInfo,
    Var,
)
from mypy.options import Options
from mypy.plugin import ClassDefContext
from mypy.semanal import SemanticAnalyzer
from mypy.semanal_classprop import TYPE_PROMOTIONS
from mypy.types import (
    AnyType,
    CallableType,
    Instance,
    NoneType,
    ProperType,
    Type,
    TypeOfAny,
    TypeVarTupleType,
    UnpackType,
)
from mypy.typevars import fill_typevars

from proxystore_mypy._fallback import guarded, no_change
from proxystore_mypy._names import (
    METADATA_KEY,
    PROXY,
    PROXY_MODULE,
    TARGET_MEMBER,
    UNFORWARDED_SPECIAL_METHODS,
)
from proxystore_mypy.env import RunState

_PROTOCOL_BASES = ("typing.Protocol", "typing_extensions.Protocol")


def companion_key(info: TypeInfo) -> str:
    """The key of X's companion in X's module: also the last part of its fullname.

    mypy's cache finds a class again by splitting its fullname on dots, so
    a nested class's dots become ``+``.
    """
    local = info.fullname[len(info.module_name) + 1 :]
    return "Proxy[" + local.replace(".", "+") + "]"


def lookup_companion(
    modules: dict[str, MypyFile], info: TypeInfo, run: RunState | None = None
) -> TypeInfo | None:
    """The companion of class ``info``, if it has one.

    With ``run``, a class whose companion waits for the end of its analysis
    (``on_class_defined``) gets it now, from what the class is now.
    """
    if run is not None and info in run.companions_due:
        proxy_info = _analysed_proxy(modules)
        if proxy_info is not None:
            del run.companions_due[info]
            build_companion(modules, info, proxy_info, run)
    module = modules.get(info.module_name)
    symbol = module.names.get(companion_key(info)) if module is not None else None
    node = symbol.node if symbol is not None else None
    return node if isinstance(node, TypeInfo) and METADATA_KEY in node.metadata else None


@guarded(no_change)
def on_class_defined(ctx: ClassDefContext, run: RunState) -> None:
    """Have the companion of the class being defined built (mypy's MRO and NamedTuple hooks).

    mypy calls these hooks on every pass of semantic analysis over a class
    (up to a dozen in the group of modules that holds ``builtins``). A
    checking run builds the companion once, when analysis of the class's
    group of modules is over (a patch, in mypy's terms: it runs before
    mypy's per-class checks, type checking and the cache), or earlier if an
    annotation needs it; a later pass over the class has it built again.
    The daemon, which re-analyses classes in place, and the run that writes
    its cache build it on every pass (``_build_now``).
    """
    semanal = ctx.api
    if not isinstance(semanal, SemanticAnalyzer):
        return
    options = semanal.options
    if options.fine_grained_incremental or options.cache_fine_grained:
        _build_now(semanal, ctx.cls.info, run)
        return
    run.companions_due[ctx.cls.info] = None
    if not run.companions_scheduled:
        run.companions_scheduled = True
        semanal.schedule_patch(_AFTER_MYPYS_PATCHES, lambda: _build_due_in_file(ctx, options, run))


# mypy's own patches (the tuple fallbacks of NamedTuples) run first.
_AFTER_MYPYS_PATCHES: Final = 100


def _build_due_in_file(ctx: ClassDefContext, options: Options, run: RunState) -> None:
    """``build_due``, reporting (if it falls back) where the patch was scheduled.

    mypy sets the analyser's module and ``options`` only while it analyses.
    """
    semanal = ctx.api
    assert isinstance(semanal, SemanticAnalyzer)
    module = semanal.modules.get(ctx.cls.info.module_name)
    if module is None:
        build_due(ctx, run)
        return
    with semanal.file_context(module, options):
        build_due(ctx, run)


@guarded(no_change)
def build_due(ctx: ClassDefContext, run: RunState) -> None:
    """Build every companion still due, bases first (``lookup_companion``)."""
    run.companions_scheduled = False
    semanal = ctx.api
    assert isinstance(semanal, SemanticAnalyzer)
    modules = semanal.modules
    if _analysed_proxy(modules) is None:
        # `Proxy` is not analysed yet (its module's group comes later, or
        # it is not followed): the companions wait for it.
        return
    while run.companions_due:
        lookup_companion(modules, next(iter(run.companions_due)), run)


def _build_now(semanal: SemanticAnalyzer, info: TypeInfo, run: RunState) -> None:
    """Build the companion at once; the daemon must see it in the module's tree.

    A class analysed before ``Proxy`` itself (in the group of modules that
    includes ``builtins``, which ``proxystore.proxy`` joins) waits, in
    definition order, until ``Proxy``'s own hook.
    """
    proxy_info = _analysed_proxy(semanal.modules)
    if proxy_info is None:
        run.waiting_for_proxy.append(info)
        return
    if info.fullname == PROXY:
        waiting, run.waiting_for_proxy = run.waiting_for_proxy, []
        for early in waiting:
            build_companion(semanal.modules, early, proxy_info, None)
        return
    companion = build_companion(semanal.modules, info, proxy_info, None)
    if companion is not None:
        module = semanal.modules[info.module_name]
        _keep_daemon_visible(module, companion, info, run)


def build_companion(
    modules: dict[str, MypyFile],
    info: TypeInfo,
    proxy_info: TypeInfo,
    run: RunState | None,
) -> TypeInfo | None:
    """Make (or remake, on a later analysis pass) the companion of ``info``.

    With ``run``, the companions of X's bases are built first if due.
    """
    module = modules.get(info.module_name)
    if module is None or not info.mro or info.fullname == "builtins.object":
        return None  # `object` comes last in every MRO, Proxy's included
    if any(base is proxy_info for base in info.mro):
        return None  # a proxy class of its own: Proxy[IntProxy] stays the plain proxy
    if _makes_dataclasses(info):
        # mypy makes every class under a dataclass_transform base a
        # dataclass, which would make its companion one too, with its own
        # frozen-or-not rules; companions of the subclasses alone are fine.
        return None
    if not _found_by_fullname(module, info):
        # A class whose name is taken by something else (`try: from a import
        # X` / `except: class X: ...`): mypy's cache finds classes by name,
        # so a companion referring to it could not be read back.
        return None
    key = companion_key(info)
    companion = lookup_companion(modules, info)
    base_companions = []
    for base in info.bases:
        base_companion = lookup_companion(modules, base.type, run)
        if base_companion is not None:
            base_companions.append(Instance(base_companion, list(base.args)))
    promotions = _promotions(modules, info, run)
    hidden = _defined_members(info, UNFORWARDED_SPECIAL_METHODS)
    conversions = _buffer_conversions(modules, info, hidden)
    if companion is None:
        companion = _new_class(module, key, info)
    type_vars = list(info.defn.type_vars)
    companion.defn.type_vars = type_vars
    companion.type_vars = []
    companion.add_type_vars()
    # A TypeVarTuple stands in a class's arguments as `*Ts` (mypy's fill_typevars).
    own_args: list[Type] = [
        UnpackType(var) if isinstance(var, TypeVarTupleType) else var for var in type_vars
    ]
    target = Instance(info, own_args)
    proxy_base = Instance(proxy_info, [target])
    is_protocol = info.is_protocol or _declared_protocol(info.defn)
    # C3 puts the bases' companions before Proxy in the MRO ...
    companion.bases = [target, *base_companions, proxy_base]
    # mypy's C3 keeps an MRO already computed: a remade companion (the
    # daemon keeps a local class's across runs) needs one from X's bases now.
    companion.mro = []
    try:
        calculate_mro(companion)
    except MroError:
        # Never reached for a class mypy accepted (its companion's MRO is
        # its own, interleaved with its bases' companions); a class mypy
        # rejects keeps no companion, and its proxies are synthesized.
        del module.names[key]
        return None
    # ... but mypy maps an instance to a base along the first path in
    # `bases`: the direct Proxy[X] must come first, or Proxy[Sub] would
    # be a Proxy[Base] to `extract`. A protocol's bases must all be
    # protocols (semanal_classprop): Proxy stays in its MRO only.
    if is_protocol:
        companion.bases = [target, *base_companions]
    else:
        companion.bases = [target, proxy_base, *base_companions]
    companion.is_protocol = is_protocol
    companion.fallback_to_any = info.fallback_to_any
    # X's shape belongs to the companion's own snapshot, so that the daemon
    # re-checks proxy users when a NamedTuple's fields change.
    companion.tuple_type = info.tuple_type
    companion.typeddict_type = info.typeddict_type
    companion.is_enum = info.is_enum
    companion._promote = promotions
    # A NamedTuple's own type is its tuple type (what `Self` means there).
    _add_marker(companion, fill_typevars(info) if info.tuple_type is not None else target)
    _hide_unforwarded(companion, hidden)
    for conversion in conversions:
        _declare_conversion(companion, *conversion)
    return companion


def _makes_dataclasses(info: TypeInfo) -> bool:
    """Whether X is decorated with ``dataclass_transform`` (read as written: X's
    decorators are analysed after its MRO hook)."""
    if info.dataclass_transform_spec is not None:
        return True
    for decorator in info.defn.decorators:
        called = decorator.callee if isinstance(decorator, CallExpr) else decorator
        if isinstance(called, (NameExpr, MemberExpr)) and called.name == "dataclass_transform":
            return True
    return False


def _found_by_fullname(module: MypyFile, info: TypeInfo) -> bool:
    """Whether looking up ``info``'s fullname in its module gives ``info`` itself."""
    names = module.names
    node = None
    for part in info.fullname[len(module.fullname) + 1 :].split("."):
        symbol = names.get(part)
        node = symbol.node if symbol is not None else None
        if not isinstance(node, TypeInfo):
            return False
        names = node.names
    return node is info


def _analysed_proxy(modules: dict[str, MypyFile]) -> TypeInfo | None:
    module = modules.get(PROXY_MODULE)
    symbol = module.names.get("Proxy") if module is not None else None
    node = symbol.node if symbol is not None else None
    return node if isinstance(node, TypeInfo) and node.mro else None


def _new_class(module: MypyFile, key: str, info: TypeInfo) -> TypeInfo:
    # X's class keywords too: mypy applies a dataclass_transform base's
    # rules (`class M(ModelBase, frozen=True)`) to every subclass it
    # analyses, the companion included, and reads them from the keywords.
    # Where X's line is: what mypy may say about the class is said there.
    defn = ClassDef(f"Proxy[{info.name}]", Block([]), keywords=list(info.defn.keywords.items()))
    defn.set_line(info.defn.line, info.defn.column)
    defn.fullname = f"{module.fullname}.{key}"
    companion = TypeInfo(SymbolTable(), defn, module.fullname)
    defn.info = companion
    companion._fullname = defn.fullname
    companion.metadata[METADATA_KEY] = {"companion": True}
    module.names[key] = SymbolTableNode(
        GDEF, companion, module_public=False, module_hidden=True, plugin_generated=True
    )
    return companion


def _keep_daemon_visible(
    module: MypyFile, companion: TypeInfo, info: TypeInfo, run: RunState
) -> None:
    """Under the daemon: the module's tree shows ``companion`` (``_show``).

    The daemon strips a module's top level before analysing it again: it
    forgets the call's meaning, and keeps local classes (``f.Foo@3``) in the
    symbol table, hence their companions, even for a tree it parsed again.
    """
    statement = run.daemon_statements.get(companion.fullname)
    if statement is None or statement not in module.defs:
        # The callee is an `Any` of mypy's own making: once the daemon has
        # stripped the call's meaning (a class that no longer has a
        # companion), the call is still checked without an error.
        callee = TempNode(AnyType(TypeOfAny.special_form))
        statement = ExpressionStmt(CallExpr(callee, [], [], []))
        # Right after the statement that defines X: reachable exactly when
        # X's definition is, so `--warn-unreachable` has nothing to say
        # about it (a module may end with `sys.exit()`).
        module.defs.insert(_after_definition(module, info), statement)
        run.daemon_statements[companion.fullname] = statement
    _show(statement, companion, info)


def _after_definition(module: MypyFile, info: TypeInfo) -> int:
    """The index after the module-level statement whose lines hold X's definition."""
    for index, statement in enumerate(module.defs):
        end = statement.end_line if statement.end_line is not None else statement.line
        if statement.line <= info.line <= end:
            return index + 1
    return len(module.defs)


def _show(statement: ExpressionStmt, companion: TypeInfo, info: TypeInfo) -> None:
    """Make ``statement`` a call whose analysed meaning is the class ``companion``.

    The daemon learns of classes from the module's syntax tree: its AST
    merge re-points the companion's bases at the classes a merge keeps, and
    its dependency visitor makes users of the companion's members depend on
    X's (``<X.m> -> <Proxy[X].m>``). A class statement would be type-checked
    too, and the dependency visitor skips unreachable code. This is the form
    mypy gives ``NewType(...)``: a call whose analysed meaning is a class.
    The semantic analyser ignores the meaning of a call it did not make
    itself (its callee is an ``Any`` placeholder); the checker types it
    ``Any``; both daemon visitors walk it.
    """
    meaning = NewTypeExpr(companion.name, None, line=info.line, column=info.column)
    meaning.info = companion
    call = statement.expr
    assert isinstance(call, CallExpr)
    call.analyzed = meaning
    for node in (call, call.callee, statement):
        node.set_line(info.line, info.column)


def _declared_protocol(defn: ClassDef) -> bool:
    """Whether the class statement lists ``Protocol`` among its bases.

    At the MRO hook mypy has not yet set ``is_protocol``, and it has moved
    ``Protocol`` out of the bases into ``removed_base_type_exprs``.
    """
    for expression in defn.removed_base_type_exprs:
        base: Expression = expression.base if isinstance(expression, IndexExpr) else expression
        if isinstance(base, RefExpr) and base.fullname in _PROTOCOL_BASES:
            return True
    return False


def _promotions(
    modules: dict[str, MypyFile], info: TypeInfo, run: RunState | None
) -> list[ProperType]:
    """``Proxy[int]`` is a ``Proxy[float]`` as ``int`` is a ``float`` (mypy's promotions)."""
    promoted = TYPE_PROMOTIONS.get(info.fullname)
    builtins = modules.get("builtins")
    symbol = builtins.names.get(promoted) if builtins is not None and promoted else None
    if symbol is None or not isinstance(symbol.node, TypeInfo):
        return []
    companion = lookup_companion(modules, symbol.node, run)
    return [Instance(companion, [])] if companion is not None else []


def _add_marker(companion: TypeInfo, target: Type) -> None:
    """Declare ``__proxy_target__: X``, read-only: how the plugin finds a proxy's target.

    Marked abstract so that mypy's per-class checks see the class as one
    with abstract members of its own (it is never instantiated).
    """
    marker = Var(TARGET_MEMBER, target)
    marker.is_property = True
    marker.is_abstract_var = True
    marker.is_ready = True
    _add_member(companion, marker)


def _hide_unforwarded(companion: TypeInfo, names: list[str]) -> None:
    """``next(p)`` and ``memoryview(p)`` fail at runtime (see _names.py): hide them.

    Only where X has them (``_defined_members``), so that the other
    companions (most of them) stay one member long in the cache.
    """
    for name in names:
        hidden = Var(name, NoneType())
        hidden.is_classvar = True
        hidden.is_ready = True
        _add_member(companion, hidden)


def _defined_members(info: TypeInfo, wanted: tuple[str, ...]) -> list[str]:
    """Which of the ``wanted`` members X's bases define, or X's class body does."""
    body = _body_members(info.defn, wanted)
    found = {name for base in info.mro[1:] for name in wanted if name in base.names}
    return [name for name in wanted if name in found or name in body]


def _body_members(defn: ClassDef, wanted: tuple[str, ...]) -> frozenset[str]:
    """Which of the ``wanted`` members a class body defines, as written.

    Under the daemon the companion is built at the MRO hook, before X's own
    body is analysed, and an annotation may need it that early in any run:
    the statements are read as written, in one pass, the same in every mode.
    """
    found: set[str] = set()
    for statement in defn.defs.body:
        if isinstance(statement, (FuncDef, OverloadedFuncDef, Decorator)):
            if statement.name in wanted:
                found.add(statement.name)
        elif isinstance(statement, AssignmentStmt):
            for lvalue in statement.lvalues:
                if isinstance(lvalue, NameExpr) and lvalue.name in wanted:
                    found.add(lvalue.name)
    return frozenset(found)


def _buffer_conversions(
    modules: dict[str, MypyFile], info: TypeInfo, hidden: list[str]
) -> list[tuple[str, TypeInfo, TypeInfo]]:
    """The conversions a companion of a buffer declares: (name, result, ``function``).

    The runtime proxy converts its target itself (lazy-object-proxy's
    ``__int__`` is ``int(target)``), so ``int(p)`` works wherever
    ``int(target)`` does. mypy accepts ``int(b"12")`` through the buffer
    protocol, which the proxy does not forward (its ``__buffer__`` is hidden
    above): the companion of a buffer declares the conversions X lacks.
    ``function`` is defined after ``bytes`` in builtins: until a later pass
    has it, no conversion is declared.
    """
    if "__buffer__" not in hidden:
        return []
    builtins = modules.get("builtins")
    classes = {}
    for name in ("int", "float", "function"):
        symbol = builtins.names.get(name) if builtins is not None else None
        if symbol is None or not isinstance(symbol.node, TypeInfo):
            return []
        classes[name] = symbol.node
    present = _defined_members(info, tuple(member for member, _ in _CONVERSIONS))
    return [
        (member, classes[result], classes["function"])
        for member, result in _CONVERSIONS
        if member not in present
    ]


_CONVERSIONS: Final = (("__int__", "int"), ("__float__", "float"))


def _declare_conversion(
    companion: TypeInfo, name: str, result: TypeInfo, function: TypeInfo
) -> None:
    """Declare ``def name(self) -> result`` on the companion."""
    self_type = fill_typevars(companion)
    method = FuncDef(name, [Argument(Var("self", self_type), self_type, None, ARG_POS)], Block([]))
    method.type = CallableType(
        [self_type], [ARG_POS], ["self"], Instance(result, []), Instance(function, []), name=name
    )
    method.set_line(companion.line, companion.column)
    _add_member(companion, method)


def _add_member(companion: TypeInfo, node: Var | FuncDef) -> None:
    node.info = companion
    node._fullname = f"{companion.fullname}.{node.name}"
    companion.names[node.name] = SymbolTableNode(MDEF, node, plugin_generated=True)


__all__ = [
    "build_companion",
    "build_due",
    "companion_key",
    "lookup_companion",
    "on_class_defined",
]
