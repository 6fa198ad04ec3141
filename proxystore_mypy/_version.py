"""The plugin's version, reported to mypy so that a new plugin invalidates caches.

mypy stores what ``report_config_data`` returns with every cached module and
re-checks a module when it changes. The version alone misses edits made
between releases (a development checkout), so a digest of the plugin's own
source files goes with it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Final

PLUGIN_VERSION: Final = "0.1.0"


def _source_digest() -> str:
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


CACHE_KEY: Final = f"{PLUGIN_VERSION}+{_source_digest()}"
