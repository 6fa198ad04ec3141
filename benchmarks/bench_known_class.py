"""What ``isinstance`` costs on a proxy now that ``__class__`` can be known.

Run from a checkout with the package installed (``pip install -e .``):

    python benchmarks/bench_known_class.py [--baseline REV] [--quick]

``isinstance(p, Target)`` is timed on resolved proxies (every proxy pays a
Python-level ``__class__`` now) and on unresolved proxies whose class is
known (answered without calling the factory). ``--baseline REV`` also loads
``proxystore/proxy.py`` as it was at git revision ``REV`` (e.g. the commit
before known classes) and times its ``Proxy`` side by side in the same run.
On an unresolved proxy of unknown class, ``isinstance`` resolves it: the
"fresh proxy" rows time creation plus ``isinstance`` so both can be compared.
Subjects are interleaved within each repeat and the minimum over repeats is
kept; an empty statement's time is subtracted (ns per operation).
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import lazy_object_proxy  # type: ignore[import-untyped]
from bench_runtime import measure

import proxystore as ps

ROOT = Path(__file__).resolve().parent.parent


class Target:
    pass


def make_target() -> Target:
    return Target()


class TargetFactory(ps.Factory[Target]):
    """Declares its class: a factory that knows what it will produce."""

    def resolve(self) -> Target:
        return Target()

    def target_class(self) -> type[Target]:
        return Target


def load_baseline(revision: str) -> Any:
    """``proxystore/proxy.py`` at ``revision``, imported as its own module."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:proxystore/proxy.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "proxy_baseline.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("proxy_baseline", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["proxy_baseline"] = module
    spec.loader.exec_module(module)
    return module


def resolved(proxy: Any) -> Any:
    proxy.__wrapped__  # noqa: B018 - resolve it: isinstance then forwards
    return proxy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="git revision to compare against")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    number, repeat = (20_000, 5) if args.quick else (100_000, 15)
    check = "isinstance(s, Target)"
    env = {"Target": Target}
    subjects: dict[str, Any] = {
        "direct target": Target(),
        "lazy_object_proxy, resolved": resolved(lazy_object_proxy.Proxy(make_target)),
        "ours, resolved (function factory)": resolved(ps.Proxy(make_target)),
        "ours, resolved (SimpleFactory)": resolved(ps.Proxy(ps.SimpleFactory(Target()))),
        "ours, unresolved, target_class=": ps.Proxy(make_target, target_class=Target),
        "ours, unresolved, SimpleFactory": ps.Proxy(ps.SimpleFactory(Target())),
        "ours, unresolved, declared by factory": ps.Proxy(TargetFactory()),
    }
    fresh: dict[str, tuple[str, dict[str, Any]]] = {
        "fresh proxy, creation only (ours)": ("P(f)", {"P": ps.Proxy, "f": make_target}),
        "fresh proxy + isinstance, unknown class (ours)": (
            "isinstance(P(f), Target)",
            {**env, "P": ps.Proxy, "f": make_target},
        ),
        "fresh proxy + isinstance, target_class= (ours)": (
            "isinstance(P(f, target_class=Target), Target)",
            {**env, "P": ps.Proxy, "f": make_target},
        ),
    }
    if args.baseline:
        baseline = load_baseline(args.baseline)
        subjects["baseline, resolved (function factory)"] = resolved(baseline.Proxy(make_target))
        fresh["fresh proxy, creation only (baseline)"] = (
            "P(f)",
            {"P": baseline.Proxy, "f": make_target},
        )
        fresh["fresh proxy + isinstance (baseline: resolves)"] = (
            "isinstance(P(f), Target)",
            {**env, "P": baseline.Proxy, "f": make_target},
        )
    statements = {name: (check, {**env, "s": obj}) for name, obj in subjects.items()}
    times = measure(statements, number, repeat)
    fresh_times = measure(fresh, number // 5, repeat)
    for name, obj in subjects.items():
        if name.startswith("ours, unresolved"):
            assert not ps.is_resolved(obj), name  # the loop never resolved it
    print(
        f"python {platform.python_version()}, lazy-object-proxy {lazy_object_proxy.__version__}, "
        f"baseline: {args.baseline or 'not loaded (use --baseline REV)'}",
    )
    print(f"{number} runs per measurement, min of {repeat} interleaved repeats\n")
    print("| isinstance(p, Target) on | ns |")
    print("|---|---:|")
    for name, value in times.items():
        print(f"| {name} | {value:.0f} |")
    print()
    print("| statement | ns |")
    print("|---|---:|")
    for name, value in fresh_times.items():
        print(f"| {name} | {value:.0f} |")


if __name__ == "__main__":
    main()
