"""Reads module-level proxies of ``main`` whose types were inferred there."""

from __future__ import annotations

from app import main, use

LATER = main.WRAPPED
LATER_LIST = main.LISTED
use.take_proxy_foo(LATER)
use.take_foo(LATER_LIST[1])
reveal_type(LATER.double())
