"""The project passes ``mypy --strict`` on itself with its own plugin on.

The plugin package is also checked with mypy's ``proper_plugin``, which
catches a ``Type`` used where a ``ProperType`` is needed: the most common
way for a plugin to crash on an alias it did not expect.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from _mypy_output import ROOT, run_mypy


def _mypy(tmp_path: Path, config: str, *targets: str) -> tuple[str, int]:
    config_file = tmp_path / "mypy.ini"
    config_file.write_text(config)
    run = run_mypy(
        [
            "--config-file",
            str(config_file),
            "--cache-dir",
            str(tmp_path / "cache"),
            *(str(ROOT / target) for target in targets),
        ]
    )
    return run.output, run.status


def test_project_is_strict_clean_with_the_plugin(tmp_path: Path) -> None:
    output, status = _mypy(
        tmp_path,
        "[mypy]\nstrict = True\nplugins = proxystore_mypy\n"
        # Fixture projects hold deliberate errors; their own tests check them.
        "exclude = tests/incremental_project/\n",
        "proxystore",
        "proxystore_mypy",
        "tests",
        "examples",
        "benchmarks",
    )
    assert status == 0, output


@pytest.mark.parametrize("package", ["proxystore_mypy"])
def test_plugin_is_clean_under_proper_plugin(tmp_path: Path, package: str) -> None:
    output, status = _mypy(
        tmp_path, "[mypy]\nstrict = True\nplugins = mypy.plugins.proper_plugin\n", package
    )
    assert status == 0, output
