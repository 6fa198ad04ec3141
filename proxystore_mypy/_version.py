"""The plugin's version and supported mypy range, and the check of the running mypy.

Both facts are written once, in ``pyproject.toml``: the project's ``version``
and the bounds of its ``mypy`` extra (``mypy>=OLDEST,<STOP``). They are read
here from the installed distribution's metadata, so an installed wheel, an
editable checkout and CI all agree with what the package index shows.

This module imports nothing from mypy: the package's ``__init__`` checks the
running mypy with it before importing the plugin's modules, which reach into
mypy internals that older releases do not have.

The version goes to mypy's cache: mypy stores what ``report_config_data``
returns with every cached module and re-checks a module when it changes. The
version alone misses edits made between releases (a development checkout),
so a digest of the plugin's own source files goes with it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path
from typing import Final, NamedTuple

# The distribution that ships proxystore and proxystore_mypy (pyproject's
# `name`; "proxystore" on the package index is another project).
DISTRIBUTION: Final = "typed-proxystore"

Release = tuple[int, int]


class MypyRange(NamedTuple):
    """The supported mypy releases: ``oldest`` <= (major, minor) < ``stop``.

    Example:
        >>> r = MypyRange(oldest=(1, 7), stop=(2, 9))
        >>> str(r), r.refusal("1.6.0") is None, r.note("2.9.0") is None
        ('mypy >=1.7,<2.9', False, False)
    """

    oldest: Release
    # The first minor release not tested yet; newer releases load with a note.
    stop: Release

    def __str__(self) -> str:
        return f"mypy >={_dotted(self.oldest)},<{_dotted(self.stop)}"

    def refusal(self, version: str) -> str | None:
        """The one-line error for a mypy ``version`` older than the range, else None."""
        if mypy_release(version) >= self.oldest:
            return None
        return (
            f"proxystore_mypy needs mypy >= {_dotted(self.oldest)}, found {version} "
            f"(supported: {self}): upgrade mypy "
            f'(pip install "{DISTRIBUTION}[mypy]") or remove the plugin'
        )

    def note(self, version: str) -> str | None:
        """The one-line note for a mypy ``version`` newer than the tested range, else None."""
        if mypy_release(version) < self.stop:
            return None
        return (
            f"proxystore_mypy: note: mypy {version} is newer than the tested range "
            f"({self}); if a proxy's type looks wrong, please report it"
        )


def mypy_release(version: str) -> Release:
    """``(major, minor)`` of a mypy version string such as ``1.10.0+dev.abc`` or ``0.991``."""
    numbers = re.findall(r"\d+", version.split("+")[0])
    return (int(numbers[0]), int(numbers[1])) if len(numbers) >= 2 else (0, 0)


def _dotted(release: Release) -> str:
    return ".".join(map(str, release))


_BOUND = re.compile(r"(>=|<)\s*(\d+)\.(\d+)")


def parse_mypy_range(requirements: list[str]) -> MypyRange:
    """The range of the ``mypy`` requirement of the ``mypy`` extra among ``requirements``.

    ``requirements`` are ``Requires-Dist`` lines, such as
    ``mypy<2.5,>=1.4; extra == "mypy"``.

    Raises:
        LookupError: When there is no such requirement or it lacks a bound.
    """
    for requirement in requirements:
        spec, _, marker = requirement.partition(";")
        if not re.match(r"\s*mypy\b(?![-_.])", spec) or not re.search(
            r"""extra\s*==\s*["']mypy["']""", marker
        ):
            continue
        bounds = {op: (int(major), int(minor)) for op, major, minor in _BOUND.findall(spec)}
        if ">=" in bounds and "<" in bounds:
            return MypyRange(oldest=bounds[">="], stop=bounds["<"])
        raise LookupError(f"the mypy extra's requirement {spec.strip()!r} needs >= and < bounds")
    raise LookupError(f"{DISTRIBUTION} declares no mypy requirement in its mypy extra")


def read_dist_info(search_path: list[str]) -> tuple[str, list[str]] | None:
    """``(version, Requires-Dist lines)`` from the first ``typed_proxystore-*.dist-info``
    on ``search_path``, or None if there is none.

    This is where importlib.metadata finds the distribution in the layouts
    pip makes (a wheel, an editable install), read without importing it:
    importlib.metadata and what it imports (email, csv, zipfile) take about
    7 ms, half of importing the whole plugin, and mypy never imports them.
    """
    prefix = DISTRIBUTION.replace("-", "_") + "-"
    for entry in search_path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if not (name.startswith(prefix) and name.endswith(".dist-info")):
                continue
            try:
                text = Path(entry or ".", name, "METADATA").read_text(encoding="utf-8")
            except OSError:
                continue
            headers = text.split("\n\n", 1)[0].splitlines()
            version = _header_values(headers, "Version")
            if version:
                return version[0], _header_values(headers, "Requires-Dist")
    return None


def _header_values(headers: list[str], field: str) -> list[str]:
    """The values of every ``field: value`` line among ``headers``, in order."""
    start = f"{field}:"
    return [line[len(start) :].strip() for line in headers if line.startswith(start)]


def _installed() -> tuple[str, MypyRange]:
    found = read_dist_info(sys.path)
    if found is None:
        # Other layouts (an egg, a zip): the standard library's reader.
        from importlib import metadata

        try:
            dist = metadata.distribution(DISTRIBUTION)
        except metadata.PackageNotFoundError:
            raise ImportError(
                f"proxystore_mypy cannot read its supported mypy range: the {DISTRIBUTION} "
                f"distribution is not installed (pip install {DISTRIBUTION}, or "
                f"pip install -e . in a checkout)"
            ) from None
        found = (dist.version, dist.requires or [])
    return found[0], parse_mypy_range(found[1])


_INSTALLED: Final = _installed()
PLUGIN_VERSION: Final = _INSTALLED[0]
SUPPORTED_MYPY: Final = _INSTALLED[1]


def _source_digest() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


CACHE_KEY: Final = f"{PLUGIN_VERSION}+{_source_digest()}"
