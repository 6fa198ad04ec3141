"""Scheduler: stages as tasks whose handlers and results are proxies."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar, Union

from proxystore import Proxy, SimpleFactory, extract

from .records import Issue, Series
from .settings import Settings, Severity, Stage

R = TypeVar("R")

Handler = Callable[[Settings], int]
Outcome = Union[int, str]


@dataclass
class Task(Generic[R]):
    stage: Stage
    run: Callable[[], R]
    depends_on: list[Stage] = field(default_factory=list)
    result: R | None = None
    seconds: float = 0.0

    def ready(self, done: set[Stage]) -> bool:
        return all(stage in done for stage in self.depends_on)

    def execute(self) -> R:
        started = time.perf_counter()
        self.result = self.run()
        self.seconds = time.perf_counter() - started
        return self.result


@dataclass
class Timeline:
    entries: list[tuple[Stage, float]] = field(default_factory=list)

    def add(self, stage: Stage, seconds: float) -> None:
        self.entries.append((stage, seconds))

    def total(self) -> float:
        return sum(seconds for _stage, seconds in self.entries)

    def slowest(self) -> Stage | None:
        if not self.entries:
            return None
        return max(self.entries, key=lambda entry: entry[1])[0]


def handler_proxy(handler: Handler) -> Proxy[Handler]:
    return Proxy(SimpleFactory(handler))


def call_handler(handler: Proxy[Handler], settings: Settings) -> int:
    return handler(settings)


def count_sensors(settings: Settings) -> int:
    return settings.sensors


def count_samples(settings: Settings) -> int:
    return settings.samples


HANDLERS: dict[str, Proxy[Handler]] = {
    "sensors": handler_proxy(count_sensors),
    "samples": handler_proxy(count_samples),
}


def outcome_proxy(value: Outcome) -> Proxy[Outcome]:
    return Proxy(SimpleFactory(value))


def describe_outcome(outcome: Proxy[Outcome]) -> str:
    value = extract(outcome)
    if isinstance(value, int):
        return f"{value} items"
    return value.upper()


def order(tasks: list[Task[object]]) -> list[Task[object]]:
    done: set[Stage] = set()
    ordered: list[Task[object]] = []
    pending = list(tasks)
    while pending:
        ready = [task for task in pending if task.ready(done)]
        if not ready:
            raise RuntimeError("tasks depend on each other in a cycle")
        for task in ready:
            ordered.append(task)
            done.add(task.stage)
            pending.remove(task)
    return ordered


def run_all(tasks: list[Task[object]]) -> tuple[Timeline, list[Issue]]:
    timeline = Timeline()
    issues: list[Issue] = []
    for task in order(tasks):
        try:
            task.execute()
        except (ValueError, RuntimeError) as error:
            issues.append(Issue(task.stage, Severity.ERROR, str(error)))
        timeline.add(task.stage, task.seconds)
    return timeline, issues


def stage_series(timeline: Timeline) -> Series[Stage]:
    series: Series[Stage] = Series("stages")
    for stage, _seconds in timeline.entries:
        series.add(stage)
    return series


def next_stages(stage: Proxy[Stage]) -> list[Stage]:
    stages: list[Stage] = []
    current: Stage | None = extract(stage)
    while current is not None:
        stages.append(current)
        current = current.next()
    return stages


def stage_proxy(stage: Stage) -> Proxy[Stage]:
    return Proxy(SimpleFactory(stage))


def stage_value(stage: Proxy[Stage]) -> int:
    return stage.value
