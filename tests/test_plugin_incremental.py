"""The plugin across modules and across runs: one type everywhere, incremental equals cold.

The project in ``tests/incremental_project/`` makes proxies in ``app.make``,
receives them in ``app.use`` (a sibling that never imports ``make``), and
passes every one to every parameter that should accept it in ``app.main``.
Each ``Proxy[X]`` becomes a class stored in the module that spelled it, so
these modules hold different classes for the same proxy, and module-level
inferred types are written to the cache under those classes' names.

A cold run, a warm run from ``.mypy_cache``, a run after an edit and
``dmypy run`` must all print the same errors. mypy runs in a subprocess with
``PROXYSTORE_MYPY_DEBUG=1``, so an internal plugin error is a crash, not a
silent fallback.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _mypy_output import (
    Daemon,
    by_file,
    parse_messages,
    run_mypy_subprocess,
    write_plugin_project,
)

PROJECT = Path(__file__).resolve().parent / "incremental_project"
TIMEOUT = 120  # seconds, for every subprocess

Edit = Callable[[Path], None]


def _mypy_args(cache_dir: Path) -> list[str]:
    return ["--config-file", "mypy.ini", "--cache-dir", str(cache_dir), "-p", "app"]


def run_mypy(project: Path, cache_dir: Path) -> str:
    """One ``python -m mypy`` run over the project: its stdout and stderr."""
    run = run_mypy_subprocess(_mypy_args(cache_dir), cwd=project, timeout=TIMEOUT)
    run.assert_no_crash()
    return run.output


def messages_by_file(output: str) -> dict[str, list[str]]:
    """The error and note lines, grouped by file in the order mypy printed them.

    dmypy may report files in another order than a cold run (it does after a
    module is deleted); within a file the order is mypy's own.
    """
    return {
        path: [f"{m.path}:{m.line}: {m.kind}: {m.text}" for m in messages]
        for path, messages in by_file(parse_messages(output)).items()
    }


def assert_same_messages(actual: str, expected: str, what: str) -> None:
    """The same error and note lines per file; the failure shows a unified diff."""
    if messages_by_file(actual) == messages_by_file(expected):
        return

    def lines(output: str) -> list[str]:
        grouped = messages_by_file(output)
        return [line for name in sorted(grouped) for line in grouped[name]]

    diff = "\n".join(
        difflib.unified_diff(lines(expected), lines(actual), "cold", what, lineterm="")
    )
    raise AssertionError(f"{what} differs from a cold run:\n{diff}")


def copy_project(destination: Path) -> Path:
    shutil.copytree(
        PROJECT, destination, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache")
    )
    return destination


def _write(path: Path, text: str) -> None:
    # A later mtime, so that neither mypy nor dmypy can mistake the edit for
    # the old file when both fall within one second.
    before = path.stat().st_mtime if path.exists() else 0.0
    path.write_text(text)
    later = max(path.stat().st_mtime, before + 2)
    os.utime(path, (later, later))


def edit_function_body(project: Path) -> None:
    """A body-only change in ``use``: its interface stays the same."""
    use = project / "app" / "use.py"
    text = use.read_text()
    assert "return p.double() + extract(p).n" in text
    _write(
        use,
        text.replace("return p.double() + extract(p).n", "return p.double() * 3 + extract(p).n"),
    )


def edit_new_proxy_type(project: Path) -> None:
    """``make`` gains functions and a module-level proxy of types no module spelled before."""
    make = project / "app" / "make.py"
    _write(
        make,
        make.read_text()
        + "\n\ndef foo_dict() -> Proxy[dict[str, Foo]]:\n"
        + '    return Proxy(SimpleFactory({"a": Foo(1)}))\n'
        + "\n\nNAMES = wrap(frozenset({'a'}))\n",
    )
    main = project / "app" / "main.py"
    _write(
        main,
        main.read_text()
        + "\nDICT = make.foo_dict()\n"
        + 'use.take_proxy_foo(DICT["a"])\n'
        + "reveal_type(len(make.NAMES))\n"
        + "reveal_type(DICT.keys())\n",
    )


def edit_target_class(project: Path) -> None:
    """``Foo.double`` is renamed: every proxy of ``Foo`` in every module must notice."""
    models = project / "app" / "models.py"
    text = models.read_text()
    assert "def double(self)" in text
    _write(models, text.replace("def double(self)", "def doubled(self)"))


def delete_class_module(project: Path) -> None:
    """The module that defines ``Bar``, proxied in ``make`` and ``main``, disappears."""
    (project / "app" / "models2.py").unlink()


EDITS: dict[str, Edit] = {
    "function_body": edit_function_body,
    "new_proxy_type": edit_new_proxy_type,
    "target_class": edit_target_class,
    "delete_class_module": delete_class_module,
}


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str | None], str]:
    """The cold-run output of the project, unedited (None) or after one edit; computed once."""
    outputs: dict[str | None, str] = {}

    def output(edit: str | None) -> str:
        if edit not in outputs:
            base = tmp_path_factory.mktemp(f"cold-{edit or 'base'}")
            project = copy_project(base / "project")
            if edit is not None:
                EDITS[edit](project)
            outputs[edit] = run_mypy(project, base / "cache")
        return outputs[edit]

    return output


def _line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in {path}")


def test_one_type_everywhere(cold: Callable[[str | None], str]) -> None:
    """Every proxy made in one module is accepted wherever its target or proxy is expected."""
    output = cold(None)
    main = PROJECT / "app" / "main.py"
    errors = [line for line in output.splitlines() if ": error: " in line]
    deliberate = _line_of(main, "# the one deliberate error")
    assert errors == [
        f'app/main.py:{deliberate}: error: Argument 1 to "take_path" has incompatible type '
        '"Proxy[Foo]"; expected "Path"  [arg-type]'
    ], output
    notes = [line for line in output.splitlines() if ": note: " in line]
    assert all("Revealed type is" in note for note in notes), output
    expected_reveals = {
        ("main.py", "reveal_type(make.boxed(BOX))"): "int",
        ("main.py", "reveal_type(use.generic_box(REBOXED))"): "str",
        ("main.py", "reveal_type(make.unbox(REBOXED))"): "app.models.Box[str]",
        ("main.py", "reveal_type(extract(INTS))"): "list[int]",
        ("main.py", "reveal_type(BAR.label())"): "str",
        ("main.py", "reveal_type(POINT.x)"): "int",
        ("later.py", "reveal_type(LATER.double())"): "int",
    }
    for (name, fragment), revealed in expected_reveals.items():
        line = _line_of(PROJECT / "app" / name, fragment)
        assert f'app/{name}:{line}: note: Revealed type is "{revealed}"' in notes, output
    assert "Found 1 error in 1 file (checked 8 source files)" in output, output


def test_use_does_not_import_make() -> None:
    """The sibling case is real: ``use`` reaches ``make``'s proxies only through ``main``."""
    use = (PROJECT / "app" / "use.py").read_text()
    assert "make" not in use


def test_warm_run_equals_cold(cold: Callable[[str | None], str], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first = run_mypy(project, tmp_path / "cache")
    assert first == cold(None)
    assert run_mypy(project, tmp_path / "cache") == first


@pytest.mark.parametrize("edit", list(EDITS))
def test_run_after_edit_equals_cold(
    edit: str, cold: Callable[[str | None], str], tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project")
    assert run_mypy(project, tmp_path / "cache") == cold(None)
    EDITS[edit](project)
    assert run_mypy(project, tmp_path / "cache") == cold(edit)


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Daemon]:
    state = tmp_path / "daemon"
    state.mkdir()
    started = Daemon(copy_project(tmp_path / "project"), state, timeout=TIMEOUT)
    try:
        yield started
    finally:
        started.stop()


@pytest.mark.parametrize("edit", list(EDITS))
def test_dmypy_equals_cold(edit: str, cold: Callable[[str | None], str], daemon: Daemon) -> None:
    """``dmypy run`` reports what a cold run reports, first and after an edit."""

    def run() -> str:
        return daemon.run(*_mypy_args(daemon.status_file.parent / "cache")).output

    assert_same_messages(run(), cold(None), "dmypy run")
    EDITS[edit](daemon.project)
    assert_same_messages(run(), cold(edit), f"dmypy run after edit {edit!r}")


def test_report_config_data_carries_plugin_version() -> None:
    """A changed plugin must invalidate caches: its version is part of the cache key."""
    from mypy.options import Options
    from mypy.plugin import ReportConfigContext

    from proxystore_mypy import ProxystorePlugin, plugin
    from proxystore_mypy._version import PLUGIN_VERSION

    assert plugin("2.4.1") is ProxystorePlugin
    data = ProxystorePlugin(Options()).report_config_data(
        ReportConfigContext(id="app.main", path="app/main.py", is_check=False)
    )
    assert PLUGIN_VERSION in json.dumps(data)
    # mypy writes this into every cache file as JSON.
    assert json.loads(json.dumps(data)) == data


def test_a_project_that_does_not_follow_imports_into_proxystore_gets_no_error(
    tmp_path: Path,
) -> None:
    """The plugin's dependency on proxystore.proxy is not forced on such a project."""
    write_plugin_project(tmp_path, {"plain.py": "class Z:\n    a: int = 1\n"}, installed=True)
    for follow in ("error", "skip"):
        run = run_mypy_subprocess(
            [
                "--config-file",
                "mypy.ini",
                "--no-incremental",
                f"--follow-imports={follow}",
                "plain.py",
            ],
            cwd=tmp_path,
        )
        run.assert_completed()
        # The error would have no line number: compare the whole output.
        assert run.status == 0, run.output
