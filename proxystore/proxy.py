"""Lazy, transparent, typed object proxies.

A :class:`Proxy` stands in for a *target* object that a *factory* produces
on first use. Until then the proxy holds only the factory, so it is cheap to
create, to move between processes and to pickle. Once resolved, it forwards
every operation to the target through ``lazy_object_proxy``'s C extension.

Example:
    >>> import proxystore as ps
    >>> p = ps.Proxy(ps.SimpleFactory([1, 2, 3]))
    >>> ps.is_resolved(p)
    False
    >>> len(p)
    3
    >>> ps.is_resolved(p)
    True
"""

from __future__ import annotations

import copy
import functools
import gc
import inspect
import sysconfig
import threading
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from typing_extensions import Self

from proxystore import _getattro_patch
from proxystore.factory import Factory

__all__ = [
    "FactoryType",
    "Proxy",
    "ProxyLocker",
    "ProxyOr",
    "ProxyResolveError",
    "extract",
    "get_factory",
    "is_resolved",
    "resolve",
]

T = TypeVar("T")
# Proxy's own parameter is covariant: a proxy of a Dog is a proxy of an
# Animal, also for checkers without the plugin. Sound because, for the
# checker, nothing on a proxy takes a T: its target and factory are declared
# read-only (they can be replaced at run time; see Proxy's declarations).
T_co = TypeVar("T_co", covariant=True)

FactoryType: TypeAlias = Callable[[], T]
"""Type of a proxy's factory: a callable with no arguments returning ``T``.

Example:
    >>> def load() -> list[int]:
    ...     return [1, 2, 3]
    >>> factory: FactoryType[list[int]] = load
"""

if TYPE_CHECKING:
    # lazy_object_proxy ships no type information, so a checker would see the
    # C class as `Any`, and a class with an `Any` base swallows every
    # attribute access: the mypy plugin could then never check anything. This
    # stand-in declares the base's constructor and nothing else, so `Proxy`
    # has only the members declared on it below.
    class _LazyObjectProxy:
        def __init__(self, factory: Callable[[], Any]) -> None: ...

else:
    from proxystore._implementation import load_c_proxy_class

    _LazyObjectProxy = load_c_proxy_class()

# The C base's own descriptors, read through the class so that reaching a
# proxy's internal state never goes through the proxy's attribute lookup
# (which forwards unknown names to the target and would resolve it).
# Set only, never read: the C getter of `__factory__` dereferences NULL on a
# proxy whose `__init__` never ran (see `_resolver_of`). Not the C
# `__init__` either: it releases the stored target without clearing the
# pointer, so calling it on a resolved proxy would leave a dangling target.
_base_set_factory = vars(_LazyObjectProxy)["__factory__"].__set__
_base_wrapped = vars(_LazyObjectProxy)["__wrapped__"]
_base_resolved = vars(_LazyObjectProxy)["__resolved__"]
_base_annotations = vars(_LazyObjectProxy)["__annotations__"]
_is_resolved = _base_resolved.__get__
_get_wrapped = _base_wrapped.__get__
_call_weakref = weakref.ref.__call__
_get_ident = threading.get_ident
# Without the GIL the claim of a resolution takes a real lock (see
# docs/runtime.md, "Free-threaded builds", for what still does not hold).
_FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))

# Guards the claim of a proxy's resolution when it is contended (and always
# on free-threaded builds): held for an attribute read and a store, never
# while a factory runs.
_CLAIM_GUARD = threading.Lock()
# How long a thread that finds another thread resolving the same proxy sleeps
# before looking again (the GIL is released meanwhile): doubling from the
# first to the last value, so a late racer is served within microseconds and
# threads waiting on a slow factory wake up a few hundred times a second.
_FIRST_WAIT_SECONDS = 0.00005
_LAST_WAIT_SECONDS = 0.005


class ProxyResolveError(RuntimeError):
    """A proxy's factory raised while the proxy was being resolved.

    The factory's own exception is the ``__cause__``. The proxy stays
    unresolved, so the next access calls the factory again.

    Example:
        >>> import proxystore as ps
        >>> def broken() -> int:
        ...     raise OSError("disk gone")
        >>> p = ps.Proxy(broken)
        >>> try:
        ...     p + 1
        ... except ps.ProxyResolveError as error:
        ...     print(type(error.__cause__).__name__)
        OSError
    """


class _ReentrantResolutionError(ProxyResolveError):
    """Raised inside a factory that touched the proxy it is producing."""


class _Resolver(weakref.ref):  # type: ignore[type-arg]
    """The callable the C base stores as a proxy's factory.

    It is a weak reference to its proxy (so a dropped proxy frees everything
    by reference counting alone) that also holds the user's factory. Creating
    one is a single C-level allocation plus one attribute store, which keeps
    proxy creation cheap.

    The C base calls it whenever it finds no target, and calls it from every
    thread that touches an unresolved proxy at the same moment. Its C code
    then stores the returned object as the target *without releasing what was
    stored before*, so if two racing calls both returned, the first stored
    reference would leak. Hence:

    - One thread at a time *owns* the resolution (``owner``). It is read
      and claimed on one line with no call and no taken jump in it, and
      CPython 3.10-3.13 switch threads only at calls, function entries and
      (backward) jumps, so under the GIL the claim is atomic; the contended
      path and free-threaded builds claim under ``_CLAIM_GUARD``. The other
      threads sleep briefly and look again, so the factory runs once however
      many threads race.
    - A thread that gets ownership after another one already stored the
      target takes that target, empties the slot and returns it: the C code
      stores it back into an empty slot, so no reference leaks and nothing
      is kept here (no retained target after ``p += ...``, an assignment to
      ``__wrapped__`` or a ``del``).
    - Ownership is given up as the last step before returning: the store
      into the slot, the ``del`` and the ``return`` sit on one line without a
      call between them, so under the GIL no other Python code runs between
      "slot emptied" and "slot refilled by the C code" (see docs/runtime.md,
      "Free-threaded builds", for what this does not cover).
    - The thread that owns the resolution and touches the proxy again (a
      factory that uses its own proxy) gets a ``ProxyResolveError`` at once
      instead of waiting for itself forever.
    """

    __slots__ = ("factory", "owner")

    factory: Callable[[], Any]
    owner: int | None
    # The class stated at creation (`Proxy(..., target_class=)`): only
    # `_StatedClassResolver` stores one, so that creating a proxy without
    # it costs no extra per-proxy store.
    target_class: type[Any] | None = None

    def __call__(self) -> Any:
        me = _get_ident()
        claimed = False
        if not _FREE_THREADED:
            # Claim if free. The read and the store sit on one line with no
            # call and no taken jump between them: under the GIL no other
            # thread runs in between (see the class docstring).
            # fmt: off
            if self.owner is None: self.owner = me; claimed = True  # noqa: E701, E702
            # fmt: on
        if not claimed:
            self._claim(me)
        proxy = _call_weakref(self)
        if proxy is not None and _is_resolved(proxy):
            # Another thread resolved it while we were waiting: hand back its
            # target through an empty slot (see the class docstring).
            target = _get_wrapped(proxy)
        else:
            try:
                target = self.factory()
            except _ReentrantResolutionError:
                # Already names the factory at fault: not wrapped again.
                self.owner = None
                raise
            except Exception as error:
                self.owner = None
                raise ProxyResolveError(
                    f"proxy factory {self.factory!r} failed: {type(error).__name__}: {error}",
                ) from error
            except BaseException:
                self.owner = None
                raise
            stated = self.target_class
            if stated is not None and target.__class__ is not stated:
                # The proxy may already have answered isinstance with the
                # stated class: never hand out a different object.
                self.owner = None
                raise ProxyResolveError(
                    f"proxy factory {self.factory!r} returned a "
                    f"{target.__class__.__qualname__}, but the proxy was "
                    f"created with target_class={stated.__qualname__}",
                )
            if proxy is None or not _is_resolved(proxy):
                # One line: the C code stores `target` before anyone can
                # claim again and find the proxy unresolved.
                # fmt: off
                self.owner = None; return target  # noqa: E702
                # fmt: on
            # The factory assigned `__wrapped__` itself: ours replaces it.
        if type(proxy).__delattr__ is _PLAIN_DELATTR:
            # fmt: off
            self.owner = None; del proxy.__wrapped__; return target  # noqa: E702
            # fmt: on
        # A `__delattr__` assigned to a subclass after its creation would
        # run Python code in the `del`: empty the slot through the C
        # descriptor (not atomic, see docs).
        _base_wrapped.__delete__(proxy)
        self.owner = None
        return target

    def _claim(self, me: int) -> None:
        """Wait until this thread owns the resolution (the slow path)."""
        wait = _FIRST_WAIT_SECONDS
        while True:
            claimed = False
            with _CLAIM_GUARD:  # the same one-line claim as in __call__
                owner = self.owner
                # fmt: off
                if owner is None: self.owner = me; claimed = True  # noqa: E701, E702
                # fmt: on
            if claimed:
                return
            if owner == me:
                raise _ReentrantResolutionError(
                    f"proxy factory {self.factory!r} touched its own proxy while "
                    "producing its target; a factory must not use the proxy it "
                    "resolves",
                )
            time.sleep(wait)
            wait = min(wait * 2, _LAST_WAIT_SECONDS)

    def __repr__(self) -> str:
        # The C base shows this in a proxy's repr(): show the user's factory.
        return repr(self.factory)


class _StatedClassResolver(_Resolver):
    """The resolver of a proxy created with ``target_class=``."""

    __slots__ = ("target_class",)


_RESOLVER_TYPES = (_Resolver, _StatedClassResolver)


def _new_resolver(
    proxy: object,
    factory: Callable[[], Any],
    target_class: type[Any] | None = None,
) -> _Resolver:
    if target_class is None:
        resolver = _Resolver(proxy)
    else:
        resolver = _StatedClassResolver(proxy)
        resolver.target_class = target_class
    resolver.factory = factory
    resolver.owner = None
    return resolver


def _resolver_of(proxy: object) -> _Resolver:
    """Return the proxy's resolver, or raise if the proxy was never initialised.

    The C base's ``__factory__`` getter dereferences a NULL pointer (and kills
    the process) on a proxy whose ``__init__`` never ran, so the factory slot
    is read through the garbage collector's view of the object instead: its
    traverse function visits the instance dict, the target and the factory,
    in that order, and skips empty slots.
    """
    resolver = _resolver_or_none(proxy)
    if resolver is None:
        raise _uninitialised_error(proxy)
    return resolver


def _resolver_or_none(proxy: object) -> _Resolver | None:
    """The proxy's resolver (see `_resolver_of`), or None if it was never initialised."""
    referents = gc.get_referents(proxy)
    if referents:
        last: _Resolver = referents[-1]
        if type(last) in _RESOLVER_TYPES and _call_weakref(last) is proxy:
            return last
    return None


def _not_a_proxy(helper: str, obj: object) -> TypeError:
    # Callers test `type(obj)`, never `isinstance`: that would read
    # `__class__`, which resolves another library's proxy.
    return TypeError(f"{helper}() needs a proxystore Proxy, got {type(obj).__qualname__}")


def _uninitialised_error(proxy: object) -> TypeError:
    cls = type(proxy).__qualname__
    return TypeError(
        f"this {cls} was never initialised: {cls}.__init__ must call "
        "super().__init__(factory) (proxystore.Proxy.__init__) before the "
        "proxy is used",
    )


def _check_factory(factory: object) -> None:
    if not callable(factory):
        raise TypeError(
            f"Proxy factory must be callable, got {factory!r} of type {type(factory).__qualname__}",
        )


# Names a Proxy subclass must not define: the resolver and the helpers reach
# the C base's slots through them, and the resolver's `del p.__wrapped__`
# must not run Python code (see `_Resolver`).
_RESERVED_NAMES = ("__wrapped__", "__resolved__", "__delattr__")


def _check_subclass(cls: type) -> None:
    for name in _RESERVED_NAMES:
        if name in vars(cls):
            raise TypeError(
                f"{cls.__qualname__} defines {name}, which Proxy subclasses "
                "must not override: proxystore reaches the target's slot "
                "through it",
            )


def _checked_init(cls: type, init: Callable[..., None]) -> Callable[..., None]:
    """Wrap a subclass's own ``__init__`` so that forgetting ``super().__init__`` fails there.

    Otherwise the mistake surfaces later, at the proxy's first use, as
    lazy-object-proxy's "Proxy hasn't been initiated", which names neither
    the class nor the fix.
    """

    @functools.wraps(init)
    def __init__(self: Proxy[Any], *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if _resolver_or_none(self) is None:
            raise TypeError(
                f"{cls.__qualname__}.__init__ returned without initialising the proxy: "
                "it must call super().__init__(factory) (proxystore.Proxy.__init__)",
            )

    # What the subclass wrote, for `_constructor_problem` to inspect.
    __init__.__proxystore_own_init__ = init  # type: ignore[attr-defined]
    return __init__


def _check_target_class(target_class: object) -> None:
    if target_class is not None and not isinstance(target_class, type):
        raise TypeError(
            f"Proxy target_class must be a class or None, got {target_class!r}",
        )


def _known_class(helper: _Resolver) -> type[Any] | None:
    """The target's exact class if known without resolving, else None."""
    stated = helper.target_class
    if stated is not None:
        return stated
    factory = helper.factory
    if isinstance(factory, Factory):
        return factory.target_class()
    return None


def _protocol_probe(name: str) -> property:
    """A property for an attribute engines probe with ``getattr(obj, name, default)``.

    Dask asks every argument ``getattr(obj, "__dask_future__", False)`` and
    ``hasattr(obj, "__dask_graph__")``. On a proxy, a missing attribute is
    looked up on the target, which resolves it. While the proxy is
    unresolved and its target's class is known and lacks ``name`` (such
    names are protocol markers defined on classes), this answers None
    instead, without resolving. Otherwise it reads the target; a target
    without the attribute raises AttributeError as before.
    """

    def read(proxy: Proxy[Any]) -> Any:
        if not _base_resolved.__get__(proxy):
            known = _known_class(_resolver_of(proxy))
            if known is not None and not hasattr(known, name):
                return None
        return getattr(_base_wrapped.__get__(proxy), name)

    read.__name__ = name
    return property(read)


def _rebuild(
    cls: type[Proxy[T]],
    factory: FactoryType[T],
    target_class: type[T] | None,
) -> Proxy[T]:
    """Unpickle or copy a proxy, with the class stated at its creation if any."""
    proxy = cls(factory)
    if target_class is not None:
        _base_set_factory(proxy, _new_resolver(proxy, factory, target_class))
    return proxy


def _rebuild_locker(
    rebuild: Callable[..., Proxy[T]],
    arguments: tuple[Any, ...],
) -> ProxyLocker[T]:
    """Unpickle a ProxyLocker: ``rebuild(*arguments)`` re-creates its proxy."""
    return ProxyLocker(rebuild(*arguments))


class _AnnotationsDict(dict):  # type: ignore[type-arg]
    """A proxy class's own annotations, which also forward a proxy's to its target.

    A class body with annotations (even inside ``if TYPE_CHECKING:``) gets a
    class-level ``__annotations__`` dict, and reading ``Cls.__annotations__``
    creates one: either would shadow the C base's descriptor that forwards
    ``p.__annotations__`` to the target. This dict *is* the class's
    annotations (``typing.get_type_hints(Cls)`` and ``inspect`` read it as a
    dict) and, being a data descriptor, answers ``p.__annotations__`` reads,
    writes and deletes on an instance by forwarding them to the target.
    """

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return _base_annotations.__get__(instance)

    def __set__(self, instance: object, value: Any) -> None:
        _base_annotations.__set__(instance, value)

    def __delete__(self, instance: object) -> None:
        _base_annotations.__delete__(instance)

    @staticmethod
    def install(cls: type) -> None:
        own = vars(cls).get("__annotations__")
        if type(own) is not _AnnotationsDict:
            type.__setattr__(cls, "__annotations__", _AnnotationsDict(own or {}))


class Proxy(_LazyObjectProxy, Generic[T_co]):
    """A lazy, transparent proxy of the object that ``factory()`` returns.

    The proxy calls its factory at most once, on the first operation that
    needs the target (an attribute, an operator, ``len()``, ``isinstance``
    against the target's class, ...), then forwards everything to the target.
    ``repr()``, pickling, copying and the helpers :func:`is_resolved` and
    :func:`get_factory` never resolve it.

    Args:
        factory: A callable with no arguments that returns the target.
            Usually a :class:`proxystore.factory.Factory`, which can be
            pickled and has a useful ``repr``.
        target_class: The exact class of the object ``factory()`` returns,
            if you know it (``type(target)``, not a base class). While the
            proxy is unresolved, ``__class__`` and ``isinstance`` answer
            with it instead of calling the factory; the answer travels with
            the proxy through pickling. If the factory then returns an
            object of another class, resolution raises
            :class:`ProxyResolveError`. Not needed for a factory that knows
            its class (:meth:`proxystore.factory.Factory.target_class`,
            e.g. ``SimpleFactory``).

    Raises:
        TypeError: If ``factory`` is not callable, or ``target_class`` is
            neither a class nor None.

    Example:
        >>> import numpy as np
        >>> import proxystore as ps
        >>> x = np.array([1, 2, 3])
        >>> p = ps.proxy.Proxy(ps.factory.SimpleFactory(x))
        >>> isinstance(p, np.ndarray)
        True
        >>> np.array_equal(p, [1, 2, 3])
        True

    Note:
        ``__class__`` (and so ``isinstance``) does not resolve a proxy whose
        target's class is known: stated with ``target_class=``, or declared
        by its factory. After resolution the target's own ``__class__`` is
        used. This is what lets Dask, Ray and cloudpickle, which inspect
        every object they ship, pass a proxy by reference (docs/engines.md).

        >>> import proxystore as ps
        >>> def load() -> list[int]:
        ...     return [1, 2, 3]
        >>> p = ps.Proxy(load, target_class=list)
        >>> isinstance(p, list), ps.is_resolved(p)
        (True, False)

    Note:
        Threads that touch an unresolved proxy at the same moment wait for
        a single call of the factory, and no reference leaks (see
        docs/runtime.md for free-threaded builds). A factory that touches
        its own proxy gets :class:`ProxyResolveError` at once. If the
        factory raises, :class:`ProxyResolveError` (caused by the original
        error) propagates, the proxy stays unresolved and the next access
        retries. ``del p.__wrapped__`` makes the proxy unresolved again: the
        next access calls the factory again.

    Note:
        Pickling (every protocol) stores the factory only, resolved or not,
        and unpickling gives an unresolved proxy. ``copy.copy(p)`` returns a
        new unresolved proxy sharing ``p``'s factory; ``copy.deepcopy(p)``
        returns a new unresolved proxy of a deep copy of the factory. Neither
        resolves ``p``; neither copies the target.

    Warning:
        A proxy is never identical to its target: ``Proxy(lambda: None) is
        None`` is ``False``. Compare singletons with ``==`` or
        :func:`extract` the target first. ``type(p)`` is ``Proxy`` (while
        ``p.__class__`` and ``isinstance`` report the target's class), and
        ``p.__doc__`` / ``p.__module__`` are the proxy class's own.
    """

    if TYPE_CHECKING:
        # Declarations for the checker only: at run time these are the C
        # base's descriptors, and a class-level `__annotations__` dict would
        # shadow the C getter that forwards `p.__annotations__` to the target.
        # Read-only for the checker (assigning and deleting `__wrapped__`
        # work at run time): a settable target would make `T_co` unsound.
        @property
        def __wrapped__(self) -> T_co: ...
        @__wrapped__.deleter
        def __wrapped__(self) -> None: ...

        __resolved__: bool

        # The C base implements every in-place operator by making the
        # result of the binary operator on the target the new target, and
        # returning the proxy itself. The mypy plugin checks that binary
        # operation on the target (proxystore_mypy/inplace.py).
        def __iadd__(self, other: Any) -> Self: ...
        def __isub__(self, other: Any) -> Self: ...
        def __imul__(self, other: Any) -> Self: ...
        def __imatmul__(self, other: Any) -> Self: ...
        def __itruediv__(self, other: Any) -> Self: ...
        def __ifloordiv__(self, other: Any) -> Self: ...
        def __imod__(self, other: Any) -> Self: ...
        def __ipow__(self, other: Any) -> Self: ...
        def __ilshift__(self, other: Any) -> Self: ...
        def __irshift__(self, other: Any) -> Self: ...
        def __iand__(self, other: Any) -> Self: ...
        def __ixor__(self, other: Any) -> Self: ...
        def __ior__(self, other: Any) -> Self: ...
    else:
        # typing's `Proxy[Foo](factory)` sets `__orig_class__` on the new
        # instance. The C base stores an attribute on the proxy itself only
        # when the class has an attribute of that name; otherwise it resolves
        # the proxy and sets it on the target. This default keeps it local.
        __orig_class__ = None

    def __init__(
        self,
        factory: FactoryType[T_co],
        *,
        # Not `type[T]`: the class would then take part in inferring T
        # (`Proxy(load_ints, target_class=list)` would become
        # `Proxy[list[Any]]`), and the exact class of a factory's target
        # may be a subclass of its declared return type. A wrong class is
        # caught when the proxy resolves.
        target_class: type[Any] | None = None,
    ) -> None:
        if not callable(factory):
            _check_factory(factory)
        if target_class is None:
            resolver = _Resolver(self)
        else:
            _check_target_class(target_class)
            resolver = _StatedClassResolver(self)
            resolver.target_class = target_class
        resolver.factory = factory
        resolver.owner = None
        _base_set_factory(self, resolver)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _check_subclass(cls)
        own_init = vars(cls).get("__init__")
        if own_init is not None:
            type.__setattr__(cls, "__init__", _checked_init(cls, own_init))
        _AnnotationsDict.install(cls)
        _getattro_patch.install(cls, _LazyObjectProxy)

    if TYPE_CHECKING:
        # Read-only for the checker, like `__wrapped__`: a setter taking a
        # factory of `T_co` would make `T_co` unsound.
        @property
        def __factory__(self) -> FactoryType[T_co]:
            """The factory passed to the constructor (never resolves)."""
            ...

    else:

        @property
        def __factory__(self):
            """The factory passed to the constructor (never resolves)."""
            return _resolver_of(self).factory

        @__factory__.setter
        def __factory__(self, factory):
            # A resolved proxy keeps its target (docs/runtime.md).
            _check_factory(factory)
            _base_set_factory(self, _new_resolver(self, factory))

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__reduce_ex__(2)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # The C base defines both methods to pickle the *target* (resolving
        # the proxy); pickle and copy call `__reduce_ex__`, so overriding
        # `__reduce__` alone would be silently ignored. The factory is
        # returned as an argument, not pre-pickled, so that pickle's own
        # error names an unpicklable factory and cloudpickle-style picklers
        # still pickle lambdas their own way.
        resolver = _resolver_of(self)
        _check_rebuildable(self)
        if resolver.target_class is not None:
            return (_rebuild, (type(self), resolver.factory, resolver.target_class))
        return (type(self), (resolver.factory,))

    if not TYPE_CHECKING:
        # Hidden from the checker: under the mypy plugin `Proxy[X]` is a
        # subclass of X, and these signatures must not compete with X's.

        @property
        def __class__(self):
            # Overrides the C base's `__class__`, which resolves. Engines
            # (cloudpickle, Dask, Ray) read it on everything they ship.
            # `self.__resolved__` and `self.__wrapped__` reach the C base's
            # getters through the C attribute lookup; calling the
            # descriptors' `__get__` instead would double the cost of
            # isinstance on a resolved proxy (bench_known_class.py).
            if self.__resolved__:
                return self.__wrapped__.__class__
            known = _known_class(_resolver_of(self))
            if known is not None:
                return known
            return self.__wrapped__.__class__

        @__class__.setter
        def __class__(self, value):
            _base_wrapped.__get__(self).__class__ = value

        # Dask's "is this a future / a collection?" probes (_protocol_probe).
        __dask_future__ = _protocol_probe("__dask_future__")
        __dask_graph__ = _protocol_probe("__dask_graph__")

        def __dask_tokenize__(self):
            # dask.tokenize calls this (and needs it to be deterministic):
            # the token of the factory, which never resolves the proxy.
            # dask is imported here only because dask is what calls it.
            from dask.tokenize import normalize_token

            helper = _resolver_of(self)
            return (
                "proxystore.Proxy",
                normalize_token(helper.factory),
                normalize_token(helper.target_class),
            )

        def __copy__(self):
            return _copy_proxy(self)

        def __deepcopy__(self, memo):
            # Needed: `copy.deepcopy` looks `__deepcopy__` up on the
            # instance, which would forward to (and resolve) the target.
            return _deepcopy_proxy(self, memo)


def _copy_proxy(proxy: Proxy[T]) -> Proxy[T]:
    if _has_own_reduce(proxy):
        rebuild, arguments = proxy.__reduce_ex__(4)[:2]
        return rebuild(*arguments)  # type: ignore[no-any-return]
    resolver = _resolver_of(proxy)
    _check_rebuildable(proxy)
    return _rebuild(type(proxy), resolver.factory, resolver.target_class)


def _deepcopy_proxy(proxy: Proxy[T], memo: dict[int, Any]) -> Proxy[T]:
    if _has_own_reduce(proxy):
        rebuild, arguments = proxy.__reduce_ex__(4)[:2]
        return rebuild(*copy.deepcopy(arguments, memo))  # type: ignore[no-any-return]
    resolver = _resolver_of(proxy)
    _check_rebuildable(proxy)
    factory = copy.deepcopy(resolver.factory, memo)
    return _rebuild(type(proxy), factory, resolver.target_class)


def _has_own_reduce(proxy: Proxy[Any]) -> bool:
    # A subclass that defines its own `__reduce_ex__` (the documented way to
    # pickle extra constructor arguments) is copied through it too.
    return type(proxy).__reduce_ex__ is not Proxy.__reduce_ex__


# Per class: why `cls(factory)` cannot re-create an instance, or None.
_REBUILD_PROBLEMS: weakref.WeakKeyDictionary[type, str | None] = weakref.WeakKeyDictionary()


def _check_rebuildable(proxy: Proxy[Any]) -> None:
    """Raise at pickling/copy time if the copy would fail or lose state.

    Pickle and copy re-create a proxy as ``type(proxy)(factory)``. A subclass
    whose constructor takes other arguments would fail only at ``loads``
    (possibly in another process), and attributes stored on the proxy
    itself would be dropped silently: both are reported here instead.
    """
    cls = type(proxy)
    if cls is Proxy:
        return
    try:
        problem = _REBUILD_PROBLEMS[cls]
    except KeyError:
        problem = _REBUILD_PROBLEMS[cls] = _constructor_problem(cls)
    if problem is None:
        # The instance dict, read without resolving: the C base's traverse
        # visits it, then the target (if resolved), then the factory, last.
        resolved = _base_resolved.__get__(proxy)
        own = gc.get_referents(proxy)[-3 if resolved else -2]
        if type(own) is dict:
            names = sorted(set(own) - {"__orig_class__"})
            if names:
                problem = f"its attributes {', '.join(names)} would be lost"
    if problem is not None:
        raise TypeError(
            f"cannot pickle or copy this {cls.__qualname__}: {problem}. "
            f"Pickle and copy re-create it as {cls.__qualname__}(factory); "
            "define __reduce_ex__(self, protocol) returning (callable, args) "
            "that re-creates it (copy.copy and copy.deepcopy use it too)",
        )


def _constructor_problem(cls: type) -> str | None:
    init = getattr(cls, "__init__")
    if init is Proxy.__init__:
        return None
    init = getattr(init, "__proxystore_own_init__", init)
    try:
        # follow_wrapped=False: the class's `__wrapped__` is the C descriptor.
        signature = inspect.signature(init, follow_wrapped=False)
        signature.bind(cls, _check_factory)
    except TypeError as error:
        return f"its constructor cannot be called with the factory alone ({error})"
    except ValueError:  # pragma: no cover - no signature to inspect
        return None
    return None


ProxyOr: TypeAlias = Proxy[T] | T
"""Either a proxy of ``T`` or a ``T`` itself.

Example:
    >>> import proxystore as ps
    >>> def total(values: ps.ProxyOr[list[int]]) -> int:
    ...     return sum(values)
    >>> total([1, 2]) == total(ps.Proxy(ps.SimpleFactory([1, 2])))
    True
"""


def extract(proxy: Proxy[T]) -> T:
    """Return the proxy's target object itself, resolving it if needed.

    Example:
        >>> import proxystore as ps
        >>> target = [1, 2, 3]
        >>> ps.extract(ps.Proxy(ps.SimpleFactory(target))) is target
        True
    """
    try:
        return _base_wrapped.__get__(proxy)  # type: ignore[no-any-return]
    except TypeError:
        # The C descriptor names itself, not the mistake (free on success).
        if not issubclass(type(proxy), Proxy):
            raise _not_a_proxy("extract", proxy) from None
        raise


def is_resolved(proxy: Proxy[Any]) -> bool:
    """Tell whether the proxy's factory has produced its target (never resolves).

    Example:
        >>> import proxystore as ps
        >>> p = ps.Proxy(ps.SimpleFactory("text"))
        >>> ps.is_resolved(p)
        False
        >>> ps.resolve(p)
        >>> ps.is_resolved(p)
        True
    """
    try:
        return _base_resolved.__get__(proxy)  # type: ignore[no-any-return]
    except TypeError:
        if not issubclass(type(proxy), Proxy):
            raise _not_a_proxy("is_resolved", proxy) from None
        raise


def resolve(proxy: Proxy[Any]) -> None:
    """Resolve the proxy now (call its factory) if it is not resolved yet.

    Example:
        >>> import proxystore as ps
        >>> p = ps.Proxy(ps.SimpleFactory(1.5))
        >>> ps.resolve(p)
        >>> ps.is_resolved(p)
        True
    """
    try:
        _base_wrapped.__get__(proxy)
    except TypeError:
        if not issubclass(type(proxy), Proxy):
            raise _not_a_proxy("resolve", proxy) from None
        raise


def get_factory(proxy: Proxy[T]) -> FactoryType[T]:
    """Return the factory passed to the proxy's constructor (never resolves).

    Example:
        >>> import proxystore as ps
        >>> factory = ps.SimpleFactory(42)
        >>> ps.get_factory(ps.Proxy(factory)) is factory
        True
    """
    if not issubclass(type(proxy), Proxy):
        raise _not_a_proxy("get_factory", proxy)
    return _resolver_of(proxy).factory


# Names a ProxyLocker answers; everything else raises AttributeError.
_LOCKER_NAMES = frozenset(
    {"unlock", "__class__", "__reduce__", "__reduce_ex__", "__repr__"},
)


class ProxyLocker(Generic[T_co]):
    """Hold a proxy without ever resolving it.

    A proxy forwards almost every operation to its target, so simply passing
    it to code that inspects objects (a serialiser, a debugger, a logging
    call) can resolve it. A locker answers nothing: every attribute other
    than :meth:`unlock` raises ``AttributeError``. Pickling a locker pickles
    its proxy's factory only (and the class stated at creation, if any),
    never the proxy itself, so no pickler ever inspects the proxy: it is not
    resolved, whether its target's class is known or not.

    Args:
        proxy: The proxy to lock.

    Raises:
        TypeError: If ``proxy`` is not a :class:`Proxy`.

    Example:
        >>> import proxystore as ps
        >>> locker = ps.ProxyLocker(ps.Proxy(ps.SimpleFactory([1, 2])))
        >>> locker.append
        Traceback (most recent call last):
        ...
        AttributeError: ProxyLocker hides its proxy: call unlock() instead of accessing 'append'
        >>> ps.is_resolved(locker.unlock())
        False
    """

    __slots__ = ("_proxy",)

    def __init__(self, proxy: Proxy[T_co]) -> None:
        if not isinstance(proxy, Proxy):
            raise TypeError(
                f"ProxyLocker needs a Proxy, got {type(proxy).__qualname__}",
            )
        object.__setattr__(self, "_proxy", proxy)

    def unlock(self) -> Proxy[T_co]:
        """Return the locked proxy (does not resolve it)."""
        proxy: Proxy[T_co] = object.__getattribute__(self, "_proxy")
        return proxy

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Handing the proxy itself to the pickler would let it inspect the
        # proxy (cloudpickle reads `__class__`), which can resolve it.
        proxy = self.unlock()
        if _has_own_reduce(proxy):
            # A subclass's own recipe (e.g. extra constructor arguments).
            rebuild, arguments = proxy.__reduce_ex__(protocol)[:2]
        else:
            resolver = _resolver_of(proxy)
            _check_rebuildable(proxy)
            rebuild = _rebuild
            arguments = (type(proxy), resolver.factory, resolver.target_class)
        return (_rebuild_locker, (rebuild, arguments))

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__reduce_ex__(2)

    def __repr__(self) -> str:
        proxy = self.unlock()
        state = "resolved" if is_resolved(proxy) else "unresolved"
        return f"<ProxyLocker of a {state} proxy with factory {get_factory(proxy)!r}>"

    if not TYPE_CHECKING:
        # Hidden from the checker: a typed `__getattribute__` would make every
        # attribute of a locker type-check.

        def __getattribute__(self, name):
            if name in _LOCKER_NAMES:
                return object.__getattribute__(self, name)
            raise AttributeError(
                f"ProxyLocker hides its proxy: call unlock() instead of accessing {name!r}",
            )

        def __setattr__(self, name, value):
            raise AttributeError(f"ProxyLocker is read-only: cannot set {name!r}")


_PLAIN_DELATTR: Any = Proxy.__delattr__
_AnnotationsDict.install(Proxy)

_FAST_GETATTRO = _getattro_patch.install(Proxy, _LazyObjectProxy)
"""Whether the getattr slot patch (``proxystore._getattro_patch``) took effect."""
