"""A mypy outside the supported range: refused in one line, or loaded with a one-line note.

The range is read from pyproject.toml's `mypy` extra (through the installed
metadata); these tests derive every version they try from it. .ci/run also
runs a real mypy below the range (stage ``older_mypy_refused``).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from proxystore_mypy import ProxystorePlugin, plugin
from proxystore_mypy._version import (
    SUPPORTED_MYPY,
    MypyRange,
    mypy_release,
    parse_mypy_range,
)

ROOT = Path(__file__).resolve().parent.parent
OLDEST = SUPPORTED_MYPY.oldest
STOP = SUPPORTED_MYPY.stop


def _dotted(release: tuple[int, int], patch: int = 0) -> str:
    return f"{release[0]}.{release[1]}.{patch}"


# Releases just below the range, and the 0.x numbering mypy used until 1.0.
BELOW = [_dotted((OLDEST[0], OLDEST[1] - 1)) if OLDEST[1] else "0.991", "1.0.0", "0.991"]
INSIDE = [_dotted(OLDEST), _dotted((STOP[0], STOP[1] - 1), 1) if STOP[1] else _dotted(OLDEST, 1)]
ABOVE = [_dotted(STOP), f"{STOP[0] + 1}.0.0+dev.0123abcd"]


def test_the_range_is_the_mypy_extra_in_pyproject() -> None:
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    (requirement,) = project["optional-dependencies"]["mypy"]
    assert parse_mypy_range([f'{requirement}; extra == "mypy"']) == SUPPORTED_MYPY


def test_parse_reads_the_mypy_extra_only() -> None:
    requires = [
        "lazy-object-proxy>=1.10",
        'mypy-extensions>=1.0; extra == "mypy"',
        'mypy>=0.900; extra == "other"',
        'mypy<2.9,>=1.7; extra == "mypy"',
    ]
    assert parse_mypy_range(requires) == MypyRange(oldest=(1, 7), stop=(2, 9))
    with pytest.raises(LookupError, match="no mypy requirement"):
        parse_mypy_range(requires[:3])
    with pytest.raises(LookupError, match="needs >= and < bounds"):
        parse_mypy_range(['mypy>=1.7; extra == "mypy"'])


@pytest.mark.parametrize(
    ("version", "release"),
    [("0.991", (0, 991)), ("1.10.0+dev.abc123", (1, 10)), ("2.4.1", (2, 4)), ("junk", (0, 0))],
)
def test_mypy_release(version: str, release: tuple[int, int]) -> None:
    assert mypy_release(version) == release


@pytest.mark.parametrize("version", BELOW)
def test_a_mypy_below_the_range_is_refused_in_one_line(version: str) -> None:
    refusal = SUPPORTED_MYPY.refusal(version)
    assert refusal is not None and "\n" not in refusal
    assert f"needs mypy >= {OLDEST[0]}.{OLDEST[1]}, found {version}" in refusal
    assert f"(supported: {SUPPORTED_MYPY})" in refusal
    assert 'pip install "typed-proxystore[mypy]"' in refusal
    assert SUPPORTED_MYPY.note(version) is None
    with pytest.raises(RuntimeError, match="found " + version.replace(".", r"\.")):
        plugin(version)


@pytest.mark.parametrize("version", INSIDE)
def test_a_mypy_in_the_range_loads_silently(
    version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert SUPPORTED_MYPY.refusal(version) is None
    assert SUPPORTED_MYPY.note(version) is None
    assert plugin(version) is ProxystorePlugin
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("version", ABOVE)
def test_a_mypy_above_the_range_loads_with_a_one_line_note(
    version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert SUPPORTED_MYPY.refusal(version) is None
    assert plugin(version) is ProxystorePlugin
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"{SUPPORTED_MYPY.note(version)}\n"
    assert f"mypy {version} is newer than the tested range ({SUPPORTED_MYPY})" in err


# mypy run in a subprocess whose mypy reports a fake version: the plugin is
# imported and called exactly as in a real run of that mypy.
_FAKE_MYPY = """
import sys
import mypy.version
mypy.version.__version__ = sys.argv[1]
from mypy import main
main.main(args=["--no-incremental", "app.py"], clean_exit=True)
"""


def _mypy_as(version: str, project: Path) -> subprocess.CompletedProcess[str]:
    (project / "app.py").write_text(
        textwrap.dedent(
            """\
            from proxystore import Proxy, SimpleFactory

            reveal_type(Proxy(SimpleFactory([1])).pop())
            """
        )
    )
    (project / "mypy.ini").write_text("[mypy]\nstrict = True\nplugins = proxystore_mypy\n")
    return subprocess.run(
        # Old mypys import deprecated names, which `-c` code would show.
        [sys.executable, "-W", "ignore::DeprecationWarning", "-c", _FAKE_MYPY, version],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_mypy_below_the_range_prints_one_error_line_and_no_traceback(tmp_path: Path) -> None:
    version = BELOW[0]
    done = _mypy_as(version, tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert errors == [
        f'mypy.ini:3: error: Error importing plugin "proxystore_mypy": '
        f"{SUPPORTED_MYPY.refusal(version)}  [misc]"
    ], output


def test_mypy_above_the_range_checks_with_a_one_line_note(tmp_path: Path) -> None:
    version = ABOVE[0]
    done = _mypy_as(version, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == f"{SUPPORTED_MYPY.note(version)}\n"
    assert 'app.py:3: note: Revealed type is "int"' in done.stdout.replace("builtins.int", "int")
