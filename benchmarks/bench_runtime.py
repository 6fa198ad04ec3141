"""Runtime cost of proxystore.Proxy next to its target and lazy_object_proxy.

Run from a checkout with the package installed (``pip install -e .``):

    python benchmarks/bench_runtime.py [--quick]

Every operation is timed on four subjects, side by side in one run:
the target used directly, ``lazy_object_proxy.Proxy`` (the C class),
``proxystore.Proxy`` and, to show what the ctypes slot patch buys, a
``proxystore.Proxy`` subclass whose ``tp_getattro`` was put back to the one
CPython installs. The subjects are interleaved within each repeat and the
minimum over repeats is kept; an empty statement's time is subtracted, so
the numbers are the operation's own cost in ns.
"""

from __future__ import annotations

import argparse
import ctypes
import pickle
import platform
import sys
import timeit
from typing import Any

import lazy_object_proxy  # type: ignore[import-untyped]

import proxystore as ps
from proxystore import _getattro_patch
from proxystore import proxy as proxy_module


class Target:
    def __init__(self) -> None:
        self.attribute = 1

    def method(self) -> int:
        return 1


class Unpatched(ps.Proxy[Any]):
    """A Proxy subclass with CPython's slow slot_tp_getattr_hook put back."""


def unpatch(cls: type) -> bool:
    layout = _getattro_patch.probe_slot_layout()
    if layout is None:
        return False
    offset, hook = layout
    ctypes.c_void_p.from_address(id(cls) + offset).value = hook
    ctypes.pythonapi.PyType_Modified(ctypes.py_object(cls))
    return True


UNPATCHED = unpatch(Unpatched)

# name, statement, target factory, per (statement runs this many elements)
SEQUENCE = list(range(100))
OPERATIONS: list[tuple[str, str, Any, int]] = [
    ("attribute read", "s.attribute", Target, 1),
    ("method call", "s.method()", Target, 1),
    ("str()", "str(s)", lambda: 12345, 1),
    ("p + 1", "s + 1", lambda: 12345, 1),
    ("1 + p", "1 + s", lambda: 12345, 1),
    ("p == x", "s == 12345", lambda: 12345, 1),
    ("hash()", "hash(s)", lambda: "text", 1),
    ("len()", "len(s)", lambda: SEQUENCE, 1),
    ("p[i]", "s[5]", lambda: SEQUENCE, 1),
    ("iteration, per element", "for _ in s: pass", lambda: SEQUENCE, len(SEQUENCE)),
    ("isinstance", "isinstance(s, Target)", Target, 1),
]
FACTORY = ps.SimpleFactory([1, 2, 3])


def make_list() -> list[int]:
    """Module level: a proxy of it pickles as a reference to this function."""
    return [1, 2, 3]


def subjects(make: Any) -> dict[str, Any]:
    lop = lazy_object_proxy.Proxy(make)
    ours = ps.Proxy(make)
    slow = Unpatched(make)
    for proxy in (lop, ours, slow):
        proxy.__wrapped__  # noqa: B018 - resolve: we measure forwarding
    return {"direct": make(), "lazy_object_proxy": lop, "proxystore": ours, "unpatched": slow}


def measure(
    statements: dict[str, tuple[str, dict[str, Any]]], number: int, repeat: int
) -> dict[str, float]:
    timers = {name: timeit.Timer(stmt, globals=env) for name, (stmt, env) in statements.items()}
    empty = timeit.Timer("pass")
    best = {name: float("inf") for name in timers}
    best_empty = float("inf")
    for _ in range(repeat):
        best_empty = min(best_empty, empty.timeit(number))
        for name, timer in timers.items():  # interleaved within a repeat
            best[name] = min(best[name], timer.timeit(number))
    return {name: max(t - best_empty, 0.0) / number * 1e9 for name, t in best.items()}


def run(number: int, repeat: int) -> list[tuple[str, dict[str, float]]]:
    rows: list[tuple[str, dict[str, float]]] = []
    for name, stmt, make, per in OPERATIONS:
        env = {"Target": Target}
        statements = {kind: (stmt, {**env, "s": obj}) for kind, obj in subjects(make).items()}
        times = measure(statements, number // per or 1, repeat)
        rows.append((name, {kind: t / per for kind, t in times.items()}))

    make = {"Proxy": lazy_object_proxy.Proxy, "f": FACTORY}
    rows.append(
        (
            "creation",
            measure(
                {
                    "direct": ("f", make),  # nothing to create: the factory itself
                    "lazy_object_proxy": ("Proxy(f)", make),
                    "proxystore": ("Proxy(f)", {**make, "Proxy": ps.Proxy}),
                    "unpatched": ("Proxy(f)", {**make, "Proxy": Unpatched}),
                },
                number,
                repeat,
            ),
        )
    )
    rows.append(
        (
            "creation + first access",
            measure(
                {
                    "direct": ("f().count", make),
                    "lazy_object_proxy": ("Proxy(f).count", make),
                    "proxystore": ("Proxy(f).count", {**make, "Proxy": ps.Proxy}),
                    "unpatched": ("Proxy(f).count", {**make, "Proxy": Unpatched}),
                },
                number,
                repeat,
            ),
        )
    )

    pickled = subjects(make_list)
    dumps_env = {
        kind: ("dumps(s)", {"dumps": pickle.dumps, "s": obj}) for kind, obj in pickled.items()
    }
    rows.append(("pickle dumps", measure(dumps_env, number // 4, repeat)))
    loads_env = {
        kind: ("loads(b)", {"loads": pickle.loads, "b": pickle.dumps(obj)})
        for kind, obj in pickled.items()
    }
    rows.append(("pickle loads", measure(loads_env, number // 4, repeat)))
    return rows


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b > 0.5 else "-"


def print_table(rows: list[tuple[str, dict[str, float]]]) -> None:
    header = (
        "| operation | direct ns | lazy_object_proxy ns | proxystore ns "
        "| proxystore/direct | proxystore/lazy_object_proxy | unpatched ns | unpatched/lazy_object_proxy |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, t in rows:
        direct = "-" if name == "creation" else f"{t['direct']:.0f}"
        to_direct = "-" if name == "creation" else ratio(t["proxystore"], t["direct"])
        print(
            f"| {name} | {direct} | {t['lazy_object_proxy']:.0f} | {t['proxystore']:.0f} "
            f"| {to_direct} | {ratio(t['proxystore'], t['lazy_object_proxy'])} "
            f"| {t['unpatched']:.0f} | {ratio(t['unpatched'], t['lazy_object_proxy'])} |",
        )


NOTES = """
Notes
- Subjects: the target used directly; lazy_object_proxy.Proxy (C class);
  proxystore.Proxy; "unpatched" = a proxystore.Proxy subclass whose
  tp_getattro was reset to CPython's slot_tp_getattr_hook, i.e. what a plain
  Python subclass of the C class costs without the ctypes patch.
- Why the patch: the C class lists __getattr__ among its methods, so CPython
  gives every Python subclass slot_tp_getattr_hook, which calls
  __getattribute__ through a method wrapper (and __getattr__ twice on a
  miss). No pure-Python spelling avoids it: a subclass cannot remove the
  inherited __getattr__, and any non-wrapper __getattr__ forces the generic
  hook. Copying the base's C slot into the subclass restores C speed for
  attribute reads, method calls and isinstance (which reads __class__).
- Creation cannot match the C class: proxystore.Proxy runs a Python
  __init__ (the factory check) and allocates the per-proxy resolver (a
  weakref.ref subclass holding the factory) that makes resolution
  exactly-once without leaks. The first access runs the resolver once (a
  Python call and a short claim under a global lock). After that the C code
  never calls it again: no lock, no cost.
- pickle: lazy_object_proxy and "direct" pickle the (resolved) target, a
  3-item list; proxystore pickles the factory, here the module-level
  function make_list (a global reference), and never resolves the proxy.
  dumps pays for the Python __reduce_ex__; loads re-creates an unresolved
  proxy, so it pays the creation cost above. With a big target the
  proxystore pickle stays the size of its factory.
- Operators, str, hash, len, [], iteration go through the C slots inherited
  unchanged, so they cost the same as on the C class (differences are noise;
  the machine is shared, rerun for a tighter spread).
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter repeats")
    args = parser.parse_args()
    number, repeat = (20_000, 5) if args.quick else (50_000, 15)
    print(
        f"python {platform.python_version()} ({sys.implementation.name}), "
        f"lazy-object-proxy {lazy_object_proxy.__version__}, "
        f"slot patch active: {proxy_module._FAST_GETATTRO}, unpatched subject: {UNPATCHED}",
    )
    print(f"{number} runs per measurement, min of {repeat} interleaved repeats\n")
    print_table(run(number, repeat))
    print(NOTES)


if __name__ == "__main__":
    main()
