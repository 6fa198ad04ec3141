"""Factories: picklable callables that produce a proxy's target.

Any callable with no arguments can be a proxy's factory, but a
:class:`Factory` is picklable whenever what it holds is picklable, and its
``repr`` names what it produces, which makes error messages readable.

Example:
    >>> import proxystore as ps
    >>> p = ps.Proxy(ps.LambdaFactory(range, 3))
    >>> list(p)
    [0, 1, 2]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from typing_extensions import ParamSpec

__all__ = ["Factory", "LambdaFactory", "SimpleFactory"]

T = TypeVar("T")
P = ParamSpec("P")


class Factory(Generic[T]):
    """Base class of factories: calling a factory returns ``self.resolve()``.

    Subclasses implement :meth:`resolve`. Keep their state picklable (plain
    attributes, module-level callables) so that proxies using them can be
    pickled and sent to other processes.

    Example:
        >>> import proxystore as ps
        >>> class Squares(ps.Factory[list[int]]):
        ...     def __init__(self, n: int) -> None:
        ...         self.n = n
        ...     def resolve(self) -> list[int]:
        ...         return [i * i for i in range(self.n)]
        >>> Squares(4)()
        [0, 1, 4, 9]
    """

    def resolve(self) -> T:
        """Produce the target object. Subclasses must override this."""
        raise NotImplementedError(
            f"{type(self).__qualname__} must implement resolve() to be used as a factory",
        )

    def target_class(self) -> type[T] | None:
        """The exact class of the object :meth:`resolve` will return, or None.

        A proxy of this factory answers ``__class__`` (and so ``isinstance``)
        with this class while it is unresolved, instead of calling the
        factory. Engines such as Dask, Ray and cloudpickle read ``__class__``
        of everything they ship, so a factory that knows the class lets a
        proxy travel to a worker without being resolved on the way.

        Return a class only if it is *exactly* the class of the object that
        :meth:`resolve` returns (``type(obj)``), and only if it is known
        without producing the object. A base class, a protocol or a return
        annotation is not enough: return None (the default), and the proxy
        calls the factory to answer, as any unknown-class proxy does.

        Example:
            >>> import proxystore as ps
            >>> class Zeros(ps.Factory[list[int]]):
            ...     def __init__(self, n: int) -> None:
            ...         self.n = n
            ...     def resolve(self) -> list[int]:
            ...         return [0] * self.n
            ...     def target_class(self) -> type[list[int]]:
            ...         return list
            >>> p = ps.Proxy(Zeros(3))
            >>> isinstance(p, list), ps.is_resolved(p)
            (True, False)
        """
        return None

    def __call__(self) -> T:
        return self.resolve()


class SimpleFactory(Factory[T]):
    """A factory that returns the object it was given.

    Pickling the factory pickles the object, so a proxy of a
    ``SimpleFactory`` carries its target by value. It knows its target's
    class (:meth:`target_class`), so ``isinstance`` on its proxy never
    resolves it.

    Args:
        obj: The object to return.

    Example:
        >>> import proxystore as ps
        >>> ps.SimpleFactory("data")()
        'data'
    """

    def __init__(self, obj: T) -> None:
        self.obj = obj

    def resolve(self) -> T:
        """Return the object given to the constructor."""
        return self.obj

    def target_class(self) -> type[T]:
        """The class of the object given to the constructor."""
        # Read now, not at construction: the object's own answer, always.
        cls: type[T] = self.obj.__class__
        return cls

    def __repr__(self) -> str:
        return f"{type(self).__name__}({_short_repr(self.obj)})"


class LambdaFactory(Factory[T]):
    """A factory that calls ``target(*args, **kwargs)``.

    Pickling the factory pickles ``target`` (by reference, for a module-level
    function) and the arguments, so the target is computed where the proxy
    is resolved.

    Args:
        target: The callable to call.
        *args: Positional arguments for ``target``.
        **kwargs: Keyword arguments for ``target``.

    Raises:
        TypeError: If ``target`` is not callable.

    Example:
        >>> import proxystore as ps
        >>> ps.LambdaFactory(max, 3, 7, key=abs)()
        7
    """

    def __init__(
        self,
        target: Callable[P, T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        if not callable(target):
            raise TypeError(
                f"LambdaFactory target must be callable, got {target!r} "
                f"of type {type(target).__qualname__}",
            )
        self.target: Callable[..., T] = target
        self.args: tuple[Any, ...] = args
        self.kwargs: dict[str, Any] = kwargs

    def resolve(self) -> T:
        """Return ``target(*args, **kwargs)``."""
        return self.target(*self.args, **self.kwargs)

    def __repr__(self) -> str:
        arguments = [_short_repr(arg) for arg in self.args]
        arguments += [f"{key}={_short_repr(v)}" for key, v in self.kwargs.items()]
        name = getattr(self.target, "__qualname__", None) or repr(self.target)
        return f"{type(self).__name__}({name}, {', '.join(arguments)})".replace(
            ", )",
            ")",
        )


def _short_repr(obj: object, limit: int = 60) -> str:
    # Factory reprs end up in error messages; a big target must not flood them.
    text = repr(obj)
    return text if len(text) <= limit else f"{text[: limit - 3]}..."
