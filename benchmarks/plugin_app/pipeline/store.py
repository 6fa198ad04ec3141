"""Where large objects live: the store hands out proxies, never the objects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from proxystore import LambdaFactory, Proxy, SimpleFactory, extract

from .arrays import FloatArray, random_matrix, zeros
from .records import Batch, FeatureTable, Labels, Sensor, Version, make_sensors
from .settings import Settings

T = TypeVar("T")

Loader = Callable[[int, int], FloatArray]


class Store(Generic[T]):
    """A keyed store of proxies of one kind of object."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, Proxy[T]] = {}

    def put(self, key: str, value: T) -> Proxy[T]:
        proxy: Proxy[T] = Proxy(SimpleFactory(value))
        self._items[key] = proxy
        return proxy

    def get(self, key: str) -> Proxy[T]:
        return self._items[key]

    def keys(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> list[Proxy[T]]:
        return [self._items[key] for key in self.keys()]


class ArrayStore:
    """Arrays are produced lazily, on first use, by a loader."""

    def __init__(self, loader: Loader = random_matrix) -> None:
        self.loader = loader
        self._arrays: dict[str, Proxy[FloatArray]] = {}

    def lazy(self, key: str, rows: int, columns: int) -> Proxy[FloatArray]:
        proxy: Proxy[FloatArray] = Proxy(LambdaFactory(self.loader, rows, columns))
        self._arrays[key] = proxy
        return proxy

    def empty(self, key: str, rows: int, columns: int) -> Proxy[FloatArray]:
        proxy: Proxy[FloatArray] = Proxy(LambdaFactory(zeros, rows, columns))
        self._arrays[key] = proxy
        return proxy

    def put(self, key: str, values: FloatArray) -> Proxy[FloatArray]:
        proxy: Proxy[FloatArray] = Proxy(SimpleFactory(values))
        self._arrays[key] = proxy
        return proxy

    def get(self, key: str) -> Proxy[FloatArray]:
        return self._arrays[key]

    def total_size(self) -> int:
        return sum(int(array.size) for array in self._arrays.values())


def array_proxy(rows: int, columns: int, seed: int = 0) -> Proxy[FloatArray]:
    return Proxy(LambdaFactory(random_matrix, rows, columns, seed))


def batch_proxy(batch: Batch) -> Proxy[Batch]:
    return Proxy(SimpleFactory(batch))


def features_proxy(table: FeatureTable) -> Proxy[FeatureTable]:
    return Proxy(SimpleFactory(table))


def labels_proxy(labels: Labels) -> Proxy[Labels]:
    return Proxy(SimpleFactory(labels))


def sensors_proxy(count: int) -> Proxy[list[Sensor]]:
    return Proxy(LambdaFactory(make_sensors, count))


def version_proxy(major: int, minor: int) -> Proxy[Version]:
    return Proxy(SimpleFactory(Version(major, minor)))


def settings_proxy(settings: Settings) -> Proxy[Settings]:
    return Proxy(SimpleFactory(settings))


def materialize(batch: Proxy[Batch]) -> Batch:
    return extract(batch)


def copy_array(values: Proxy[FloatArray]) -> FloatArray:
    result: FloatArray = extract(values).copy()
    return result


BATCHES: Store[Batch] = Store("batches")
TABLES: Store[FeatureTable] = Store("tables")
ARRAYS = ArrayStore()
