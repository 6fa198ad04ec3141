"""Run mypy and read its output: the one copy every test file that runs mypy uses.

``tests/`` is not a package: pytest puts this directory on ``sys.path`` for
the test modules in it (its default ``prepend`` import mode), and mypy finds
this module beside them, so test files import it as ``_mypy_output``.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import tokenize
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from mypy import api as mypy_api

ROOT: Final = Path(__file__).resolve().parent.parent

# One message line: `path.py:12: error: text  [code]` (columns are not shown).
_MESSAGE: Final = re.compile(
    r"^(?P<file>[^:\s][^:]*\.py):(?P<line>\d+): (?P<kind>error|note): (?P<text>.*)$"
)
# mypy's last line when it completed; a crash may leave no output at all.
_SUMMARY: Final = re.compile(r"^(Success: no issues found|Found \d+ errors? in \d+ files?)", re.M)
# An expectation comment: `# E: message` or `# N: message`, several per line.
_EXPECTATION: Final = re.compile(r"#\s*(?P<kind>[EN]):\s*(?P<text>.*?)\s*(?=#\s*[EN]:|$)")


@dataclass(frozen=True)
class Message:
    """One error or note mypy printed."""

    path: str
    line: int
    kind: str  # "error" or "note"
    text: str

    @property
    def file_name(self) -> str:
        return Path(self.path).name


@dataclass(frozen=True)
class MypyRun:
    """What one mypy run printed, and its exit status."""

    stdout: str
    stderr: str
    status: int

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def messages(self) -> list[Message]:
        return parse_messages(self.stdout)

    def assert_no_crash(self) -> None:
        """No INTERNAL ERROR, no traceback, and an exit status of 0 or 1."""
        output = self.output
        assert "INTERNAL ERROR" not in output, output[-4000:]
        assert "Traceback" not in output, output[-4000:]
        assert self.status in (0, 1), f"exit status {self.status}:\n{output[-4000:]}"

    def assert_completed(self) -> None:
        """No crash, and mypy's summary line, so that silence cannot pass for success."""
        self.assert_no_crash()
        assert _SUMMARY.search(self.stdout), f"mypy did not complete:\n{self.output[-4000:]}"


def parse_messages(stdout: str) -> list[Message]:
    """Every error and note line of mypy's output, in the order printed."""
    messages = []
    for line in stdout.splitlines():
        match = _MESSAGE.match(line)
        if match:
            number, kind = int(match["line"]), match["kind"]
            messages.append(Message(match["file"], number, kind, match["text"]))
    return messages


def run_mypy(args: Sequence[str]) -> MypyRun:
    """One mypy run in this process (the plugin is imported from this checkout)."""
    stdout, stderr, status = mypy_api.run(list(args))
    return MypyRun(stdout, stderr, status)


def run_mypy_subprocess(
    args: Sequence[str],
    *,
    cwd: Path,
    module: str = "mypy",
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    debug: bool = True,
) -> MypyRun:
    """One ``python -m <module>`` run (``mypy`` or ``mypy.dmypy``) in a fresh process.

    The checkout is on ``PYTHONPATH``. With ``debug``, ``PROXYSTORE_MYPY_DEBUG=1``
    is set, so that an internal plugin error is a crash, not a silent fallback;
    without it, a fallback shows as what the user would see.
    """
    environment = dict(os.environ if env is None else env)
    environment["PYTHONPATH"] = str(ROOT)
    environment.pop("PROXYSTORE_MYPY_DEBUG", None)
    if debug:
        environment["PROXYSTORE_MYPY_DEBUG"] = "1"
    environment.pop("MYPYPATH", None)
    environment.pop("MYPY_NUM_WORKERS", None)
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return MypyRun(done.stdout, done.stderr, done.returncode)


def expectations(source: str) -> dict[int, list[str]]:
    """The ``# E: ...`` / ``# N: ...`` expectations of a check file, by line.

    Only real comments count: the tokenizer tells a comment from a ``#``
    inside a string (``"#"`` or ``f"{x:#x}"``).
    """
    expected: dict[int, list[str]] = defaultdict(list)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        for match in _EXPECTATION.finditer(token.string):
            expected[token.start[0]].append(f"{match['kind']}: {match['text']}")
    return expected


def by_file(messages: Iterable[Message]) -> dict[str, list[Message]]:
    """Messages grouped by the file they are about, each group in mypy's order."""
    grouped: dict[str, list[Message]] = {}
    for message in messages:
        grouped.setdefault(message.path, []).append(message)
    return grouped


def write_plugin_project(
    root: Path, files: Mapping[str, str], *, strict: bool = True, installed: bool = False
) -> Path:
    """Write ``files`` (relative path -> source) under ``root`` and a ``mypy.ini`` with the plugin.

    mypy finds proxystore's source through ``mypy_path``, as code of the
    project; with ``installed``, as users do: where it is installed (the
    editable install's path entry or site-packages), whose errors mypy hides.
    Returns the config.
    """
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    config = root / "mypy.ini"
    search = "" if installed else f"mypy_path = {ROOT}\n"
    config.write_text(f"[mypy]\nstrict = {strict}\nplugins = proxystore_mypy\n{search}")
    return config


def check_project(root: Path, *targets: str) -> MypyRun:
    """One in-process mypy run over ``targets`` (relative to ``root``) with its ``mypy.ini``.

    The cache is ``root/cache``, so a second call is a warm run.
    """
    run = run_mypy(
        [
            "--config-file",
            str(root / "mypy.ini"),
            "--cache-dir",
            str(root / "cache"),
            *(str(root / target) for target in targets),
        ]
    )
    run.assert_completed()
    return run


class Daemon:
    """A ``dmypy`` daemon for one project directory; ``stop`` always ends it."""

    def __init__(
        self, project: Path, state: Path, *, timeout: float = 120, debug: bool = True
    ) -> None:
        self.project = project
        self.status_file = state / "dmypy.json"
        self.timeout = timeout
        self.debug = debug

    def dmypy(self, *args: str) -> MypyRun:
        return run_mypy_subprocess(
            ["--status-file", str(self.status_file), *args],
            cwd=self.project,
            module="mypy.dmypy",
            timeout=self.timeout,
            debug=self.debug,
        )

    def run(self, *mypy_args: str) -> MypyRun:
        """``dmypy run -- <mypy_args>``, which must not crash."""
        run = self.dmypy("run", "--", *mypy_args)
        run.assert_no_crash()
        return run

    def stop(self) -> None:
        if not self.status_file.exists():
            return
        try:
            pid = int(json.loads(self.status_file.read_text())["pid"])
        except (OSError, ValueError, KeyError):
            pid = None
        try:
            self.dmypy("stop")
        except subprocess.TimeoutExpired:
            pass
        if pid is not None and self.status_file.exists():
            # `stop` failed; the daemon is ours, end it by its id.
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
