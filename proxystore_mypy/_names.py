"""Every name the plugin dispatches on or spells internally, in one place."""

from __future__ import annotations

from typing import Final

PROXY_MODULE: Final = "proxystore.proxy"
PROXY: Final = "proxystore.proxy.Proxy"
PROXY_LOCKER: Final = "proxystore.proxy.ProxyLocker"
# Functions (and the locker's constructor) whose first parameter is Proxy[T].
PROXY_API_FUNCTIONS: Final = frozenset(
    {
        "proxystore.proxy.extract",
        "proxystore.proxy.get_factory",
        "proxystore.proxy.is_resolved",
        "proxystore.proxy.resolve",
        PROXY_LOCKER,
    }
)

# The proxy's own attributes: they keep Proxy's types even when the target
# defines a member of the same name (functools.wraps sets `__wrapped__`).
# `__init__` is the proxy's too: a user's `class IntProxy(Proxy[int])` is
# constructed from a factory, not from int's arguments.
PROXY_OWN_ATTRIBUTES: Final = ("__wrapped__", "__factory__", "__resolved__", "__init__")

# A read-only member that every proxy class the plugin makes declares: how
# the plugin finds a proxy type's target (proxy_types.py). On the per-module
# synthesized classes (non-class targets), which are protocols, it is also
# what makes two modules' classes for the same target accept each other.
TARGET_MEMBER: Final = "__proxy_target__"

# The key of the plugin's entry in a synthesized class's ``TypeInfo.metadata``:
# what marks the class as the plugin's, saved with the cache like the rest
# of the class (mypy's dataclasses plugin and pydantic keep theirs the same way).
METADATA_KEY: Final = "proxystore_mypy"

# The suffix of every synthesized class's key in its module's symbol table
# and of its fullname. mypy's per-class passes over a module's own
# definitions (`local_definitions`) skip names with this suffix: one of them
# rejects a protocol whose bases are not all protocols (see registry.py).
REDEF_SUFFIX: Final = "-redef"

# Set to "1" to let internal errors propagate while developing the plugin,
# instead of falling back to mypy's answer with a note (read when used).
DEBUG_VARIABLE: Final = "PROXYSTORE_MYPY_DEBUG"

# Modules whose own annotations must keep the plain `Proxy[T]` class: the
# runtime package itself declares the proxy API in terms of it.
PLAIN_PROXY_MODULES: Final = ("proxystore", "proxystore.proxy", "proxystore.factory")
PROXY_OR: Final = "proxystore.proxy.ProxyOr"
NAMED_TUPLE_BASES: Final = frozenset({"typing.NamedTuple", "typing_extensions.NamedTuple"})

# Special methods the runtime proxy does not forward: lazy-object-proxy's C
# type leaves tp_iternext and tp_as_buffer empty and defines no `__trunc__`,
# so `next(p)`, `memoryview(p)` and `math.trunc(p)` fail even when the target
# supports them. The plugin hides them, so that mypy reports what would fail
# at runtime. (`math.floor`/`math.ceil` fall back to the proxy's `__float__`.)
UNFORWARDED_SPECIAL_METHODS: Final = ("__next__", "__buffer__", "__trunc__")

# Builtin functions whose result is what a special method of their first
# argument returns. Given a proxy, the runtime proxy calls that method on its
# target, so a result declared `Self` is the target, not a proxy (self_types.py).
SPECIAL_METHOD_CALLERS: Final = {
    "builtins.abs": "__abs__",
    "builtins.round": "__round__",
    "builtins.divmod": "__divmod__",
    "builtins.pow": "__pow__",
    "builtins.iter": "__iter__",
}

# In-place operators and the binary operator Python falls back to. The C
# proxy implements every one of them by replacing its target with the result
# and returning itself: after `p += 1`, `p` is still a proxy.
INPLACE_OPERATORS: Final = {
    "__iadd__": "__add__",
    "__isub__": "__sub__",
    "__imul__": "__mul__",
    "__imatmul__": "__matmul__",
    "__itruediv__": "__truediv__",
    "__ifloordiv__": "__floordiv__",
    "__imod__": "__mod__",
    "__ipow__": "__pow__",
    "__ilshift__": "__lshift__",
    "__irshift__": "__rshift__",
    "__iand__": "__and__",
    "__ixor__": "__xor__",
    "__ior__": "__or__",
}
