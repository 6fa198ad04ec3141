"""Where synthesized classes are kept: one per distinct target, however many print alike.

Issue 7, reproducer 5: a module with a hundred functions that each define a
local ``class Foo`` spells a hundred different ``Proxy[Foo]`` types; each
gets its own class in the module (the plugin used to give up after 99).
"""

from __future__ import annotations

from pathlib import Path

from _mypy_output import check_project, write_plugin_project

FUNCTIONS = 120


def _module() -> str:
    parts = ["from proxystore import Proxy, SimpleFactory\n"]
    for number in range(FUNCTIONS):
        parts.append(
            f"\n\ndef f{number}() -> int:\n"
            "    class Foo:\n"
            "        def v(self) -> int:\n"
            f"            return {number}\n\n"
            "    p: Proxy[Foo] = Proxy(SimpleFactory(Foo()))\n"
            "    return p.v()\n"
        )
    return "".join(parts)


def test_many_local_classes_that_print_alike_each_get_a_proxy_type(tmp_path: Path) -> None:
    write_plugin_project(tmp_path, {"many.py": _module()})
    run = check_project(tmp_path, "many.py")
    assert run.messages == [], run.output[-2000:]
