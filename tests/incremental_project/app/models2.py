"""Part of the incremental-checking test project."""

from __future__ import annotations


class Bar:
    def label(self) -> str:
        return "bar"
