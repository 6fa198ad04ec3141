"""Standard-library targets behave as themselves through a proxy."""

from __future__ import annotations

import datetime
import os
import re
from collections import Counter, deque
from concurrent.futures import Future
from decimal import Decimal
from io import StringIO
from pathlib import Path

from proxystore import Proxy, SimpleFactory
from typing_tests._runtime import assert_type

path: Proxy[Path] = Proxy(SimpleFactory(Path("/tmp")))
assert_type(path / "x", Path)
assert_type("/tmp" / path, Path)
assert_type(path.name, str)
assert_type(path.with_suffix(".txt"), Path)
assert_type(os.fspath(path), str)
assert_type(os.path.join(path, "y"), str)
plain_path: os.PathLike[str] = path

when: Proxy[datetime.datetime] = Proxy(SimpleFactory(datetime.datetime(2026, 1, 2)))
assert_type(when - datetime.datetime(2026, 1, 1), datetime.timedelta)
assert_type(when + datetime.timedelta(days=1), datetime.datetime)
assert_type(when.year, int)
assert_type(when < datetime.datetime(2027, 1, 1), bool)

price: Proxy[Decimal] = Proxy(SimpleFactory(Decimal("1.5")))
assert_type(price + 1, Decimal)
assert_type(price * Decimal(2), Decimal)
assert_type(price.quantize(Decimal("1")), Decimal)
assert_type(round(price, 1), Decimal)

queue: Proxy[deque[int]] = Proxy(SimpleFactory(deque([1, 2])))
queue.appendleft(0)
assert_type(queue.popleft(), int)
assert_type(len(queue), int)

counts: Proxy[Counter[str]] = Proxy(SimpleFactory(Counter("abca")))
assert_type(counts.most_common(1), list[tuple[str, int]])
assert_type(counts["a"], int)
assert_type(counts + Counter("b"), Counter[str])

done: Future[int] = Future()
done.set_result(3)
future: Proxy[Future[int]] = Proxy(SimpleFactory(done))
assert_type(future.result(), int)
assert_type(future.done(), bool)

buffer: Proxy[StringIO] = Proxy(SimpleFactory(StringIO("line\n")))
with buffer as opened:
    assert_type(opened, StringIO)
    assert_type(opened.readline(), str)

pattern: Proxy[re.Pattern[str]] = Proxy(SimpleFactory(re.compile(r"a+")))
assert_type(pattern.match("aa"), re.Match[str] | None)
assert_type(pattern.sub("b", "aa"), str)
assert_type(re.match(pattern, "a"), re.Match[str] | None)


def _misuse() -> None:
    path + 1  # E: Unsupported operand types for + ("Proxy[Path]" and "int")  [operator]
    price + 1.5  # E: Unsupported operand types for + ("Proxy[Decimal]" and "float")  [operator]
    queue.push(1)  # E: "Proxy[deque][int]" has no attribute "push"  [attr-defined]
