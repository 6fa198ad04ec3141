"""The plugin's version, reported to mypy so that a new version invalidates caches."""

from typing import Final

PLUGIN_VERSION: Final = "0.1.0"
