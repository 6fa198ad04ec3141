"""One answer however mypy runs (issue 7, "What must hold" 1).

``consistency/kinds.py`` generates one small multi-module package per kind
of target the typing tests cover (builtins, stdlib classes, dataclasses with
and without ``order=True``, generic dataclasses, ``total_ordering``,
NamedTuple, TypedDict, Enum, Literal, tuple, Callable, unions, generic and
local classes, numpy arrays) and one per reproducer of issue 7. All of them
form one project, checked in one run per step (``consistency/scenarios.py``):

- ``incremental``: mypy with a cache: warm, after touching each module,
  after editing each proxied class and after reverting, after deleting a
  module and re-creating it;
- ``dmypy``: ``dmypy run`` fresh, re-run, then the same changes;
- ``fine_grained_cache``: a cold ``--cache-fine-grained`` run, then ``dmypy
  run -- --use-fine-grained-cache`` and the same changes;
- ``parallel``: ``mypy --num-workers 2``, cold, warm and the same changes
  (where the installed mypy offers it).

Each step must print, for each kind's files, exactly the messages of a cold
run of the same source. A test id is ``mode/step/kind``. Scenarios that fail
today are strict xfails listed in ``KNOWN_FAILURES``, so each failure stays
visible and a fix flips it to a failure to be removed from the list.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from consistency import project
from consistency.kinds import KINDS
from consistency.runs import Output, parallel_workers_supported
from consistency.scenarios import (
    BASE,
    DELETED,
    EDITED,
    MODES,
    Step,
    cold_run,
    run_sequence,
    steps,
)

KIND_NAMES = {kind.name for kind in KINDS}

# Why scenarios fail today. Proxy types are one class per target class
# (proxystore_mypy/companions.py); what is left is listed here. Two bugs of
# mypy itself, which show without any plugin, are avoided by the generated
# sources: see kinds.py and docs/consistency.md.
FINE_GRAINED_CACHE_ORDER = (
    "a bug of mypy's daemon, reproduced without the plugin and without proxies"
    " (docs/consistency.md): under --use-fine-grained-cache, after `order=True` is"
    " removed from a dataclass and restored, sorted() and max() of its values still"
    " report [type-var] (mypy 2.4.1; mypy 1.4.0 gets it right, hence not strict)"
)
FINE_GRAINED_CACHE_PROTOCOL = (
    "a bug of mypy's daemon, reproduced without the plugin and without proxies"
    " (docs/consistency.md): under --use-fine-grained-cache, after a class loses a"
    " protocol's member and gets it back, the class is still not an instance of the"
    " protocol (here SupportsInt, through the proxy's __int__ of a buffer); mypy"
    " 2.4.1 and 1.4.0 alike, not strict where a mypy's typeshed has no buffer protocol"
)
_KNOWN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        FINE_GRAINED_CACHE_ORDER,
        (
            "fine_grained_cache/revert/dataclass_order",
            "fine_grained_cache/delete/dataclass_order",
            "fine_grained_cache/recreate/dataclass_order",
        ),
    ),
    (
        FINE_GRAINED_CACHE_PROTOCOL,
        (
            "fine_grained_cache/revert/buffer",
            "fine_grained_cache/delete/buffer",
            "fine_grained_cache/recreate/buffer",
        ),
    ),
)
# mypy bugs whose scenarios pass on some supported mypy releases.
_NOT_STRICT = (FINE_GRAINED_CACHE_ORDER, FINE_GRAINED_CACHE_PROTOCOL)
KNOWN_FAILURES: dict[str, str] = {
    scenario: reason for reason, scenarios in _KNOWN for scenario in scenarios
}


def _known_failure(scenario: str) -> tuple[str, bool] | None:
    """Why ``scenario`` fails today and whether it always does, or None."""
    reason = KNOWN_FAILURES.get(scenario)
    return None if reason is None else (reason, reason not in _NOT_STRICT)


def _xfail(scenario: str) -> tuple[pytest.MarkDecorator, ...]:
    known = _known_failure(scenario)
    if known is None:
        return ()
    reason, strict = known
    return (pytest.mark.xfail(strict=strict, reason=reason),)


def _scenarios() -> list[tuple[str, Step, str]]:
    """(mode, step, kind) for every scenario that applies."""
    return [
        (mode, step, kind.name)
        for mode in MODES
        for step in steps(mode)
        for kind in KINDS
        if step.applies_to(kind)
    ]


def _scenario_id(mode: str, step: Step, kind: str) -> str:
    return f"{mode}/{step.label(_KIND_BY_NAME[kind])}/{kind}"


_KIND_BY_NAME = {kind.name: kind for kind in KINDS}

SCENARIOS = [
    pytest.param(
        mode,
        step,
        kind,
        id=_scenario_id(mode, step, kind),
        marks=_xfail(_scenario_id(mode, step, kind)),
    )
    for mode, step, kind in _scenarios()
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("consistency")


@pytest.fixture(scope="module")
def base_project(workspace: Path) -> Path:
    return project.write_project(workspace / "base", KINDS)


@pytest.fixture(scope="module")
def sequences(workspace: Path, base_project: Path) -> Callable[[str], dict[str, Output]]:
    """Each mode's sequence of outputs, run once, when a test first asks for it."""
    done: dict[str, dict[str, Output]] = {}

    def outputs(mode: str) -> dict[str, Output]:
        if mode not in done:
            if mode == "parallel" and not parallel_workers_supported():
                pytest.skip("this mypy has no --num-workers")
            done[mode] = run_sequence(mode, base_project, workspace / mode)
        return done[mode]

    return outputs


@pytest.fixture(scope="module")
def cold(
    workspace: Path, base_project: Path, sequences: Callable[[str], dict[str, Output]]
) -> Callable[[str], Output]:
    """The cold run of the base, edited or deleted source, run once."""
    done: dict[str, Output] = {}

    def output(source: str) -> Output:
        if source not in done:
            if source == BASE:
                done[source] = sequences("incremental")["cold"]
            else:
                done[source] = cold_run(base_project, source, workspace / f"cold-{source}")
            crash = done[source].crash
            assert crash is None, f"the cold reference run ({source}) {crash}"
        return done[source]

    return output


def _lines(grouped: dict[str, list[str]]) -> list[str]:
    return [line for name in sorted(grouped) for line in grouped[name]]


def assert_same_messages(
    actual: Output, expected: Output, kind: str, what: str, *, partial: bool = False
) -> None:
    """The same error and note lines per file of ``kind``; a failure shows a unified diff.

    ``partial``: only the files ``actual`` reports on are compared.
    """
    crash = actual.crash
    assert crash is None, f"{what} {crash}"
    got, want = actual.messages(kind), expected.messages(kind)
    if partial:
        want = {name: lines for name, lines in want.items() if name in got}
    if got == want:
        return
    diff = "\n".join(difflib.unified_diff(_lines(want), _lines(got), "cold", what, lineterm=""))
    raise AssertionError(f"{what} differs from a cold run of the same source:\n{diff}")


@pytest.mark.parametrize(("mode", "step", "kind"), SCENARIOS)
def test_same_messages_as_cold(
    mode: str,
    step: Step,
    kind: str,
    sequences: Callable[[str], dict[str, Output]],
    cold: Callable[[str], Output],
) -> None:
    actual = sequences(mode)[step.name]
    assert_same_messages(
        actual, cold(step.source), kind, f"{mode} {step.name}", partial=step.partial
    )


@pytest.mark.parametrize(
    "kind",
    [
        pytest.param(
            kind.name, id=f"cold-clean/{kind.name}", marks=_xfail(f"cold-clean/{kind.name}")
        )
        for kind in KINDS
    ],
)
def test_cold_run_is_clean(kind: str, cold: Callable[[str], Output]) -> None:
    """The generated sources are correct: a cold run reports only ``reveal_type`` notes."""
    lines = _lines(cold(BASE).messages(kind))
    assert lines, f"no output at all for {kind}: is it checked?"
    errors = [line for line in lines if "Revealed type is" not in line]
    assert errors == [], "\n".join(errors)


def test_edits_and_deletions_change_the_cold_output(cold: Callable[[str], Output]) -> None:
    """Every edit and deletion is visible to a cold run, so comparing after it tests something."""
    for source, kinds in (
        (EDITED, [k for k in KINDS if k.edit]),
        (DELETED, [k for k in KINDS if k.delete]),
    ):
        unchanged = [
            k.name for k in kinds if cold(source).messages(k.name) == cold(BASE).messages(k.name)
        ]
        assert unchanged == [], f"{source}: a cold run prints the same as before for {unchanged}"


def test_no_messages_outside_the_kinds(cold: Callable[[str], Output]) -> None:
    for source in (BASE, EDITED, DELETED):
        assert cold(source).stray_messages(KIND_NAMES) == []


def test_every_kind_has_edit_and_delete() -> None:
    """Kinds over builtins and the stdlib have no class to edit; every other kind has one."""
    without_edit = {k.name for k in KINDS if not k.edit}
    assert without_edit == {
        "builtins",
        "stdlib",
        "repro1_decimaltuple",
        "repro5_hundred_local_classes",
    }
    assert all(k.delete is not None for k in KINDS)
