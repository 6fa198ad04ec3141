"""The sequences of runs, and what each step's output is compared with.

One sequence per way of running mypy (``MODES``). Every sequence starts from
a fresh project and a fresh cache, then, in order: runs again unchanged,
appends a blank line to the n-th module of every kind (one step per n),
edits every kind's proxied class, reverts the edit, deletes one module per
kind and re-creates it. Kinds are independent packages, so changing one
module in each kind at once is the same, per kind, as changing one module
of a one-kind project; one run then serves every kind.

A step's expected output is a cold run (fresh cache, plain ``mypy``) of the
same source: the unchanged project for runs, touches, reverts and
re-creations, the edited project after an edit, the project without the
deleted modules after a deletion.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import project
from .kinds import KINDS, Kind
from .runs import Daemon, Output, run_mypy

# How mypy is run in each sequence.
MODES = ("incremental", "dmypy", "fine_grained_cache", "parallel")

# What a step's source is, for its expected output.
BASE, EDITED, DELETED = "base", "edited", "deleted"

MAX_MODULES = max(len(kind.modules) for kind in KINDS)


@dataclass(frozen=True)
class Step:
    """One run in a sequence: its name, per-kind label and expected source."""

    name: str
    source: str
    touches: int | None = None  # the index of the module touched in every kind
    # Only the files the run reports on are compared (see steps()).
    partial: bool = False

    def label(self, kind: Kind) -> str:
        if self.touches is not None:
            return f"touch-{list(kind.modules)[self.touches]}"
        return self.name

    def applies_to(self, kind: Kind) -> bool:
        if self.touches is not None:
            return self.touches < len(kind.modules)
        if self.name in ("edit", "revert"):
            return bool(kind.edit)
        if self.name in ("delete", "recreate"):
            return kind.delete is not None
        return True


def steps(mode: str) -> list[Step]:
    """The steps of one mode's sequence after its first run, in order.

    ``dmypy run -- --use-fine-grained-cache`` loads every module from the
    cache and, by mypy's design (without any plugin too), reports only the
    modules it has re-checked since it started. Until a step has touched
    every module, its runs are compared only on the files they report on;
    ``touch-all`` then makes the daemon re-check everything from the cached
    state, and every later step is compared in full.
    """
    fine_grained_cache = mode == "fine_grained_cache"
    first = {
        "incremental": [Step("warm", BASE)],
        "dmypy": [Step("fresh", BASE), Step("rerun", BASE)],
        "fine_grained_cache": [
            Step("cold-cache-fine-grained", BASE),
            Step("fresh", BASE, partial=True),
        ],
        "parallel": [Step("cold", BASE), Step("warm", BASE)],
    }[mode]
    return [
        *first,
        *(
            Step(f"touch-{index}", BASE, touches=index, partial=fine_grained_cache)
            for index in range(MAX_MODULES)
        ),
        *([Step("touch-all", BASE)] if fine_grained_cache else []),
        Step("edit", EDITED),
        Step("revert", BASE),
        Step("delete", DELETED),
        Step("recreate", BASE),
    ]


def cold_run(base: Path, source: str, workdir: Path) -> Output:
    """A cold run of the base project, edited or with its modules deleted."""
    tree = project.copy_project(base, workdir / "project")
    for kind in KINDS:
        if source == EDITED and kind.edit:
            project.edit(tree, kind)
        if source == DELETED and kind.delete is not None:
            project.delete(tree, kind)
    return run_mypy(tree, workdir / "cache")


def run_sequence(mode: str, base: Path, workdir: Path) -> dict[str, Output]:
    """Run one mode's sequence on a copy of ``base``: step name to output."""
    tree = project.copy_project(base, workdir / "project")
    outputs: dict[str, Output] = {}
    daemon: Daemon | None = None
    run: Callable[[], Output]
    if mode == "incremental":
        # The first run is the cold reference itself; it is not a step.
        def run() -> Output:
            return run_mypy(tree, workdir / "cache")

        outputs["cold"] = run()
    elif mode == "dmypy":
        daemon = Daemon(tree, workdir / "daemon")
        run = daemon.run
    elif mode == "fine_grained_cache":
        daemon = Daemon(tree, workdir / "daemon", "--use-fine-grained-cache")
        outputs["cold-cache-fine-grained"] = run_mypy(
            tree, daemon.cache_dir, "--cache-fine-grained"
        )
        run = daemon.run
    elif mode == "parallel":

        def run() -> Output:
            return run_mypy(tree, workdir / "cache", "--num-workers", "2")
    else:
        raise ValueError(mode)

    deleted: dict[str, str] = {}
    try:
        for step in steps(mode):
            if step.name in outputs:
                continue
            if step.touches is not None:
                for kind in KINDS:
                    if step.applies_to(kind):
                        project.touch(tree, kind, list(kind.modules)[step.touches])
            elif step.name == "touch-all":
                for kind in KINDS:
                    for module in kind.modules:
                        project.touch(tree, kind, module)
            elif step.name == "edit":
                for kind in KINDS:
                    if kind.edit:
                        project.edit(tree, kind)
            elif step.name == "revert":
                for kind in KINDS:
                    if kind.edit:
                        project.revert(tree, kind)
            elif step.name == "delete":
                for kind in KINDS:
                    if kind.delete is not None:
                        deleted[kind.name] = project.delete(tree, kind)
            elif step.name == "recreate":
                for kind in KINDS:
                    if kind.delete is not None:
                        project.recreate(tree, kind, deleted[kind.name])
            outputs[step.name] = run()
    finally:
        if daemon is not None:
            daemon.stop()
    return outputs
