"""Run settings: stages, modes, windows and the run's metadata."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from typing_extensions import TypedDict

Mode = Literal["batch", "stream", "replay"]
Precision = Literal["single", "double"]


class Stage(enum.Enum):
    INGEST = 1
    CLEAN = 2
    FEATURES = 3
    FIT = 4
    EVALUATE = 5
    REPORT = 6

    def next(self) -> Stage | None:
        members = list(Stage)
        index = members.index(self)
        return members[index + 1] if index + 1 < len(members) else None

    @property
    def label(self) -> str:
        return self.name.lower()


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2


class Window(NamedTuple):
    start: int
    stop: int
    step: int = 1

    def size(self) -> int:
        return max(0, (self.stop - self.start + self.step - 1) // self.step)

    def shifted(self, offset: int) -> Window:
        return Window(self.start + offset, self.stop + offset, self.step)


class RunInfo(TypedDict):
    name: str
    mode: Mode
    seed: int
    stages: list[str]


@dataclass(frozen=True)
class Thresholds:
    low: float = -3.0
    high: float = 3.0
    max_missing: float = 0.2

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Settings:
    name: str
    mode: Mode = "batch"
    precision: Precision = "double"
    seed: int = 7
    sensors: int = 8
    samples: int = 256
    window: Window = Window(0, 64)
    thresholds: Thresholds = field(default_factory=Thresholds)
    stages: tuple[Stage, ...] = tuple(Stage)
    tags: frozenset[str] = frozenset()

    def info(self) -> RunInfo:
        return RunInfo(
            name=self.name,
            mode=self.mode,
            seed=self.seed,
            stages=[stage.label for stage in self.stages],
        )

    def with_mode(self, mode: Mode) -> Settings:
        return Settings(
            name=self.name,
            mode=mode,
            precision=self.precision,
            seed=self.seed,
            sensors=self.sensors,
            samples=self.samples,
            window=self.window,
            thresholds=self.thresholds,
            stages=self.stages,
            tags=self.tags,
        )

    def runs(self, stage: Stage) -> bool:
        return stage in self.stages


def default_settings(name: str = "default") -> Settings:
    return Settings(name=name, tags=frozenset({"default"}))


def parse_mode(text: str) -> Mode:
    if text == "batch":
        return "batch"
    if text == "stream":
        return "stream"
    if text == "replay":
        return "replay"
    raise ValueError(f"unknown mode {text!r}")
