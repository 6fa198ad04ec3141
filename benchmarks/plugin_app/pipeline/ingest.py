"""Ingest: raw readings arrive as lazily loaded arrays and become batches."""

from __future__ import annotations

import math

import numpy as np

from proxystore import Proxy, SimpleFactory, extract

from .arrays import FloatArray, fill_missing, missing_fraction, window_slice
from .records import Batch, Issue, Sensor, Series, Span
from .settings import Mode, Settings, Severity, Stage, Window
from .store import ARRAYS, BATCHES, array_proxy, batch_proxy, sensors_proxy


def raw_readings(settings: Settings) -> Proxy[FloatArray]:
    return array_proxy(settings.samples, settings.sensors, settings.seed)


def sensor_list(settings: Settings) -> Proxy[list[Sensor]]:
    return sensors_proxy(settings.sensors)


def sample_count(readings: Proxy[FloatArray]) -> int:
    return int(readings.shape[0])


def sensor_count(readings: Proxy[FloatArray]) -> int:
    return int(readings.shape[1])


def readings_summary(readings: Proxy[FloatArray]) -> str:
    rows = sample_count(readings)
    columns = sensor_count(readings)
    mean = float(readings.mean())
    return f"{rows}x{columns} readings, mean {mean:.3f}"


def windowed(readings: Proxy[FloatArray], window: Window) -> FloatArray:
    return window_slice(extract(readings), window.start, window.stop, window.step)


def windows_for(readings: Proxy[FloatArray], size: int) -> list[Window]:
    total = sample_count(readings)
    return [Window(start, min(start + size, total)) for start in range(0, total, size)]


def spans(readings: Proxy[FloatArray], size: int) -> list[Span]:
    return [
        Span(sensor, window)
        for sensor in range(sensor_count(readings))
        for window in windows_for(readings, size)
    ]


def build_batch(
    name: str, readings: Proxy[FloatArray], sensors: Proxy[list[Sensor]]
) -> Proxy[Batch]:
    values = fill_missing(extract(readings), 0.0)
    batch = Batch(name, values, list(sensors))
    batch.note(readings_summary(readings))
    return batch_proxy(batch)


def check_missing(readings: Proxy[FloatArray], settings: Settings) -> list[Issue]:
    fraction = missing_fraction(extract(readings))
    if fraction > settings.thresholds.max_missing:
        return [Issue(Stage.INGEST, Severity.ERROR, f"{fraction:.0%} missing")]
    if fraction > 0:
        return [Issue(Stage.INGEST, Severity.WARNING, f"{fraction:.0%} missing")]
    return []


def check_sensors(sensors: Proxy[list[Sensor]], readings: Proxy[FloatArray]) -> list[Issue]:
    issues: list[Issue] = []
    if len(sensors) != sensor_count(readings):
        issues.append(Issue(Stage.INGEST, Severity.ERROR, "sensor count does not match readings"))
    for sensor in sensors:
        if sensor.rate <= 0:
            issues.append(Issue(Stage.INGEST, Severity.ERROR, f"{sensor.name} has no rate"))
    return issues


def inject_gaps(readings: Proxy[FloatArray], every: int) -> Proxy[FloatArray]:
    values = extract(readings).copy()
    values[::every, 0] = np.nan
    return Proxy(SimpleFactory(values))


def stream_chunks(readings: Proxy[FloatArray], size: int) -> list[Proxy[FloatArray]]:
    chunks: list[Proxy[FloatArray]] = []
    for window in windows_for(readings, size):
        chunks.append(Proxy(SimpleFactory(windowed(readings, window))))
    return chunks


def chunk_sizes(chunks: list[Proxy[FloatArray]]) -> list[int]:
    return [int(chunk.shape[0]) for chunk in chunks]


def ingest(settings: Settings, mode: Mode | None = None) -> tuple[Proxy[Batch], list[Issue]]:
    readings = raw_readings(settings)
    sensors = sensor_list(settings)
    issues = check_missing(readings, settings) + check_sensors(sensors, readings)
    if (mode or settings.mode) == "stream":
        sizes = chunk_sizes(stream_chunks(readings, settings.window.size()))
        issues.append(Issue(Stage.INGEST, Severity.INFO, f"{len(sizes)} chunks"))
    batch = build_batch(settings.name, readings, sensors)
    BATCHES.put(settings.name, extract(batch))
    ARRAYS.put(f"{settings.name}/raw", extract(readings))
    return batch, issues


def batch_history(batches: list[Proxy[Batch]]) -> Series[str]:
    history: Series[str] = Series("history")
    for batch in batches:
        history.add(f"{batch.name} v{batch.version.major}.{batch.version.minor}")
    return history


def entropy(readings: Proxy[FloatArray], bins: int) -> float:
    counts, _edges = np.histogram(extract(readings), bins=bins)
    total = float(counts.sum())
    result = 0.0
    for count in counts:
        if count:
            share = float(count) / total
            result -= share * math.log(share)
    return result
