"""A proxy of a class object, ``Proxy[type[X]]``: called, it constructs an X; read, X's class attributes.

At runtime the proxy forwards ``p()`` and ``p.attr`` to the class. mypy
has no class that is both a ``type[X]`` and an instance of ``Proxy``, so
the synthesized class (synthesis.py) has X's metaclass as its base, a
``__call__`` and a ``__getattr__`` that stand for what the class does; the
hooks here give them the types ``X(...)`` and ``X.attr`` have, computed
while types are checked (when X's members are all known).
"""

from __future__ import annotations

from typing import Final

from mypy.checker import TypeChecker
from mypy.nodes import (
    ARG_POS,
    ARG_STAR,
    ARG_STAR2,
    MDEF,
    Block,
    FuncDef,
    SymbolTableNode,
    TypeInfo,
)
from mypy.plugin import AttributeContext, MethodSigContext
from mypy.types import (
    AnyType,
    CallableType,
    FunctionLike,
    Instance,
    Type,
    TypeOfAny,
    TypeType,
    get_proper_type,
)

from proxystore_mypy._compat import class_member_type, constructor_type
from proxystore_mypy._fallback import default_attribute, default_method_signature, guarded
from proxystore_mypy.env import RunState
from proxystore_mypy.proxy_types import declared_target, proxy_instance, target_of

# The members a proxy of a class object declares for the hooks to retype.
CALL: Final = "__call__"
GETATTR: Final = "__getattr__"


def class_object_target(info: TypeInfo) -> Instance | None:
    """X, if ``info`` is the synthesized class of a ``Proxy[type[X]]``."""
    target = get_proper_type(declared_target(info))
    if isinstance(target, TypeType) and isinstance(target.item, Instance):
        return target.item
    return None


def add_class_object_members(info: TypeInfo, function: Instance, string: Instance) -> None:
    """Declare ``__call__(*args, **kwargs)`` and ``__getattr__(name)``, both ``Any``, for the hooks.

    ``function`` and ``string`` are ``builtins.function`` and ``builtins.str``.
    """
    self_type = Instance(info, [])
    any_type = AnyType(TypeOfAny.special_form)
    call = CallableType(
        [self_type, any_type, any_type],
        [ARG_POS, ARG_STAR, ARG_STAR2],
        ["self", "args", "kwargs"],
        any_type,
        function,
    )
    getattr_type = CallableType(
        [self_type, string], [ARG_POS, ARG_POS], ["self", "name"], any_type, function
    )
    for name, signature in ((CALL, call), (GETATTR, getattr_type)):
        method = FuncDef(name, [], Block([]), signature)
        method.info = info
        method._fullname = f"{info.fullname}.{name}"
        info.names[name] = SymbolTableNode(MDEF, method, plugin_generated=True)


def _class_object(proxy: Type) -> TypeType | None:
    owner = proxy_instance(proxy)
    target = get_proper_type(target_of(owner)) if owner is not None else None
    return target if isinstance(target, TypeType) else None


@guarded(default_method_signature)
def constructor_callback(ctx: MethodSigContext, run: RunState) -> FunctionLike:
    """``p(...)`` on a ``Proxy[type[X]]``: the signature of ``X(...)``."""
    class_object = _class_object(ctx.type)
    item = class_object.item if class_object is not None else None
    if not isinstance(item, Instance) or not isinstance(ctx.api, TypeChecker):
        return ctx.default_signature
    constructor = constructor_type(ctx.api, item.type)
    return constructor if isinstance(constructor, FunctionLike) else ctx.default_signature


@guarded(default_attribute)
def class_attribute_callback(ctx: AttributeContext, run: RunState, name: str) -> Type:
    """``p.name`` on a ``Proxy[type[X]]``, for a name the proxy lacks: the type of ``X.name``."""
    class_object = _class_object(ctx.type)
    if class_object is None or not isinstance(ctx.api, TypeChecker):
        return ctx.default_attr_type
    return class_member_type(ctx.api, name, class_object, ctx.context)


__all__ = [
    "add_class_object_members",
    "class_attribute_callback",
    "class_object_target",
    "constructor_callback",
]
