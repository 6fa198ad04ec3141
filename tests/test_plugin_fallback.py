"""The plugin never crashes mypy: an internal failure falls back to mypy's own answer."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest
from _mypy_output import check_project, parse_messages, write_plugin_project
from mypy.nodes import Context

from proxystore_mypy import _fallback, call_results, companions, synthesis
from proxystore_mypy.env import RunState

SOURCE = """\
from proxystore import Proxy, SimpleFactory

class Foo:
    def bar(self) -> int:
        return 1

def use(p: Proxy[Foo]) -> int:
    return p.bar()

use(Proxy(SimpleFactory(Foo())))
"""


@pytest.fixture(autouse=True)
def _outside_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # mypy runs in this process and looks for modules in its working folder
    # first: from a checkout or an unpacked sdist, proxystore would be found
    # there as project code rather than where it is installed.
    monkeypatch.chdir(tmp_path)


def _check(tmp_path: Path) -> tuple[str, int]:
    # proxystore as users have it, installed: a fallback inside its own code
    # is hidden by mypy and must not use up the run's one note.
    write_plugin_project(tmp_path, {"example.py": SOURCE}, strict=False, installed=True)
    run = check_project(tmp_path, "example.py")
    return run.output, run.status


class _FakeApi:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, message: str, context: object) -> None:
        self.notes.append(message)


class _FakeContext(NamedTuple):
    api: _FakeApi
    context: Context


def test_guard_returns_the_default_and_notes_once_per_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PROXYSTORE_MYPY_DEBUG", raising=False)

    @_fallback.guarded(lambda ctx: "default")
    def broken(ctx: _FakeContext, run: RunState) -> str:
        raise AssertionError("an internal surprise")

    api, run = _FakeApi(), RunState()
    ctx = _FakeContext(api, Context())
    assert broken(ctx, run) == "default"
    assert broken(ctx, run) == "default"
    assert len(api.notes) == 1, api.notes
    assert "proxystore_mypy could not model this construct" in api.notes[0]
    assert "broken: AssertionError" in api.notes[0]
    # Debug mode is read when a callback fails, not when the plugin is imported.
    monkeypatch.setenv("PROXYSTORE_MYPY_DEBUG", "1")
    with pytest.raises(AssertionError, match="an internal surprise"):
        broken(ctx, run)


def _fail(*args: object, **kwargs: object) -> None:
    raise AssertionError("simulated internal error")


def _break_synthesis(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building a proxy class fail, outside debug mode (so the plugin falls back)."""
    monkeypatch.delenv("PROXYSTORE_MYPY_DEBUG", raising=False)
    monkeypatch.setattr(synthesis, "_synthesize", _fail)
    monkeypatch.setattr(synthesis, "lookup_companion", _fail)


def test_an_internal_error_in_every_hook_becomes_mypys_plain_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_synthesis(monkeypatch)
    monkeypatch.setattr(call_results, "proxy_type", _fail)
    output, status = _check(tmp_path)
    assert "INTERNAL ERROR" not in output and "Traceback" not in output, output
    assert status == 1, output
    # Without its synthesized class a proxy is the plain Proxy class: the
    # attribute is reported, not crashed on.
    assert 'error: "Proxy[Foo]" has no attribute "bar"' in output, output
    # The fallback is visible: one note per run, at the first construct the
    # plugin could not model (the annotation on line 7), saying what to do.
    notes = [
        (message.file_name, message.line, message.text)
        for message in parse_messages(output)
        if message.kind == "note"
    ]
    assert notes == [
        (
            "example.py",
            7,
            "proxystore_mypy could not model this construct "
            "(analyze_proxy_callback: AssertionError) and used mypy's own type instead, "
            "so proxies here may lack their target's members. Please report it to the "
            "proxystore maintainers with this code; set PROXYSTORE_MYPY_DEBUG=1 to see "
            "the plugin's traceback",
        )
    ], output


def test_the_same_module_type_checks_when_nothing_fails(tmp_path: Path) -> None:
    output, status = _check(tmp_path)
    assert status == 0, output


def test_a_fallback_in_a_module_whose_errors_are_hidden_keeps_the_note_for_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_synthesis(monkeypatch)
    # `hidden` is analysed first (example imports it) and its errors are
    # hidden (follow_imports=silent): its fallback must not use up the note.
    hidden = SOURCE.replace("use(Proxy(SimpleFactory(Foo())))", "")
    example = "from hidden import Foo, use\nfrom proxystore import Proxy\n\n\n"
    example += "def again(p: Proxy[Foo]) -> int:\n    return use(p)\n"
    config = write_plugin_project(
        tmp_path, {"hidden.py": hidden, "example.py": example}, strict=False, installed=True
    )
    config.write_text(config.read_text() + "\n[mypy-hidden]\nfollow_imports = silent\n")
    run = check_project(tmp_path, "example.py")
    notes = [(m.file_name, m.line) for m in parse_messages(run.output) if m.kind == "note"]
    assert notes == [("example.py", 5)], run.output


def test_a_failure_building_companions_after_analysis_falls_back_where_the_class_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Companions are built once a group of modules is analysed, in a step
    # mypy runs after the hooks (a patch): a failure there is no crash
    # either, and its note names the class whose analysis scheduled it.
    monkeypatch.delenv("PROXYSTORE_MYPY_DEBUG", raising=False)
    monkeypatch.setattr(companions, "build_companion", _fail)
    models, _, uses = SOURCE.partition("def use")
    example = "from models import Foo\n" + models.replace("class Foo", "class Unused") + "def use"
    write_plugin_project(
        tmp_path,
        {"models.py": models, "example.py": example + uses},
        strict=False,
        installed=True,
    )
    run = check_project(tmp_path, "models.py", "example.py")
    assert "INTERNAL ERROR" not in run.output and "Traceback" not in run.output, run.output
    notes = [
        (message.file_name, message.line, message.text.split(" and ")[0])
        for message in parse_messages(run.output)
        if message.kind == "note"
    ]
    assert notes == [
        (
            "models.py",
            3,
            "proxystore_mypy could not model this construct (build_due: AssertionError)",
        )
    ], run.output
    # Without companions (none builds here) a proxy is the plain Proxy
    # class, as the note says: reported, not crashed on.
    assert 'example.py:9: error: "Proxy[Foo]" has no attribute "bar"' in run.output, run.output
