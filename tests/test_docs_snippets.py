"""Every ```python snippet in README.md and docs/*.md type-checks, and runs, as written.

All snippets are checked by one ``mypy --strict`` run with the plugin, each
as a module of its own; then each snippet runs in a fresh interpreter. An
HTML comment on the line before a snippet's fence (invisible when the
Markdown is rendered) changes what is expected of it:

- ``<!-- snippet: errors -->``: a snippet that shows mypy's errors. mypy must
  report exactly the errors its ``# error: MESSAGE`` comments name, on those
  lines; it is not run.
- ``<!-- snippet: check -->``: type-checked (no errors), not run (for code
  that needs something the tests do not have, such as a cluster).

In every snippet, a comment after ``reveal_type(...)`` starts with the type
mypy reveals (module names left out), e.g. ``reveal_type(p.bar())  # int``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MODES = {"run", "check", "errors"}

_BLOCK = re.compile(
    r"^(?:<!--\s*snippet:\s*(?P<mode>[\w-]+)\s*-->\n)?```python\n(?P<code>.*?)^```", re.M | re.S
)
_OUTPUT = re.compile(r"^(?P<module>\w+)\.py:(?P<line>\d+): (?P<kind>error|note): (?P<text>.*)$")
_REVEAL = re.compile(r"reveal_type\(.*\)\s*#\s*(?P<expected>[^,#]+?)\s*(?:,|$)")
_EXPECTED_ERROR = re.compile(r"#\s*error:\s*(?P<text>.+?)\s*$")


@dataclass(frozen=True)
class Snippet:
    document: Path
    line: int  # of the first code line in the document
    mode: str
    code: str

    @property
    def module(self) -> str:
        stem = re.sub(r"\W", "_", self.document.stem.lower())
        return f"snippet_{stem}_{self.line}"

    def __str__(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def _snippets() -> list[Snippet]:
    found = []
    for document in DOCUMENTS:
        text = document.read_text()
        for match in _BLOCK.finditer(text):
            line = text.count("\n", 0, match.start("code")) + 1
            found.append(Snippet(document, line, match["mode"] or "run", match["code"]))
    return found


SNIPPETS = _snippets()


@cache
def _mypy_messages(folder: Path) -> tuple[dict[tuple[str, int, str], list[str]], str]:
    """(module, line, kind) -> messages, for every snippet, from one mypy run."""
    for snippet in SNIPPETS:
        (folder / f"{snippet.module}.py").write_text(snippet.code)
    (folder / "mypy.ini").write_text("[mypy]\nstrict = True\nplugins = proxystore_mypy\n")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--show-error-codes", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    for output_line in done.stdout.splitlines():
        match = _OUTPUT.match(output_line)
        if match:
            key = (match["module"], int(match["line"]), match["kind"])
            messages[key].append(match["text"])
    return messages, done.stdout + done.stderr


@pytest.fixture(scope="module")
def mypy_messages(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[tuple[str, int, str], list[str]], str]:
    return _mypy_messages(tmp_path_factory.mktemp("snippets"))


def _unqualified(type_text: str) -> str:
    return re.sub(r"\b[A-Za-z_][\w]*\.", "", type_text)


def test_the_documents_have_snippets_with_known_modes() -> None:
    assert len(SNIPPETS) >= 3
    assert {snippet.mode for snippet in SNIPPETS} <= MODES, [
        str(s) for s in SNIPPETS if s.mode not in MODES
    ]


@pytest.mark.parametrize("snippet", SNIPPETS, ids=str)
def test_snippet_type_checks_as_written(
    snippet: Snippet, mypy_messages: tuple[dict[tuple[str, int, str], list[str]], str]
) -> None:
    messages, output = mypy_messages
    assert "Traceback" not in output, output
    lines = snippet.code.splitlines()
    expected_errors = {
        number: match["text"]
        for number, text in enumerate(lines, start=1)
        if (match := _EXPECTED_ERROR.search(text))
    }
    if snippet.mode != "errors":
        assert not expected_errors, f"{snippet}: `# error:` comments need <!-- snippet: errors -->"
    reported_errors = {
        line: texts
        for (module, line, kind), texts in messages.items()
        if module == snippet.module and kind == "error"
    }
    problems = []
    for line in sorted(set(expected_errors) | set(reported_errors)):
        expected = [expected_errors[line]] if line in expected_errors else []
        if reported_errors.get(line, []) != expected:
            problems.append(
                f"{snippet.document.name}:{snippet.line + line - 1}: "
                f"expected {expected}, mypy reported {reported_errors.get(line, [])}"
            )
    for number, text in enumerate(lines, start=1):
        reveal = _REVEAL.search(text)
        if not reveal:
            continue
        notes = messages.get((snippet.module, number, "note"), [])
        revealed = [
            _unqualified(note.removeprefix("Revealed type is ").strip('"'))
            for note in notes
            if note.startswith("Revealed type is ")
        ]
        if revealed != [reveal["expected"]]:
            problems.append(
                f"{snippet.document.name}:{snippet.line + number - 1}: "
                f"comment says {reveal['expected']!r}, mypy revealed {revealed}"
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("snippet", [s for s in SNIPPETS if s.mode == "run"], ids=str)
def test_snippet_runs_as_written(snippet: Snippet, tmp_path: Path) -> None:
    script = tmp_path / f"{snippet.module}.py"
    script.write_text(snippet.code)
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"{snippet} failed:\n{done.stdout}{done.stderr}"
