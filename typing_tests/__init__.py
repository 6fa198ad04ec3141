"""Typing tests: ordinary Python files whose inferred types are asserted.

``tests/test_typing.py`` runs mypy once over this package with the plugin
enabled and compares its output with the expectations written here:

* ``assert_type(expr, T)`` for every positive case (imported from
  :mod:`typing_tests._runtime`, which also checks the type at runtime);
* ``# E: <message>  [code]`` at the end of a line that must raise that error;
* ``# N: <note>`` for a note such as ``Revealed type is "..."``.

Each module also runs under pytest, so that the type mypy reveals is checked
against the value the code really produces. Lines that must fail to
type-check sit in functions that are never called.
"""
