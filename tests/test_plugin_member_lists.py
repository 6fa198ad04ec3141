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

from _mypy_output import ROOT, run_mypy

A = '''\
from proxystore import Proxy


class S:
    def __init__(self) -> None:
        self.y = 1


a: Proxy[S]
'''

B = '''\
from proxystore import Proxy

from pkg import a

b: Proxy[a.S] = a.a
reveal_type(b.y)
'''


def _check(project: Path) -> list[str]:
    run = run_mypy(
        [
            "--config-file",
            str(project / "mypy.ini"),
            "--cache-dir",
            str(project / "cache"),
            str(project / "pkg"),
        ]
    )
    run.assert_completed()
    return [f"{m.file_name}:{m.line}: {m.kind}: {m.text}" for m in run.messages]


def test_a_proxy_type_built_during_analysis_lists_later_members(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text(A)
    (package / "b.py").write_text(B)
    (tmp_path / "mypy.ini").write_text(
        f"[mypy]\nstrict = True\nplugins = proxystore_mypy\nmypy_path = {ROOT}\n"
    )
    # mypy < 2 prints "builtins.int".
    expected = ['b.py:6: note: Revealed type is "int"']
    cold = [line.replace('"builtins.int"', '"int"') for line in _check(tmp_path)]
    assert cold == expected
    (package / "b.py").write_text(B + "\n")
    warm = [line.replace('"builtins.int"', '"int"') for line in _check(tmp_path)]
    assert warm == expected
