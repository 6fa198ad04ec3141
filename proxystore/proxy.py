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
import gc
import sys
import threading
from typing import TYPE_CHECKING
from typing import Any
from typing import Callable
from typing import Generic
from typing import TypeVar
from typing import Union

from typing_extensions import TypeAlias

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
    from lazy_object_proxy import Proxy as _LazyObjectProxy

# The C base's own descriptors, read through the class so that reaching a
# proxy's internal state never goes through the proxy's attribute lookup
# (which forwards unknown names to the target and would resolve it).
_base_init = _LazyObjectProxy.__init__
_base_factory = vars(_LazyObjectProxy)["__factory__"]
_base_wrapped = vars(_LazyObjectProxy)["__wrapped__"]
_base_resolved = vars(_LazyObjectProxy)["__resolved__"]

# Guards only the lazy creation of a per-proxy resolution lock: held for two
# attribute reads and a store, never while a factory runs.
_LOCK_CREATION_GUARD = threading.Lock()
_UNSET: Any = object()


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


class _ResolveOnce:
    """The callable the C base stores as its factory.

    lazy_object_proxy calls its factory without a lock, so threads that touch
    an unresolved proxy at the same moment each call it. This wrapper makes
    the racing threads wait for one call and hands them all its result. The C
    base never calls it again once the target is stored, so a resolved proxy
    pays nothing for the lock. It never refers back to the proxy: a dropped
    proxy frees its target by reference counting alone.
    """

    __slots__ = ("factory", "lock", "result")

    # The class stated at creation (`Proxy(..., target_class=)`): only
    # `_StatedClassResolveOnce` stores one, so that creating a proxy without
    # it costs no extra per-proxy store.
    target_class: type[Any] | None = None

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory
        self.lock: threading.Lock | None = None
        self.result: Any = _UNSET

    def __call__(self) -> Any:
        lock = self.lock
        if lock is None:
            # Created on first resolution, not with the proxy, to keep
            # creation cheap; one lock per proxy so a slow factory never
            # blocks the resolution of another proxy.
            with _LOCK_CREATION_GUARD:
                lock = self.lock
                if lock is None:
                    lock = self.lock = threading.Lock()
        with lock:
            result = self.result
            if result is _UNSET:
                try:
                    result = self.factory()
                except Exception as error:
                    raise ProxyResolveError(
                        f"proxy factory {self.factory!r} failed: "
                        f"{type(error).__name__}: {error}",
                    ) from error
                if (
                    self.target_class is not None
                    and result.__class__ is not self.target_class
                ):
                    # The proxy may already have answered isinstance with
                    # the stated class: never hand out a different object.
                    raise ProxyResolveError(
                        f"proxy factory {self.factory!r} returned a "
                        f"{result.__class__.__qualname__}, but the proxy was "
                        f"created with target_class="
                        f"{self.target_class.__qualname__}",
                    )
                self.result = result
            return result

    def __repr__(self) -> str:
        # The C base shows this in a proxy's repr(): show the user's factory.
        return repr(self.factory)


class _StatedClassResolveOnce(_ResolveOnce):
    """The resolution helper of a proxy created with ``target_class=``."""

    __slots__ = ("target_class",)

    def __init__(self, factory: Callable[[], Any], target_class: type[Any] | None) -> None:
        super().__init__(factory)
        self.target_class = target_class


def _check_factory(factory: object) -> None:
    if not callable(factory):
        raise TypeError(
            f"Proxy factory must be callable, got {factory!r} "
            f"of type {type(factory).__qualname__}",
        )


def _helper_of(proxy: object) -> _ResolveOnce:
    """The proxy's resolution helper; ValueError if the proxy was never initialised.

    The C base's ``__factory__`` getter dereferences a NULL pointer (and
    kills the process) on a proxy whose ``__init__`` never ran, so the slot
    is read through the garbage collector's view of the object: its
    traverse function visits the instance dict, the target and the factory,
    in that order, and skips empty slots.
    """
    referents = gc.get_referents(proxy)
    if referents and isinstance(referents[-1], _ResolveOnce):
        helper: _ResolveOnce = referents[-1]
        return helper
    raise ValueError(
        f"this {type(proxy).__qualname__} was never initialised: its __init__ "
        "must call proxystore.Proxy.__init__(self, factory)",
    )


def _check_target_class(target_class: object) -> None:
    if target_class is not None and not isinstance(target_class, type):
        raise TypeError(
            f"Proxy target_class must be a class or None, got {target_class!r}",
        )


def _known_class(helper: _ResolveOnce) -> type[Any] | None:
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
            known = _known_class(_helper_of(proxy))
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
        _base_factory.__set__(proxy, _StatedClassResolveOnce(factory, target_class))
    return proxy


def _rebuild_locker(
    cls: type[Proxy[T]],
    factory: FactoryType[T],
    target_class: type[T] | None,
) -> ProxyLocker[T]:
    """Unpickle a ProxyLocker from its proxy's factory."""
    return ProxyLocker(_rebuild(cls, factory, target_class))


class Proxy(_LazyObjectProxy, Generic[T]):
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
        Resolution is thread-safe: threads that touch an unresolved proxy at
        the same moment wait for a single call of the factory. If the factory
        raises, :class:`ProxyResolveError` (caused by the original error)
        propagates, the proxy stays unresolved and the next access retries.

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
        __wrapped__: T
        __resolved__: bool
    else:
        # typing's `Proxy[Foo](factory)` sets `__orig_class__` on the new
        # instance. The C base stores an attribute on the proxy itself only
        # when the class has an attribute of that name; otherwise it resolves
        # the proxy and sets it on the target. This default keeps it local.
        __orig_class__ = None

    def __init__(
        self,
        factory: FactoryType[T],
        *,
        # Not `type[T]`: the class would then take part in inferring T
        # (`Proxy(load_ints, target_class=list)` would become
        # `Proxy[list[Any]]`), and the exact class of a factory's target
        # may be a subclass of its declared return type. A wrong class is
        # caught when the proxy resolves.
        target_class: type[Any] | None = None,
    ) -> None:
        _check_factory(factory)
        if target_class is None:
            _base_init(self, _ResolveOnce(factory))
        else:
            _check_target_class(target_class)
            _base_init(self, _StatedClassResolveOnce(factory, target_class))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _install_fast_getattro(cls)

    @property
    def __factory__(self) -> FactoryType[T]:
        """The factory passed to the constructor (never resolves)."""
        helper: _ResolveOnce = _base_factory.__get__(self)
        return helper.factory

    @__factory__.setter
    def __factory__(self, factory: FactoryType[T]) -> None:
        _check_factory(factory)
        _base_factory.__set__(self, _ResolveOnce(factory))

    def __reduce__(self) -> tuple[Any, ...]:
        return self.__reduce_ex__(2)

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # The C base defines both methods to pickle the *target* (resolving
        # the proxy); pickle and copy call `__reduce_ex__`, so overriding
        # `__reduce__` alone would be silently ignored. The factory is
        # returned as an argument, not pre-pickled, so that pickle's own
        # error names an unpicklable factory and cloudpickle-style picklers
        # still pickle lambdas their own way.
        helper = _helper_of(self)
        if helper.target_class is not None:
            return (_rebuild, (type(self), helper.factory, helper.target_class))
        return (type(self), (helper.factory,))

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
            known = _known_class(_helper_of(self))
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

            helper = _helper_of(self)
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
    helper = _helper_of(proxy)
    return _rebuild(type(proxy), helper.factory, helper.target_class)


def _deepcopy_proxy(proxy: Proxy[T], memo: dict[int, Any]) -> Proxy[T]:
    helper = _helper_of(proxy)
    factory = copy.deepcopy(helper.factory, memo)
    return _rebuild(type(proxy), factory, helper.target_class)


ProxyOr: TypeAlias = Union[Proxy[T], T]
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
    return _base_wrapped.__get__(proxy)  # type: ignore[no-any-return]


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
    return _base_resolved.__get__(proxy)  # type: ignore[no-any-return]


def resolve(proxy: Proxy[Any]) -> None:
    """Resolve the proxy now (call its factory) if it is not resolved yet.

    Example:
        >>> import proxystore as ps
        >>> p = ps.Proxy(ps.SimpleFactory(1.5))
        >>> ps.resolve(p)
        >>> ps.is_resolved(p)
        True
    """
    _base_wrapped.__get__(proxy)


def get_factory(proxy: Proxy[T]) -> FactoryType[T]:
    """Return the factory passed to the proxy's constructor (never resolves).

    Example:
        >>> import proxystore as ps
        >>> factory = ps.SimpleFactory(42)
        >>> ps.get_factory(ps.Proxy(factory)) is factory
        True
    """
    helper: _ResolveOnce = _base_factory.__get__(proxy)
    return helper.factory


# Names a ProxyLocker answers; everything else raises AttributeError.
_LOCKER_NAMES = frozenset(
    {"unlock", "__class__", "__reduce__", "__reduce_ex__", "__repr__"},
)


class ProxyLocker(Generic[T]):
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

    def __init__(self, proxy: Proxy[T]) -> None:
        if not isinstance(proxy, Proxy):
            raise TypeError(
                f"ProxyLocker needs a Proxy, got {type(proxy).__qualname__}",
            )
        object.__setattr__(self, "_proxy", proxy)

    def unlock(self) -> Proxy[T]:
        """Return the locked proxy (does not resolve it)."""
        proxy: Proxy[T] = object.__getattribute__(self, "_proxy")
        return proxy

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        # Handing the proxy itself to the pickler would let it inspect the
        # proxy (cloudpickle reads `__class__`), which can resolve it.
        proxy = self.unlock()
        helper = _helper_of(proxy)
        return (
            _rebuild_locker,
            (type(proxy), helper.factory, helper.target_class),
        )

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
                f"ProxyLocker hides its proxy: call unlock() instead of "
                f"accessing {name!r}",
            )

        def __setattr__(self, name, value):
            raise AttributeError(f"ProxyLocker is read-only: cannot set {name!r}")


# --------------------------------------------------------------------------
# The getattr slot patch.
#
# Why: the C base implements attribute lookup in its `tp_getattro` slot
# (generic lookup, then its own `__getattr__` method, which resolves the
# proxy and reads the target). It *also* lists `__getattr__` among its
# methods. When CPython builds a Python subclass, `update_one_slot` sees a
# `__getattr__` in the MRO that is not the wrapper of a slot it recognises,
# and installs `slot_tp_getattr_hook` as the subclass's `tp_getattro`. That
# hook calls `__getattribute__` through a Python-level method wrapper and, on
# AttributeError, calls `__getattr__` again: every attribute read on a proxy
# (and `isinstance`, which reads `__class__`) pays about 60 ns more than on
# the C class itself.
#
# What: as long as no class in the subclass's MRO defines `__getattribute__`,
# the base's C `Proxy_getattro` does exactly what the hook does (it also
# finds a subclass's Python `__getattr__`, through generic lookup), so we copy
# the base's slot pointer into the subclass. There is no public API for it,
# hence ctypes. The field offset is not hard-coded: it is found by scanning
# `object`'s type struct for the address of `PyObject_GenericGetAttr`, and
# the result is checked against probe classes before anything is written.
# On any surprise (another interpreter, a changed layout, a missing symbol)
# nothing is written and the subclass keeps CPython's slow but correct slot.
# Assigning `__getattr__` or `__getattribute__` on the class later makes
# CPython recompute the slot, which stays correct.
# --------------------------------------------------------------------------

_POINTER_SIZE = 8 if sys.maxsize > 2**32 else 4
_SCAN_WORDS = 40  # tp_getattro is word 18 of PyTypeObject on 3.10-3.13
_slot_layout: tuple[int, int] | None | bool = False  # False: not probed yet


def _read_pointer(address: int) -> int:
    import ctypes

    return ctypes.c_void_p.from_address(address).value or 0


def _probe_slot_layout() -> tuple[int, int] | None:
    """Return (offset of tp_getattro, address of slot_tp_getattr_hook)."""
    if sys.implementation.name != "cpython":
        return None
    import ctypes

    generic = ctypes.cast(
        ctypes.pythonapi.PyObject_GenericGetAttr,
        ctypes.c_void_p,
    ).value
    if not generic:
        return None
    matches = [
        word * _POINTER_SIZE
        for word in range(_SCAN_WORDS)
        if _read_pointer(id(object) + word * _POINTER_SIZE) == generic
    ]
    if len(matches) != 1:
        return None
    offset = matches[0]

    class Plain:
        pass

    class Hooked:
        def __getattr__(self, name: str) -> Any:
            raise AttributeError(name)

    hook = _read_pointer(id(Hooked) + offset)
    if _read_pointer(id(Plain) + offset) != generic or hook in (0, generic):
        return None
    return offset, hook


def _install_fast_getattro(cls: type) -> bool:
    """Give ``cls`` the C base's attribute lookup slot; True if it did."""
    global _slot_layout
    try:
        if any(
            "__getattribute__" in vars(klass)
            for klass in cls.__mro__
            if klass not in (_LazyObjectProxy, object)
        ):
            return False
        if _slot_layout is False:
            _slot_layout = _probe_slot_layout()
        if not isinstance(_slot_layout, tuple):
            return False
        offset, hook = _slot_layout
        base_slot = _read_pointer(id(_LazyObjectProxy) + offset)
        if _read_pointer(id(cls) + offset) != hook or base_slot in (0, hook):
            return False
        import ctypes

        ctypes.c_void_p.from_address(id(cls) + offset).value = base_slot
        ctypes.pythonapi.PyType_Modified(ctypes.py_object(cls))
        return True
    except Exception:  # pragma: no cover - keep the slow, correct slot
        return False


_FAST_GETATTRO = _install_fast_getattro(Proxy)
"""Whether the slot patch took effect for :class:`Proxy` itself."""
