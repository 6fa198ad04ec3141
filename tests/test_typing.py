"""Check ``typing_tests/`` with one mypy run, then run every check module.

The mypy run compares each reported error and note with the expectations
written on its line (``# E: ...``, ``# N: ...``); every other error fails
the test of its file. Running the modules afterwards checks that the types
mypy inferred are the types the values have at runtime.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest
from _mypy_output import ROOT, expectations, run_mypy
from mypy.version import __version__ as mypy_version

TYPING_TESTS = ROOT / "typing_tests"
_REQUIRES = re.compile(r"^requires: mypy >= (\d+)\.(\d+)", re.M)


def _required_mypy(path: Path) -> tuple[int, int]:
    """The oldest mypy a check file is written for (its docstring says ``requires:``)."""
    match = _REQUIRES.search(path.read_text())
    return (int(match[1]), int(match[2])) if match else (0, 0)


_MYPY = tuple(int(part) for part in mypy_version.split("+")[0].split(".")[:2])
ALL_CHECK_FILES = sorted(TYPING_TESTS.glob("check_*.py"))
CHECK_FILES = [path for path in ALL_CHECK_FILES if _required_mypy(path) <= _MYPY]
SKIPPED_FILES = [path for path in ALL_CHECK_FILES if path not in CHECK_FILES]

Messages = dict[tuple[str, int], list[str]]


def _run_mypy(cache_dir: Path) -> tuple[Messages, str]:
    run = run_mypy(
        [
            "--config-file",
            str(TYPING_TESTS / "mypy.ini"),
            "--cache-dir",
            str(cache_dir),
            *(arg for path in SKIPPED_FILES for arg in ("--exclude", f"/{path.name}$")),
            str(TYPING_TESTS),
        ]
    )
    # A crash can leave no output at all: every expectation would then fail
    # for the wrong reason, so a run without mypy's summary is itself a failure.
    run.assert_completed()
    reported: Messages = {}
    for message in run.messages:
        kind = "E" if message.kind == "error" else "N"
        # mypy < 1.7 printed the bottom type as "<nothing>".
        text = message.text.replace("<nothing>", "Never")
        reported.setdefault((message.file_name, message.line), []).append(f"{kind}: {text}")
    return reported, run.output


def _expectations(path: Path) -> Messages:
    return {(path.name, line): found for line, found in expectations(path.read_text()).items()}


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Messages, str]:
    return _run_mypy(tmp_path_factory.mktemp("mypy_cache"))


def test_mypy_does_not_crash(mypy_output: tuple[Messages, str]) -> None:
    _, raw = mypy_output
    assert "INTERNAL ERROR" not in raw, raw
    assert "Traceback" not in raw, raw


def test_every_message_has_a_line(mypy_output: tuple[Messages, str]) -> None:
    """A message without a line cannot be expected, nor silenced with `# type: ignore`."""
    _, raw = mypy_output
    lineless = [line for line in raw.splitlines() if re.match(r"\S+\.py: (error|note):", line)]
    assert lineless == [], raw


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda path: path.name)
def test_mypy_output_matches_expectations(path: Path, mypy_output: tuple[Messages, str]) -> None:
    reported, _raw = mypy_output
    expected = _expectations(path)
    problems = []
    for key in sorted(set(expected) | {k for k in reported if k[0] == path.name}):
        want, got = expected.get(key, []), reported.get(key, [])
        if not any(item.startswith("N:") for item in want):
            # Notes that only explain an expected error ("Possible overload
            # variants", protocol members) are pinned only where written.
            got = [item for item in got if not (item.startswith("N:") and want)]
        if sorted(want) != sorted(got):
            problems.append(f"{key[0]}:{key[1]}:\n  expected: {want}\n  actual:   {got}")
    assert not problems, "\n".join(problems)


if SKIPPED_FILES:

    @pytest.mark.parametrize("path", SKIPPED_FILES, ids=lambda path: path.name)
    def test_check_file_needs_a_newer_mypy(path: Path) -> None:
        required = ".".join(map(str, _required_mypy(path)))
        pytest.skip(f"{path.name} needs mypy >= {required}; this is mypy {mypy_version}")


@pytest.mark.parametrize("path", CHECK_FILES, ids=lambda path: path.name)
def test_check_module_runs(path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        importlib.import_module(f"typing_tests.{path.stem}")
    finally:
        sys.path.remove(str(ROOT))


def test_expectations_are_read_from_comments_only() -> None:
    """A ``#`` inside a string is not the start of an expectation."""
    source = (
        'x = "# E: not a comment"  # E: a real one\n'
        'y = f"{255:#x}" + "#"  # N: a note # E: and an error\n'
        "z = 1\n"
    )
    assert expectations(source) == {1: ["E: a real one"], 2: ["N: a note", "E: and an error"]}
