"""Checkers without the plugin see the declared ``Proxy[T]``: covariant in ``T``.

A proxy of a ``Dog`` is a proxy of an ``Animal`` (at run time it forwards to
the dog), so ``Proxy[Dog]`` is accepted where ``Proxy[Animal]`` is expected
without the plugin too. That is sound because, for the checker, nothing on a
proxy takes a ``T``: ``__wrapped__`` and ``__factory__`` are read-only there.
"""

from __future__ import annotations

from pathlib import Path

from _mypy_output import run_mypy

import proxystore as ps

SOURCE = """\
from proxystore import Proxy, ProxyLocker, SimpleFactory, extract

class Animal: ...
class Dog(Animal): ...

def walk(animal: Proxy[Animal]) -> Animal:
    return extract(animal)

def keep(locker: ProxyLocker[Animal]) -> Proxy[Animal]:
    return locker.unlock()

dog = Proxy(SimpleFactory(Dog()))
reveal_type(walk(dog))
reveal_type(keep(ProxyLocker(dog)))
dogs: list[Proxy[Dog]] = [dog]
animals: list[Proxy[Animal]] = dogs  # list is invariant: still an error
dog.__wrapped__ = Dog()
dog.__factory__ = SimpleFactory(Dog())
"""

EXPECTED = [
    'main.py:13: note: Revealed type is "main.Animal"',
    'main.py:14: note: Revealed type is "proxystore.proxy.Proxy[main.Animal]"',
    "main.py:16: error: Incompatible types in assignment (expression has type"
    ' "list[Proxy[Dog]]", variable has type "list[Proxy[Animal]]")  [assignment]',
    'main.py:17: error: Property "__wrapped__" defined in "Proxy" is read-only  [misc]',
    'main.py:18: error: Property "__factory__" defined in "Proxy" is read-only  [misc]',
]


def test_a_proxy_of_a_subclass_is_a_proxy_of_its_base(tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(SOURCE)
    (tmp_path / "mypy.ini").write_text("[mypy]\nstrict = True\n")
    run = run_mypy(
        [
            "--config-file",
            str(tmp_path / "mypy.ini"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-error-summary",
            "--hide-error-context",
            str(tmp_path / "main.py"),
        ]
    )
    lines = [line.replace(str(tmp_path) + "/", "") for line in run.output.splitlines()]
    lines = [line for line in lines if "note: " not in line or "Revealed" in line]
    assert lines == EXPECTED, run.output


def test_what_the_checker_accepts_holds_at_run_time() -> None:
    class Animal:
        pass

    class Dog(Animal):
        pass

    dog = ps.Proxy(ps.SimpleFactory(Dog()))
    assert isinstance(dog, Animal)
    assert isinstance(ps.ProxyLocker(dog).unlock(), Animal)
    # Read-only for the checker only: the run time still replaces both.
    other = Dog()
    dog.__wrapped__ = other  # type: ignore[misc]
    assert ps.extract(dog) is other
    factory = ps.SimpleFactory(Dog())
    dog.__factory__ = factory  # type: ignore[misc]
    assert ps.get_factory(dog) is factory
