"""Running mypy, dmypy and parallel mypy on the generated project; grouping messages per kind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _mypy_output import Daemon as SharedDaemon

from .kinds import PACKAGE

ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT = 300  # seconds, for every subprocess

_MESSAGE = re.compile(r"^(?P<file>[^:\s]+\.py):(?P<line>\d+): (?:error|note): ")
# mypy prints this hint once per run, after the first missing import it
# reports, whichever file that is; parallel runs report files in another order.
_ONCE_PER_RUN = "running_mypy.html#missing-imports"
_KIND = re.compile(rf"^{PACKAGE}/(?P<kind>[^/]+)/")


@dataclass(frozen=True)
class Output:
    """What one run printed, with its exit status and duration."""

    text: str
    returncode: int
    seconds: float

    @property
    def crash(self) -> str | None:
        """Why this run cannot be compared at all, or None."""
        if "INTERNAL ERROR" in self.text or "Traceback" in self.text:
            return "crashed:\n" + self.text
        if self.returncode not in (0, 1):
            return f"exit status {self.returncode}:\n{self.text}"
        return None

    def messages(self, kind: str) -> dict[str, list[str]]:
        """The error and note lines of one kind's files, by file, in mypy's order per file.

        dmypy may print files in another order than a cold run (it does after
        a module is deleted); within a file the order is mypy's own.
        """
        grouped: dict[str, list[str]] = {}
        for line in self.text.splitlines():
            match = _MESSAGE.match(line.replace(os.sep, "/"))
            if match is None or _ONCE_PER_RUN in line:
                continue
            path = match["file"]
            owner = _KIND.match(path)
            if owner is not None and owner["kind"] == kind:
                grouped.setdefault(path, []).append(line)
        return grouped

    def stray_messages(self, kinds: set[str]) -> list[str]:
        """Messages in files outside every kind (there should be none)."""
        stray = []
        for line in self.text.splitlines():
            match = _MESSAGE.match(line.replace(os.sep, "/"))
            if match is None:
                continue
            owner = _KIND.match(match["file"])
            if owner is None or owner["kind"] not in kinds:
                stray.append(line)
        return stray


def env() -> dict[str, str]:
    variables = dict(os.environ)
    variables["PYTHONPATH"] = str(ROOT)
    variables.pop("MYPYPATH", None)
    variables.pop("MYPY_NUM_WORKERS", None)
    # No PROXYSTORE_MYPY_DEBUG: one kind's internal error would stop the run
    # for every kind; the fallback it takes instead shows as a difference.
    variables.pop("PROXYSTORE_MYPY_DEBUG", None)
    return variables


def mypy_args(cache_dir: Path, *extra: str) -> list[str]:
    return ["--config-file", "mypy.ini", "--cache-dir", str(cache_dir), *extra, "-p", PACKAGE]


def _run(command: list[str], cwd: Path) -> Output:
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env=env(), capture_output=True, text=True, timeout=TIMEOUT
    )
    return Output(done.stdout + done.stderr, done.returncode, time.perf_counter() - started)


def run_mypy(project: Path, cache_dir: Path, *extra: str) -> Output:
    """One ``python -m mypy`` run over the project."""
    return _run([sys.executable, "-m", "mypy", *mypy_args(cache_dir, *extra)], project)


def parallel_workers_supported() -> bool:
    """Whether the installed mypy checks in parallel (``-n``/``--num-workers``)."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--help"],
        env=env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return "--num-workers" in done.stdout


class Daemon:
    """A dmypy daemon for one project (the tests' shared ``Daemon``, without debug mode)."""

    def __init__(self, project: Path, state: Path, *extra: str) -> None:
        state.mkdir(parents=True, exist_ok=True)
        # No PROXYSTORE_MYPY_DEBUG, as in env(): a fallback shows as a difference.
        self._daemon = SharedDaemon(project, state, timeout=TIMEOUT, debug=False)
        self.cache_dir = state / "cache"
        self.extra = extra

    def run(self) -> Output:
        started = time.perf_counter()
        done = self._daemon.dmypy("run", "--", *mypy_args(self.cache_dir, *self.extra))
        return Output(done.stdout + done.stderr, done.status, time.perf_counter() - started)

    def stop(self) -> None:
        self._daemon.stop()
