"""Known target classes: ``Proxy(..., target_class=)`` and ``Factory.target_class()``."""

from __future__ import annotations

from proxystore import Factory, LambdaFactory, Proxy, ProxyLocker, SimpleFactory
from typing_tests._runtime import assert_type


class Foo:
    def bar(self) -> int:
        return 1


class SubFoo(Foo):
    pass


def make_foo() -> Foo:
    return Foo()


def make_ints() -> list[int]:
    return [1, 2]


class FooFactory(Factory[Foo]):
    """A factory that declares its target's class."""

    def resolve(self) -> Foo:
        return Foo()

    def target_class(self) -> type[Foo]:
        return Foo


# The keyword keeps the proxy's type: the factory decides it.
p = Proxy(make_foo, target_class=Foo)
assert_type(p, Proxy[Foo])
assert_type(p.bar(), int)
assert_type(Proxy(make_ints, target_class=list), Proxy[list[int]])
assert_type(Proxy(LambdaFactory(str, 5), target_class=str), Proxy[str])
assert_type(Proxy(make_foo, target_class=None), Proxy[Foo])
assert_type(ProxyLocker(Proxy(make_foo, target_class=Foo)).unlock(), Proxy[Foo])
assert_type(Proxy[Foo](make_foo, target_class=Foo), Proxy[Foo])

# The exact class may be a subclass of what the factory declares.
assert_type(Proxy(make_foo, target_class=SubFoo), Proxy[Foo])

# Factories: the declaration is typed by the factory's target type.
assert_type(FooFactory().target_class(), type[Foo])
assert_type(Proxy(FooFactory()), Proxy[Foo])
assert_type(SimpleFactory(3).target_class(), type[int])
assert_type(LambdaFactory(make_foo).target_class(), type[Foo] | None)
assert_type(SimpleFactory([Foo()]).target_class(), type[list[Foo]])


def _misuse() -> None:
    # Type-checks (any class is accepted); resolving it raises
    # ProxyResolveError, since make_foo returns a Foo, not an int.
    assert_type(Proxy(make_foo, target_class=int), Proxy[Foo])
    Proxy(make_foo, target_class="Foo")  # E: Argument "target_class" to "Proxy" has incompatible type "str"; expected "type[Any] | None"  [arg-type]
    wrong: type[int] | None = FooFactory().target_class()  # E: Incompatible types in assignment (expression has type "type[Foo]", variable has type "type[int] | None")  [assignment]
