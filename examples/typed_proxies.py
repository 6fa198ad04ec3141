"""What the mypy plugin shows: a Proxy[T] type-checks as T and keeps the proxy API.

`bash .ci/examples` type-checks this file with the plugin (printing what each
`reveal_type` reveals) and then runs it. At runtime `reveal_type` prints the
runtime type, so the two can be compared line by line.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from typing_extensions import reveal_type

from proxystore import Proxy, ProxyLocker, SimpleFactory, extract, get_factory, is_resolved


@dataclasses.dataclass
class Dataset:
    name: str
    rows: list[int]

    def mean(self) -> float:
        return sum(self.rows) / len(self.rows)


def load_dataset() -> Dataset:
    return Dataset("weather", [12, 15, 9])


def describe(dataset: Dataset) -> str:
    """Written for Datasets; accepts proxies of them too."""
    return f"{dataset.name}: mean {dataset.mean():.1f}"


def first_row(dataset: Dataset | None) -> int:
    return 0 if dataset is None else dataset.rows[0]


proxy = Proxy(load_dataset)
reveal_type(proxy)  # the proxy itself: Proxy[Dataset]
print("resolved before use:", is_resolved(proxy))
reveal_type(proxy.mean())  # float, as Dataset.mean
reveal_type(proxy.rows[0] + 1)  # int: operators follow the target
print(describe(proxy))  # a Proxy[Dataset] is a Dataset
print("first row:", first_row(proxy))
reveal_type(extract(proxy))  # the target itself: Dataset
reveal_type(get_factory(proxy))  # the factory: () -> Dataset
reveal_type(ProxyLocker(proxy).unlock())  # Proxy[Dataset] again

numbers: Proxy[list[int]] = Proxy(SimpleFactory([3, 1, 2]))
reveal_type(sorted(numbers))  # list[int]
reveal_type(len(numbers))  # int
for number in numbers:
    reveal_type(number)  # int
    break

path: Proxy[Path] = Proxy(SimpleFactory(Path("/tmp")))
reveal_type(path / "data.csv")  # Path: Self binds to the target, as at runtime
