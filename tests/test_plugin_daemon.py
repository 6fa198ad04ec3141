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
from _mypy_output import Daemon, MypyRun, run_mypy_subprocess, write_plugin_project

BOX = """\
from typing import Generic, TypeVar

from proxystore import Proxy

T = TypeVar("T")


class Box(Generic[T]):
    def get(self) -> T:
        raise NotImplementedError


def f(p: Proxy[Box[int]]) -> int:
    return p.get()
"""


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Daemon]:
    started = Daemon(tmp_path, tmp_path)
    try:
        yield started
    finally:
        started.stop()


ENUM = """\
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
"""


@pytest.mark.parametrize("source", [BOX, ENUM], ids=["generic class", "enum"])
def test_a_target_keeps_its_members_after_an_edit(daemon: Daemon, source: str) -> None:
    write_plugin_project(daemon.project, {"a.py": source})
    assert daemon.run("--config-file", "mypy.ini", "a.py").messages == []
    for _ in range(2):
        with (daemon.project / "a.py").open("a") as module:
            module.write("\n")
        assert daemon.run("--config-file", "mypy.ini", "a.py").messages == []


ORDERED = {
    "models.py": (
        "from dataclasses import dataclass\n\n\n@dataclass(order=True)\nclass DC:\n    x: int\n"
    ),
    "api.py": (
        "from proxystore import Proxy\n\nfrom models import DC\n\n\n"
        "def use(p: Proxy[DC]) -> bool:\n    return p < p\n"
    ),
    "user.py": (
        "from proxystore import Proxy\n\nfrom api import use\nfrom models import DC\n\n"
        "q: Proxy[DC]\nuse(q)\n"
    ),
}


def _messages(run: MypyRun) -> list[str]:
    return sorted(f"{m.file_name}:{m.line}: {m.text}" for m in run.messages)


def _cold(daemon: Daemon, files: list[str]) -> list[str]:
    """What a cold mypy run over ``files`` of the daemon's project says."""
    run = run_mypy_subprocess(
        ["--config-file", "mypy.ini", "--no-incremental", *files], cwd=daemon.project
    )
    run.assert_completed()
    return _messages(run)


def _warm(daemon: Daemon, files: list[str]) -> list[str]:
    return _messages(daemon.run("--config-file", "mypy.ini", *files))


def test_removing_and_restoring_a_dataclass_option_matches_cold_runs(daemon: Daemon) -> None:
    """Issue 7, reproducer 4: ``order=True`` removed, then restored, under the daemon."""
    write_plugin_project(daemon.project, ORDERED)
    files = list(ORDERED)
    models = daemon.project / "models.py"
    assert _warm(daemon, files) == _cold(daemon, files) == []
    models.write_text(ORDERED["models.py"].replace("(order=True)", ""))
    removed = _cold(daemon, files)
    assert any("Unsupported left operand" in message for message in removed), removed
    assert _warm(daemon, files) == removed
    models.write_text(ORDERED["models.py"])
    assert _warm(daemon, files) == _cold(daemon, files) == []


# A class defined in a function keeps its proxy class across the daemon's
# runs (the daemon keeps local classes in the module's symbol table), so a
# rebuilt proxy class must take its MRO from its bases as they are now.
REBASED = {
    "base.py": (
        "class A:\n    def only_a(self) -> int:\n        return 1\n\n\n"
        "class B:\n    def only_b(self) -> str:\n        return ''\n\n\n"
        "class Base(A):\n    pass\n"
    ),
    "a.py": (
        "from proxystore import Proxy\n\nimport base\n\n\n"
        "def f(q: Proxy[base.A]) -> int:\n"
        "    class Foo(base.Base):\n        pass\n\n"
        "    p: Proxy[Foo]\n"
        "    q = p\n"
        "    return p.only_a()\n"
    ),
}


def test_a_local_class_whose_base_changes_bases_matches_cold_runs(daemon: Daemon) -> None:
    write_plugin_project(daemon.project, REBASED)
    files = list(REBASED)
    assert _warm(daemon, files) == _cold(daemon, files) == []
    (daemon.project / "base.py").write_text(
        REBASED["base.py"].replace("class Base(A):", "class Base(B):")
    )
    rebased = _cold(daemon, files)
    assert any('has no attribute "only_a"' in message for message in rebased), rebased
    assert _warm(daemon, files) == rebased


# The statement that shows a class's proxy class to the daemon
# (companions._keep_daemon_visible) must never be reported itself.


def test_a_class_that_loses_its_proxy_class_leaves_no_error(daemon: Daemon) -> None:
    """A base edited into a proxy class: the subclass no longer has a proxy class."""
    files = {
        "b.py": "class Base:\n    pass\n",
        "m.py": "from b import Base\n\n\nclass A(Base):\n    pass\n",
    }
    write_plugin_project(daemon.project, files)
    assert daemon.run("--config-file", "mypy.ini", "m.py", "b.py").messages == []
    (daemon.project / "b.py").write_text(
        "from proxystore.proxy import Proxy\n\n\nclass Base(Proxy[int]):\n    pass\n"
    )
    assert daemon.run("--config-file", "mypy.ini", "m.py", "b.py").messages == []


ENDS_WITH_EXIT = "import sys\n\n\nclass B:\n    y: int = 1\n\n\nsys.exit(0)\n"


@pytest.mark.parametrize("mode", ["dmypy", "cache-fine-grained"])
def test_a_module_that_ends_with_exit_has_nothing_unreachable(daemon: Daemon, mode: str) -> None:
    write_plugin_project(daemon.project, {"b.py": ENDS_WITH_EXIT})
    args = ["--config-file", "mypy.ini", "--warn-unreachable", "b.py"]
    if mode == "dmypy":
        run = daemon.run(*args)
        run.assert_completed()
        assert run.messages == [], run.output
        (daemon.project / "b.py").write_text(ENDS_WITH_EXIT + "\n")
        run = daemon.run(*args)
    else:
        run = run_mypy_subprocess(
            [*args, "--cache-fine-grained", "--no-incremental"], cwd=daemon.project
        )
    run.assert_completed()
    assert run.messages == [], run.output


CLASS_OBJECT = """\
from proxystore import Proxy, SimpleFactory


class Point:
    kind = "pt"

    @classmethod
    def origin(cls) -> "Point":
        return cls()


pc: Proxy[type[Point]] = Proxy(SimpleFactory(Point))
reveal_type(pc())
reveal_type(pc.origin())
reveal_type(pc.kind)
"""


def test_a_class_object_proxy_reads_class_attributes_as_a_cold_run(daemon: Daemon) -> None:
    write_plugin_project(daemon.project, {"a.py": CLASS_OBJECT})
    cold = run_mypy_subprocess(
        ["--config-file", "mypy.ini", "--no-incremental", "a.py"], cwd=daemon.project
    )
    cold.assert_completed()
    assert daemon.run("--config-file", "mypy.ini", "a.py").messages == cold.messages
