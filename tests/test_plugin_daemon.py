"""Under ``dmypy``, a re-checked module keeps the answers of a cold run.

Issue 7, reproducer 3: the daemon re-analyses an edited module into new
class objects and then merges them into the old ones; a synthesized class
built during that analysis must end up referring to the classes that
survive the merge, or its members lose their type arguments (``Any``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _mypy_output import Daemon, write_plugin_project

BOX = '''\
from typing import Generic, TypeVar

from proxystore import Proxy

T = TypeVar("T")


class Box(Generic[T]):
    def get(self) -> T:
        raise NotImplementedError


def f(p: Proxy[Box[int]]) -> int:
    return p.get()
'''


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Daemon]:
    started = Daemon(tmp_path, tmp_path)
    try:
        yield started
    finally:
        started.stop()


ENUM = '''\
import enum

from typing_extensions import assert_never

from proxystore import Proxy, extract


class Color(enum.Enum):
    R = 1
    G = 2


def name(c: Proxy[Color]) -> str:
    x = extract(c)
    if x is Color.R:
        return "r"
    if x is Color.G:
        return "g"
    assert_never(x)
'''


@pytest.mark.parametrize("source", [BOX, ENUM], ids=["generic class", "enum"])
def test_a_target_keeps_its_members_after_an_edit(daemon: Daemon, source: str) -> None:
    write_plugin_project(daemon.project, {"a.py": source})
    assert daemon.run("--config-file", "mypy.ini", "a.py").messages == []
    for _ in range(2):
        with (daemon.project / "a.py").open("a") as module:
            module.write("\n")
        assert daemon.run("--config-file", "mypy.ini", "a.py").messages == []
