"""Generated packages and runners for ``tests/test_plugin_consistency.py``.

``kinds`` holds one small multi-module package per target kind (and one per
reproducer of issue 7); ``tree`` writes them into one project and applies
touches, edits and deletions; ``runs`` runs mypy, dmypy and parallel mypy and
groups their messages per kind.
"""
