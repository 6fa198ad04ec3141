"""Features: windows of a proxied batch become a proxied feature table."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from proxystore import LambdaFactory, Proxy, SimpleFactory, extract

from .arrays import FloatArray, column_means, column_stds, histogram, window_slice
from .records import Batch, FeatureTable, Labels, Span
from .settings import Settings, Window
from .store import TABLES, features_proxy

Extractor = Callable[[FloatArray], float]


def mean_of(values: FloatArray) -> float:
    return float(values.mean())


def std_of(values: FloatArray) -> float:
    return float(values.std())


def peak_of(values: FloatArray) -> float:
    return float(np.abs(values).max())


def energy_of(values: FloatArray) -> float:
    return float(np.sum(values**2))


def range_of(values: FloatArray) -> float:
    return float(values.max() - values.min())


EXTRACTORS: dict[str, Extractor] = {
    "mean": mean_of,
    "std": std_of,
    "peak": peak_of,
    "energy": energy_of,
    "range": range_of,
}


def extractor_proxy(name: str) -> Proxy[Extractor]:
    return Proxy(SimpleFactory(EXTRACTORS[name]))


def apply_extractor(extractor: Proxy[Extractor], values: FloatArray) -> float:
    return extractor(values)


def window_features(batch: Proxy[Batch], window: Window, names: list[str]) -> FloatArray:
    values = window_slice(batch.values, window.start, window.stop, window.step)
    row = [
        apply_extractor(extractor_proxy(name), values[:, column])
        for column in range(batch.columns)
        for name in names
    ]
    result: FloatArray = np.asarray(row, dtype=np.float64)
    return result


def feature_names(batch: Proxy[Batch], names: list[str]) -> list[str]:
    return [f"{sensor.name}.{name}" for sensor in batch.sensors for name in names]


def windows(batch: Proxy[Batch], window: Window) -> list[Window]:
    size = max(1, window.size())
    return [Window(start, min(start + size, batch.rows)) for start in range(0, batch.rows, size)]


def build_table(batch: Proxy[Batch], settings: Settings, names: list[str]) -> Proxy[FeatureTable]:
    rows = [window_features(batch, window, names) for window in windows(batch, settings.window)]
    values: FloatArray = np.stack(rows, axis=0)
    table = FeatureTable(feature_names(batch, names), values, batch.name)
    TABLES.put(batch.name, table)
    return features_proxy(table)


def lazy_table(batch: Proxy[Batch], settings: Settings) -> Proxy[FeatureTable]:
    return Proxy(LambdaFactory(_table_now, extract(batch), settings))


def _table_now(batch: Batch, settings: Settings) -> FeatureTable:
    return extract(build_table(Proxy(SimpleFactory(batch)), settings, ["mean", "std"]))


def standardise(table: Proxy[FeatureTable]) -> Proxy[FeatureTable]:
    means = column_means(table.values)
    stds = column_stds(table.values)
    safe = np.where(stds == 0.0, 1.0, stds)
    values: FloatArray = (table.values - means) / safe
    return features_proxy(FeatureTable(list(table.names), values, table.source))


def select(table: Proxy[FeatureTable], prefix: str) -> Proxy[FeatureTable]:
    names = [name for name in table.names if name.startswith(prefix)]
    return features_proxy(table.select(names))


def labels_for(table: Proxy[FeatureTable], classes: int) -> Labels:
    target: FloatArray = table.values.sum(axis=1)
    edges = np.quantile(target, np.linspace(0.0, 1.0, classes + 1)[1:-1])
    labelled = np.searchsorted(edges, target).astype(np.int64)
    return Labels(target, labelled)


def span_features(batch: Proxy[Batch], span: Span) -> dict[str, float]:
    values = window_slice(batch.values, span.window.start, span.window.stop, span.window.step)
    column: FloatArray = values[:, span.sensor]
    return {name: extractor(column) for name, extractor in EXTRACTORS.items()}


def distribution(table: Proxy[FeatureTable], bins: int) -> list[int]:
    return [int(count) for count in histogram(table.values, bins)]


def widest(tables: list[Proxy[FeatureTable]]) -> Proxy[FeatureTable]:
    best = tables[0]
    for table in tables[1:]:
        if table.width() > best.width():
            best = table
    return best
