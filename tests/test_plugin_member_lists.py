"""Two proxy types of one target list the same members, whenever each was built.

A proxy type built while its target's module is still being analysed misses
the attributes that method bodies set through ``self``; the plugin lists them
once analysis is over. Here ``a`` spells ``Proxy[S]`` at its top level, before
``S.__init__`` is analysed, and has no expression that would make mypy run
one of the plugin's checking callbacks; ``b`` spells ``Proxy[a.S]`` after all
of ``a`` is analysed. The two must still accept each other, cold and warm.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _mypy_output import check_project, write_plugin_project

A = """\
from proxystore import Proxy


class S:
    def __init__(self) -> None:
        self.y = 1


a: Proxy[S]
"""

B = """\
from proxystore import Proxy

from pkg import a

b: Proxy[a.S] = a.a
reveal_type(b.y)
"""


def _check(project: Path) -> list[str]:
    run = check_project(project, "pkg")
    return [f"{m.file_name}:{m.line}: {m.kind}: {m.text}" for m in run.messages]


def test_a_proxy_type_built_during_analysis_lists_later_members(tmp_path: Path) -> None:
    write_plugin_project(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": A, "pkg/b.py": B})
    # mypy < 2 prints "builtins.int".
    expected = ['b.py:6: note: Revealed type is "int"']
    cold = [line.replace('"builtins.int"', '"int"') for line in _check(tmp_path)]
    assert cold == expected
    (tmp_path / "pkg" / "b.py").write_text(B + "\n")
    warm = [line.replace('"builtins.int"', '"int"') for line in _check(tmp_path)]
    assert warm == expected


# Issue 7, reproducer 1: `maker` builds its proxy type while being analysed
# and runs no plugin callback while being checked, so the class it caches was
# never completed; `main` is checked again after an edit. The kinds below
# get members from mypy's own plugins (NamedTuple's `_asdict`, a dataclass's
# `__dataclass_fields__`, `__lt__` for `order=True`).
MODELS = """\
from dataclasses import dataclass
from functools import total_ordering
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")


class Point(NamedTuple):
    x: int


@dataclass(order=True)
class Item:
    name: str


@dataclass
class Box(Generic[T]):
    item: T


@total_ordering
class Version:
    def __init__(self, number: int) -> None:
        self.number = number

    def __lt__(self, other: "Version") -> bool:
        return self.number < other.number
"""

TARGETS = {
    "stdlib NamedTuple": ("from decimal import DecimalTuple", "DecimalTuple"),
    "user NamedTuple": ("from pkg.models import Point", "Point"),
    "dataclass": ("from pkg.models import Item", "Item"),
    "generic dataclass": ("from pkg.models import Box", "Box[int]"),
    "total_ordering": ("from pkg.models import Version", "Version"),
}


def _maker_and_main(tmp_path: Path, imported: str, spelled: str, maker: str, use: str) -> str:
    name = use.removesuffix("()")
    main = f"from proxystore import Proxy\n{imported}\nfrom pkg.maker import {name}\n\n"
    main += f"v: Proxy[{spelled}] = {use}\n"
    files = {"pkg/__init__.py": "", "pkg/models.py": MODELS, "pkg/maker.py": maker}
    write_plugin_project(tmp_path, {**files, "pkg/main.py": main})
    return main


@pytest.mark.parametrize("target", list(TARGETS))
def test_a_cached_proxy_type_lists_the_members_plugins_add(tmp_path: Path, target: str) -> None:
    imported, spelled = TARGETS[target]
    maker = (
        f"from proxystore import Proxy\n{imported}\n\n\n"
        f"def make() -> Proxy[{spelled}]:\n    raise NotImplementedError\n"
    )
    main = _maker_and_main(tmp_path, imported, spelled, maker, "make()")
    assert _check(tmp_path) == []
    (tmp_path / "pkg" / "main.py").write_text(main + "\n")
    assert _check(tmp_path) == []


def test_a_cached_proxy_type_of_a_total_ordering_class(tmp_path: Path) -> None:
    """``functools.total_ordering`` leaves no mark but the methods its plugin made."""
    imported, spelled = "from pkg.models import Version", "Version"
    # Nothing in `maker` for mypy to run a hook on, whatever the release
    # (mypy 1.4 runs one for `raise NotImplementedError`).
    maker = f"from proxystore import Proxy\n{imported}\n\nmade: Proxy[{spelled}]\n"
    main = _maker_and_main(tmp_path, imported, spelled, maker, "made")
    assert _check(tmp_path) == []
    (tmp_path / "pkg" / "main.py").write_text(main + "\n")
    assert _check(tmp_path) == []


CONSUMER = """\
from proxystore import Proxy

from pkg.models import Item


def take(xs: list[Proxy[Item]]) -> int:
    return len(xs)
"""

PRODUCER = """\
from proxystore import Proxy, SimpleFactory

from pkg.consumer import take
from pkg.models import Item

xs: list[Proxy[Item]] = [Proxy(SimpleFactory(Item("a")))]
take(xs)
"""


def test_an_invariant_container_of_proxies_is_accepted_after_an_edit(tmp_path: Path) -> None:
    """Issue 7, reproducer 2: ``list`` compares its proxy types both ways, member by member."""
    files = {"pkg/__init__.py": "", "pkg/models.py": MODELS, "pkg/consumer.py": CONSUMER}
    write_plugin_project(tmp_path, {**files, "pkg/producer.py": PRODUCER})
    assert _check(tmp_path) == []
    (tmp_path / "pkg" / "producer.py").write_text(PRODUCER + "\n")
    assert _check(tmp_path) == []
