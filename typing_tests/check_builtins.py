"""Builtin targets: attributes, calls, operators, builtins, indexing, iteration."""

from __future__ import annotations

import operator

from proxystore import Proxy, SimpleFactory
from typing_tests._runtime import assert_type

i: Proxy[int] = Proxy(SimpleFactory(7))
f: Proxy[float] = Proxy(SimpleFactory(2.5))
s: Proxy[str] = Proxy(SimpleFactory("abc"))
b: Proxy[bytes] = Proxy(SimpleFactory(b"xyz"))
flag: Proxy[bool] = Proxy(SimpleFactory(True))
items: Proxy[list[int]] = Proxy(SimpleFactory([3, 1, 2]))
mapping: Proxy[dict[str, int]] = Proxy(SimpleFactory({"a": 1}))
numbers: Proxy[set[int]] = Proxy(SimpleFactory({1, 2}))

# Attributes and method calls.
assert_type(s.upper(), str)
assert_type(s.split(","), list[str])
assert_type(i.bit_length(), int)
assert_type(i.real, int)
assert_type(mapping.get("a"), int | None)
assert_type(items.copy(), list[int])

# Binary, reflected and augmented operators, comparisons, unary operators.
assert_type(i + 1, int)
assert_type(1 + i, int)
assert_type(i * f, float)
assert_type(2.0 * i, float)
assert_type(i / 2, float)
assert_type(i // 2, int)
assert_type(i % 3, int)
assert_type(i**2, int)
assert_type(i << 1, int)
assert_type(i & 3, int)
assert_type(s + "d", str)
assert_type(s * 2, str)
assert_type(items + [4], list[int])
assert_type(numbers | {3}, set[int])
assert_type(i < 3, bool)
assert_type(i == 7, bool)
assert_type(s >= "a", bool)
assert_type(-i, int)
assert_type(~i, int)
assert_type(+f, float)
assert_type(not i, bool)
assert_type(flag & True, bool)

# Builtin functions.
assert_type(len(items), int)
assert_type(len(s), int)
assert_type(abs(i), int)
assert_type(round(f), int)
assert_type(round(f, 1), float)
assert_type(divmod(i, 2), tuple[int, int])
assert_type(pow(i, 2), int)
assert_type(min(items), int)
assert_type(max(i, 3), int)
assert_type(sorted(items), list[int])
assert_type(sum(items), int)
assert_type(next(iter(items)), int)
assert_type(list(reversed(items)), list[int])
assert_type(format(i, "x"), str)
assert_type(hash(s), int)
assert_type(int(f), int)
assert_type(float(i), float)
assert_type(complex(i), complex)
assert_type(bytes(b), bytes)
assert_type(str(i), str)
assert_type(operator.index(i), int)

# Indexing, slicing, item assignment and deletion, `in`.
assert_type(items[0], int)
assert_type(items[1:], list[int])
assert_type(s[0], str)
assert_type(mapping["a"], int)
items[0] = 5
mapping["b"] = 2
del mapping["b"]
assert_type(3 in items, bool)
assert_type("a" in mapping, bool)

# In-place operators: the proxy replaces its target and stays a proxy.
counter: Proxy[int] = Proxy(SimpleFactory(1))
counter += 1
assert_type(counter, Proxy[int])
counter *= 3
assert_type(counter + 0, int)
growing: Proxy[list[int]] = Proxy(SimpleFactory([1]))
growing += [2]
assert_type(growing, Proxy[list[int]])
flags: Proxy[set[int]] = Proxy(SimpleFactory({1}))
flags |= {2}
assert_type(flags, Proxy[set[int]])

# Iteration and unpacking.
for item in items:
    assert_type(item, int)
for key, value in mapping.items():
    assert_type(key, str)
    assert_type(value, int)
first, *rest = items
assert_type(first, int)
assert_type(rest, list[int])

# A Proxy[T] is a T.
plain_int: int = i
plain_list: list[int] = items
plain_bool: bool = flag


def _misuse() -> None:
    i + "a"  # E: Unsupported operand types for + ("Proxy[int]" and "str")  [operator]
    "a" + i  # E: Unsupported operand types for + ("str" and "Proxy[int]")  [operator]
    i.upper()  # E: "Proxy[int]" has no attribute "upper"  [attr-defined]
    items["a"]  # type: ignore[call-overload]
    len(i)  # E: Argument 1 to "len" has incompatible type "Proxy[int]"; expected "Sized"  [arg-type]
    wrong: str = i  # E: Incompatible types in assignment (expression has type "Proxy[int]", variable has type "str")  [assignment]
    counter += "a"  # E: Unsupported operand types for + ("int" and "str")  [operator]
    ratio: Proxy[int] = Proxy(SimpleFactory(1))
    ratio /= 2  # E: Incompatible types in assignment (expression has type "float", variable has type "Proxy[int]")  [assignment]
    s()  # E: "Proxy[str]" not callable  [operator]
