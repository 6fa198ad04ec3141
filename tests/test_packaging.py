"""What the distribution declares and ships, checked against the installed metadata.

The heavier checks (building the sdist and wheel, ``twine check --strict``,
installing them into fresh environments and type-checking from outside the
checkout) are .ci/run's ``package`` and ``editable_outside`` stages.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

import proxystore
import proxystore_mypy
from proxystore_mypy._version import DISTRIBUTION, SUPPORTED_MYPY, read_dist_info

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict[str, Any]:
    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")
    data: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return data


def test_one_version_everywhere() -> None:
    version = _pyproject()["project"]["version"]
    assert metadata.version(DISTRIBUTION) == version
    assert proxystore.__version__ == version
    assert proxystore_mypy.__version__ == version


def test_the_distribution_is_ours() -> None:
    project = _pyproject()["project"]
    assert project["name"] == DISTRIBUTION == "typed-proxystore"
    assert _pyproject()["tool"]["setuptools"]["packages"] == ["proxystore", "proxystore_mypy"]
    assert 'version("typed-proxystore")' in (ROOT / "proxystore" / "__init__.py").read_text()


def test_classifiers_name_each_python_that_ci_runs() -> None:
    project = _pyproject()["project"]
    classifiers = set(project["classifiers"])
    assert "Typing :: Typed" in classifiers
    declared = {c.rsplit(" :: ", 1)[1] for c in classifiers if re.search(r":: 3\.\d+$", c)}
    loop = re.search(r"for version in ((?:3\.\d+ ?)+);", (ROOT / ".ci" / "run").read_text())
    assert loop is not None
    assert declared == set(loop[1].split())
    assert project["requires-python"] == f">={min(declared, key=lambda v: int(v[2:]))}"
    assert project["keywords"] and project["authors"]


def test_the_licence_is_mit_and_ships_in_the_distribution() -> None:
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License")
    project = _pyproject()["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    # The installed wheel's (or editable install's) dist-info carries it; an
    # .egg-info folder that setuptools leaves in a checkout may come first.
    shipped = [
        dist.read_text("licenses/LICENSE") for dist in metadata.distributions(name=DISTRIBUTION)
    ]
    assert licence in shipped


def test_the_sdist_carries_what_the_tests_need() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text().split("\n")
    for folder in ["tests", "typing_tests", "docs", "examples", "benchmarks", ".ci"]:
        assert f"graft {folder}" in manifest, folder
        assert (ROOT / folder).is_dir(), folder
    assert "include CHANGELOG.md LICENSE README.md" in manifest


def test_a_bare_mypy_checks_the_project_and_only_it() -> None:
    config = _pyproject()["tool"]["mypy"]
    assert config["strict"] is True and config["plugins"] == ["proxystore_mypy"]
    assert {"proxystore", "proxystore_mypy", "tests"} <= set(config["files"])
    assert "typing_tests" not in config["files"]  # deliberate errors; tests/test_typing.py
    assert all((ROOT / path).exists() for path in config["files"])


def _prose(document: Path) -> str:
    """The Markdown text without code blocks and code spans, where links are not links."""
    text = re.sub(r"^```.*?^```", "", document.read_text(), flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def test_the_readme_has_no_relative_links() -> None:
    # The package index shows the README without the repository around it.
    readme = _prose(ROOT / "README.md")
    targets = re.findall(r"\]\(([^)]*)\)", readme) + re.findall(
        r"""(?:href|src)=["']([^"']*)""", readme
    )
    relative = [t for t in targets if not re.match(r"https?://|#", t)]
    assert relative == []


@pytest.mark.parametrize("document", sorted((ROOT / "docs").glob("*.md")), ids=lambda p: p.name)
def test_the_docs_relative_links_resolve(document: Path) -> None:
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", _prose(document)):
        if not re.match(r"https?://", target):
            assert (document.parent / target).exists(), target


def test_the_documents_state_the_supported_mypy_range_as_the_mypy_extra() -> None:
    expected = str(SUPPORTED_MYPY).replace(" ", "")
    documents = [ROOT / "README.md", ROOT / "CHANGELOG.md", *(ROOT / "docs").glob("*.md")]
    stated = {
        (document.name, found.replace(" ", ""))
        for document in documents
        for found in re.findall(r"mypy\s*>=\s*\d+\.\d+\s*,\s*<\s*\d+\.\d+", document.read_text())
    }
    assert stated and {found for _, found in stated} == {expected}, stated


# Files that may state the supported mypy range: pyproject.toml's `mypy`
# extra (the one place it is written) and the documents checked above.
# PKG-INFO (in an sdist) is the metadata generated from pyproject.toml.
_MAY_STATE_THE_RANGE = {"pyproject.toml", "PKG-INFO", "README.md", "CHANGELOG.md"}
_SKIPPED_FOLDERS = {".git", "build", "dist", "__pycache__", ".mypy_cache", ".pytest_cache"}


def _project_text_files() -> list[Path]:
    files = []
    for path in ROOT.rglob("*"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & _SKIPPED_FOLDERS or any(
            part.startswith(".venv") or part.endswith(".egg-info") for part in parts
        ):
            continue
        if path.is_file() and path.suffix in {".py", ".toml", ".ini", ".cfg", ".sh", ".md", ""}:
            files.append(path)
    return files


def test_the_oldest_supported_mypy_is_written_once() -> None:
    major, minor = SUPPORTED_MYPY.oldest
    copies = re.compile(
        rf"mypy\s*(?:>=|==|~=)\s*{major}\\?\.{minor}\b"  # a requirement or message
        r"|OLDEST_MYPY\b[^\n]*=\s*[(\"'\d]"  # a constant holding it
    )
    found = [
        str(path.relative_to(ROOT))
        for path in _project_text_files()
        if path.name not in _MAY_STATE_THE_RANGE
        and path.parent.name != "docs"
        and copies.search(path.read_text(errors="replace"))
    ]
    assert found == []


def test_the_plugin_reads_its_metadata_as_importlib_metadata_does() -> None:
    found = read_dist_info(sys.path)
    assert found == (metadata.version(DISTRIBUTION), metadata.requires(DISTRIBUTION))


def _dist_info(directory: Path, version: str, headers: str = "", body: str = "") -> None:
    info = directory / f"typed_proxystore-{version}.dist-info"
    info.mkdir(parents=True)
    text = f"Metadata-Version: 2.1\nName: typed-proxystore\nVersion: {version}\n{headers}"
    (info / "METADATA").write_text(text + ("\n" + body if body else ""))


def test_the_first_dist_info_on_the_path_wins_and_the_body_is_not_read(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist_info(
        first,
        "1.2.3",
        headers='Requires-Dist: mypy<3,>=1.4; extra == "mypy"\n',
        body="Version: 9.9.9\nRequires-Dist: not-a-header\n",
    )
    _dist_info(second, "4.5.6")
    (first / "typed_proxystore_extra-1.0.dist-info").mkdir()  # another project
    missing = str(tmp_path / "missing")
    assert read_dist_info([missing, str(first), str(second)]) == (
        "1.2.3",
        ['mypy<3,>=1.4; extra == "mypy"'],
    )
    assert read_dist_info([str(second), str(first)]) == ("4.5.6", [])
    assert read_dist_info([missing, str(tmp_path)]) is None


def test_importing_the_plugin_does_not_import_importlib_metadata() -> None:
    # mypy never imports it; it would be half of what importing the plugin costs.
    code = (
        "import sys, mypy.main, proxystore_mypy; "
        "print(sorted(m for m in sys.modules if m.startswith('importlib.metadata')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
