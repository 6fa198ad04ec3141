"""Uses a proxy without importing the module that defines its target class."""

from __future__ import annotations

from app import make


def twice_foo() -> int:
    return make.foo().double()


CHAINED = make.foo().double()
