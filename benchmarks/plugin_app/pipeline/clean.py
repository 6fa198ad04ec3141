"""Clean: outliers, smoothing and normalisation on proxied batches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from proxystore import Proxy, SimpleFactory, extract

from .arrays import FloatArray, clip, column_means, column_stds, moving_average, zscore
from .records import Batch, Issue
from .settings import Settings, Severity, Stage, Thresholds
from .store import batch_proxy


@dataclass
class CleanReport:
    clipped: int
    smoothed: bool
    normalised: bool
    issues: list[Issue]

    def summary(self) -> str:
        parts = [f"{self.clipped} clipped"]
        if self.smoothed:
            parts.append("smoothed")
        if self.normalised:
            parts.append("normalised")
        return ", ".join(parts)


def outlier_count(batch: Proxy[Batch], thresholds: Thresholds) -> int:
    scores = zscore(batch.values)
    return int(np.count_nonzero((scores < thresholds.low) | (scores > thresholds.high)))


def clip_outliers(batch: Proxy[Batch], thresholds: Thresholds) -> Proxy[Batch]:
    means = column_means(batch.values)
    stds = column_stds(batch.values)
    low = float((means + thresholds.low * stds).min())
    high = float((means + thresholds.high * stds).max())
    return batch_proxy(batch.with_values(clip(batch.values, low, high)))


def smooth(batch: Proxy[Batch], width: int) -> Proxy[Batch]:
    return batch_proxy(batch.with_values(moving_average(batch.values, width)))


def normalise(batch: Proxy[Batch]) -> Proxy[Batch]:
    return batch_proxy(batch.with_values(zscore(batch.values)))


def constant_columns(batch: Proxy[Batch]) -> list[int]:
    stds = column_stds(batch.values)
    return [index for index in range(batch.columns) if float(stds[index]) == 0.0]


def drop_columns(batch: Proxy[Batch], columns: list[int]) -> Proxy[Batch]:
    if not columns:
        return batch
    keep = [index for index in range(batch.columns) if index not in columns]
    values: FloatArray = batch.values[:, keep]
    sensors = [batch.sensors[index] for index in keep]
    trimmed = Batch(batch.name, values, sensors, batch.version.bump(), list(batch.notes))
    return Proxy(SimpleFactory(trimmed))


def column_report(batch: Proxy[Batch]) -> dict[str, float]:
    means = column_means(batch.values)
    return {sensor.name: float(means[index]) for index, sensor in enumerate(batch.sensors)}


def clean(batch: Proxy[Batch], settings: Settings) -> tuple[Proxy[Batch], CleanReport]:
    issues: list[Issue] = []
    outliers = outlier_count(batch, settings.thresholds)
    if outliers:
        issues.append(Issue(Stage.CLEAN, Severity.WARNING, f"{outliers} outliers"))
    current = clip_outliers(batch, settings.thresholds)
    constant = constant_columns(current)
    if constant:
        issues.append(
            Issue(Stage.CLEAN, Severity.INFO, f"dropping {len(constant)} constant columns")
        )
        current = drop_columns(current, constant)
    smoothed = settings.mode != "replay"
    if smoothed:
        current = smooth(current, 3)
    current = normalise(current)
    current.note("cleaned")
    return current, CleanReport(outliers, smoothed, True, issues)


def compare_versions(before: Proxy[Batch], after: Proxy[Batch]) -> bool:
    return after.version > before.version


def total_change(before: Proxy[Batch], after: Proxy[Batch]) -> float:
    if before.values.shape != after.values.shape:
        return float("nan")
    return float(np.abs(extract(after).values - extract(before).values).sum())
