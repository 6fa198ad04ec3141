"""The generated project on disk: writing it, touching, editing and deleting its modules."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .kinds import PACKAGE, Kind

MYPY_INI = """\
[mypy]
plugins = proxystore_mypy
strict = True
show_error_codes = True
color_output = False
pretty = False
error_summary = True
"""


def module_path(root: Path, kind: Kind, module: str) -> Path:
    return root / PACKAGE / kind.name / f"{module}.py"


def write(path: Path, text: str) -> None:
    """Write ``text`` with an mtime later than the file's previous one.

    Two versions of a file written within one second must not look alike to
    mypy or dmypy, whatever the file system's timestamp resolution.
    """
    before = path.stat().st_mtime if path.exists() else 0.0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    later = max(path.stat().st_mtime, before + 2)
    os.utime(path, (later, later))


def write_project(root: Path, kinds: Iterable[Kind]) -> Path:
    """The project with every kind as a sub-package of ``cpkg``, and its mypy.ini."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mypy.ini").write_text(MYPY_INI)
    write(root / PACKAGE / "__init__.py", "")
    for kind in kinds:
        write(root / PACKAGE / kind.name / "__init__.py", "")
        for module, source in kind.modules.items():
            write(module_path(root, kind, module), source)
    return root


def copy_project(source: Path, destination: Path) -> Path:
    shutil.copytree(
        source, destination, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache")
    )
    return destination


def touch(root: Path, kind: Kind, module: str) -> None:
    """Append a blank line: the module's interface and messages stay the same."""
    path = module_path(root, kind, module)
    write(path, path.read_text() + "\n")


def edit(root: Path, kind: Kind) -> None:
    """Apply the kind's edit of its proxied class."""
    _replace(root, kind, [(change.module, change.old, change.new) for change in kind.edit])


def revert(root: Path, kind: Kind) -> None:
    """Undo ``edit``: the module's text is the original again (plus any touches)."""
    _replace(
        root, kind, [(change.module, change.new, change.old) for change in reversed(kind.edit)]
    )


def _replace(root: Path, kind: Kind, replacements: list[tuple[str, str, str]]) -> None:
    """In each (module, old, new), replace the one occurrence of ``old`` by ``new``."""
    for module, old, new in replacements:
        path = module_path(root, kind, module)
        text = path.read_text()
        if text.count(old) != 1:
            raise AssertionError(f"{old!r} is not once in {path}")
        write(path, text.replace(old, new))


def delete(root: Path, kind: Kind) -> str:
    """Delete the kind's ``delete`` module; return its text for ``recreate``."""
    assert kind.delete is not None
    path = module_path(root, kind, kind.delete)
    text = path.read_text()
    path.unlink()
    return text


def recreate(root: Path, kind: Kind, text: str) -> None:
    assert kind.delete is not None
    write(module_path(root, kind, kind.delete), text)
