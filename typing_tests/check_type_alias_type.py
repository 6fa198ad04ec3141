"""Proxy inside a TypeAliasType (PEP 695's runtime form).

requires: mypy >= 1.10 (older releases do not understand TypeAliasType)
"""

from __future__ import annotations

from typing_extensions import TypeAliasType

from proxystore import Proxy, SimpleFactory
from typing_tests._runtime import assert_type

StrProxy = TypeAliasType("StrProxy", Proxy[str])
IntProxies = TypeAliasType("IntProxies", list[Proxy[int]])


def shout(text: StrProxy) -> str:
    return text.upper()


def total(numbers: IntProxies) -> int:
    return sum(number + 0 for number in numbers)


assert_type(shout(Proxy(SimpleFactory("a"))), str)
assert_type(total([Proxy(SimpleFactory(1)), Proxy(SimpleFactory(2))]), int)
