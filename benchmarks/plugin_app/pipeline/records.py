"""The records that travel through the pipeline."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Generic, NamedTuple, TypeVar

from typing_extensions import TypedDict

from .arrays import FloatArray, IntArray
from .settings import Severity, Stage, Window

T = TypeVar("T")


class Span(NamedTuple):
    sensor: int
    window: Window

    def label(self) -> str:
        return f"sensor {self.sensor} [{self.window.start}:{self.window.stop}]"


class SensorMeta(TypedDict):
    sensor: int
    unit: str
    rate: float


@dataclass
class Sensor:
    index: int
    name: str
    unit: str = "V"
    rate: float = 100.0

    def meta(self) -> SensorMeta:
        return SensorMeta(sensor=self.index, unit=self.unit, rate=self.rate)

    def describe(self) -> str:
        return f"{self.name} ({self.unit} @ {self.rate:g} Hz)"


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0

    def bump(self) -> Version:
        return Version(self.major, self.minor + 1)


@dataclass
class Batch:
    name: str
    values: FloatArray
    sensors: list[Sensor]
    version: Version = Version(1)
    notes: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return int(self.values.shape[0])

    @property
    def columns(self) -> int:
        return int(self.values.shape[1])

    def column(self, index: int) -> FloatArray:
        result: FloatArray = self.values[:, index]
        return result

    def note(self, text: str) -> None:
        self.notes.append(text)

    def with_values(self, values: FloatArray) -> Batch:
        return Batch(self.name, values, list(self.sensors), self.version.bump(), list(self.notes))


@dataclass
class FeatureTable:
    names: list[str]
    values: FloatArray
    source: str

    def width(self) -> int:
        return len(self.names)

    def select(self, names: list[str]) -> FeatureTable:
        indices = [self.names.index(name) for name in names]
        selected: FloatArray = self.values[:, indices]
        return FeatureTable(names, selected, self.source)


@dataclass
class Labels:
    values: FloatArray
    classes: IntArray

    def count(self) -> int:
        return int(self.values.shape[0])


@functools.total_ordering
class Score:
    def __init__(self, name: str, value: float, higher_is_better: bool = True) -> None:
        self.name = name
        self.value = value
        self.higher_is_better = higher_is_better

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Score) and other.value == self.value

    def __hash__(self) -> int:
        return hash((self.name, self.value))

    def __lt__(self, other: Score) -> bool:
        if self.higher_is_better:
            return self.value < other.value
        return self.value > other.value

    def __repr__(self) -> str:
        return f"Score({self.name}={self.value:.4f})"


@dataclass
class Issue:
    stage: Stage
    severity: Severity
    message: str

    def render(self) -> str:
        return f"[{self.severity.name}] {self.stage.label}: {self.message}"


class Series(Generic[T]):
    """An ordered collection of results of one kind."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[T] = []

    def add(self, item: T) -> None:
        self.items.append(item)

    def last(self) -> T:
        return self.items[-1]

    def __len__(self) -> int:
        return len(self.items)

    def first(self, default: T) -> T:
        return self.items[0] if self.items else default


def make_sensors(count: int) -> list[Sensor]:
    return [Sensor(index, f"s{index}") for index in range(count)]
