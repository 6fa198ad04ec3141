"""A Proxy[X] spelled in one module is accepted by Proxy[X], X and Optional[X] in another."""

from __future__ import annotations

from proxystore import Proxy, SimpleFactory
from typing_tests import _accept, _make
from typing_tests._runtime import assert_type
from typing_tests._shapes import Box
from typing_tests._shapes import Shape as ImportedShape

assert_type(_accept.area_of_proxy(_make.make_shape()), float)
assert_type(_accept.area_of_shape(_make.make_shape()), float)
assert_type(_accept.area_of_optional(_make.make_shape()), float)
assert_type(_accept.area_of_proxy(_make.module_level_shape), float)
assert_type(_accept.area_of_proxy(_make.wrap(ImportedShape())), float)
assert_type(_accept.total(_make.make_numbers()), int)
assert_type(_accept.total(_make.wrap([1, 2])), int)
assert_type(_accept.first(_make.make_numbers()), int)
assert_type(_accept.unbox(_make.make_box()), int)
assert_type(_accept.unbox(_make.wrap_box("a")), str)
boxed_text = _make.wrap_box("a")
assert_type(_accept.unbox(boxed_text), str)
assert_type(_accept.unbox(_make.wrap(Box(2.5))), float)
assert_type(_accept.name_of(_make.make_path()), str)
stats: Proxy[_make.Stats] = _make.make_stats()
assert_type(stats.count + 1, int)
assert_type(stats.label, str)




class Shape:
    """Prints like _shapes.Shape: its proxy type must stay a different type."""

    def sides(self) -> int:
        return 4


local_shape: Proxy[Shape] = Proxy(SimpleFactory(Shape()))
assert_type(local_shape.sides(), int)
assert_type(_accept.area_of_proxy(_make.make_shape()), float)


def _misuse() -> None:
    _accept.area_of_proxy(local_shape)  # E: Argument 1 to "area_of_proxy" has incompatible type "typing_tests.check_cross_module.Proxy[Shape]"; expected "typing_tests._shapes.Proxy[Shape]"  [arg-type]
    _accept.total(_make.make_shape())  # E: Argument 1 to "total" has incompatible type "Proxy[Shape]"; expected "Proxy[list][int]"  [arg-type]
    _accept.name_of(_make.make_numbers())  # E: Argument 1 to "name_of" has incompatible type "Proxy[list][int]"; expected "Path"  [arg-type]
