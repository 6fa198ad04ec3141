"""Stress the mypy plugin with a few hundred standard-library classes.

The test imports a fixed list of stdlib modules, takes their public classes,
and writes one function per class that receives a ``Proxy[module.Class]``
and uses it through the class's own members (found by runtime
introspection, so the set does not depend on what mypy thinks). One mypy run
with the plugin checks the whole module. Type errors are fine: typeshed and
the runtime disagree in places, and calls are written without arguments
only where the runtime signature allows it. What must never happen is a
crash: an INTERNAL ERROR, a traceback or exit status 2.
"""

from __future__ import annotations

import importlib
import inspect
import time
from pathlib import Path
from typing import Any

import pytest
from _mypy_output import ROOT, run_mypy

# Portable modules only: classes that exist on every platform, so the
# generated module is the same everywhere.
STDLIB_MODULES = [
    "argparse",
    "array",
    "ast",
    "asyncio",
    "calendar",
    "codecs",
    "collections",
    "collections.abc",
    "concurrent.futures",
    "configparser",
    "contextlib",
    "csv",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "email.message",
    "enum",
    "fractions",
    "functools",
    "gzip",
    "hashlib",
    "http.cookies",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "logging",
    "logging.handlers",
    "numbers",
    "pathlib",
    "pickle",
    "queue",
    "random",
    "re",
    "sched",
    "selectors",
    "shlex",
    "statistics",
    "string",
    "struct",
    "subprocess",
    "tarfile",
    "tempfile",
    "textwrap",
    "threading",
    "types",
    "unittest",
    "urllib.parse",
    "uuid",
    "weakref",
    "xml.etree.ElementTree",
    "zipfile",
]
MIN_CLASSES = 300
MEMBERS_PER_CLASS = 3

# A known error at the module's end. mypy reports exactly this message only
# when it found proxystore and the plugin made `Proxy[int]` an `int`; an
# unresolved import would make every proxy `Any` and the whole run vacuous.
CANARY = """

def canary(p: Proxy[int]) -> str:
    return p + 1
"""
CANARY_MESSAGE = 'Incompatible return value type (got "int", expected "str")  [return-value]'


def _public_classes(module: Any) -> list[tuple[str, type]]:
    """The module's public classes: defined in it, or exported by its ``__all__``."""
    exported = set(getattr(module, "__all__", ()))
    classes = []
    for name, value in sorted(vars(module).items()):
        if name.startswith("_") or not inspect.isclass(value):
            continue
        if value.__module__ == module.__name__ or name in exported:
            classes.append((name, value))
    return classes


def _needs_no_arguments(function: Any) -> bool:
    """True when the runtime signature can be called with no argument but self."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return False
    parameters = list(signature.parameters.values())
    if parameters and parameters[0].name in ("self", "cls"):
        parameters = parameters[1:]
    return all(
        parameter.default is not inspect.Parameter.empty
        or parameter.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        for parameter in parameters
    )


def _member_uses(cls: type) -> list[str]:
    """Up to ``MEMBERS_PER_CLASS`` expressions using the class's own public members."""
    uses = []
    for name, value in sorted(vars(cls).items()):
        if name.startswith("_") or not name.isidentifier():
            continue
        if inspect.isfunction(value) or (inspect.ismethoddescriptor(value) and callable(value)):
            uses.append(f"p.{name}()" if _needs_no_arguments(value) else f"p.{name}")
        else:
            # Properties, class attributes, class- and static methods, enum
            # members, slots: read them.
            uses.append(f"p.{name}")
        if len(uses) == MEMBERS_PER_CLASS:
            break
    return uses


def generate_stress_module() -> tuple[str, int]:
    """The module's source and the number of classes it proxies."""
    imports = [f"import {name}" for name in STDLIB_MODULES]
    functions = []
    count = 0
    for module_name in STDLIB_MODULES:
        module = importlib.import_module(module_name)
        for class_name, cls in _public_classes(module):
            qualified = f"{module_name}.{class_name}"
            body = [f"    {use}" for use in _member_uses(cls)]
            body += [
                f"    target: {qualified} = extract(p)",
                f"    same: {qualified} = p",
                "    text = str(p) + repr(target) + repr(same)",
                f"    locked: ProxyLocker[{qualified}] = ProxyLocker(p)",
                f"    if isinstance(maybe, {qualified}):",
                "        maybe.__class__",
            ]
            functions.append(
                f"def use_{count}(p: Proxy[{qualified}], maybe: Optional[Proxy[{qualified}]]) -> None:\n"
                + "\n".join(body)
                + "\n"
            )
            count += 1
    source = (
        '"""Generated by tests/test_plugin_stress.py."""\n\n'
        + "\n".join(imports)
        + "\nfrom typing import Optional\n\nfrom proxystore import Proxy, ProxyLocker, extract\n\n\n"
        + "\n\n".join(functions)
        + CANARY
    )
    return source, count


def test_plugin_survives_stdlib_classes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, count = generate_stress_module()
    assert count >= MIN_CLASSES, f"only {count} stdlib classes found"
    module = tmp_path / "stress_module.py"
    module.write_text(source)
    config = tmp_path / "mypy.ini"
    # mypy_path: mypy looks for proxystore's source on its own search path,
    # which does not follow sys.path (nor an editable install's import hook).
    config.write_text(
        f"[mypy]\nplugins = proxystore_mypy\nshow_error_codes = True\nmypy_path = {ROOT}\n"
    )

    # mypy loads the plugin in this process: the checkout must be importable.
    monkeypatch.syspath_prepend(str(ROOT))
    # Let a hook's internal error raise (and show as a crash) instead of
    # quietly falling back to mypy's default answer (read when a hook fails).
    monkeypatch.setenv("PROXYSTORE_MYPY_DEBUG", "1")

    start = time.perf_counter()
    run = run_mypy(
        [
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            str(module),
        ]
    )
    elapsed = time.perf_counter() - start
    output = run.output
    run.assert_completed()

    messages = run.messages
    for message in messages:
        assert message.file_name == module.name, message
    errors = [message.text for message in messages if message.kind == "error"]
    canary_line = len(source.splitlines())
    assert (canary_line, CANARY_MESSAGE) in [
        (message.line, message.text) for message in messages
    ], output[-4000:]
    assert not any("import-not-found" in text for text in errors), output[-4000:]
    errors.remove(CANARY_MESSAGE)
    about_proxy = sum("Proxy[" in text for text in errors)
    # Shown with `pytest -s`.
    print(
        f"\nstress: {count} classes, {len(source.splitlines())} lines, mypy {elapsed:.1f} s, "
        f"status {run.status}; {len(errors)} errors: {about_proxy} mention 'Proxy[', "
        f"{len(errors) - about_proxy} other"
    )
