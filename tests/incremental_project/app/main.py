"""Passes every proxy made in ``make`` to every parameter of ``use`` that should accept it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from proxystore import Proxy, extract

from app import make, use
from app.models import Box, Foo
from app.models2 import Bar

FOO = make.foo()
INTS = make.ints()
BOX = make.box()
PATH = make.path()
POINT = make.point()
BAR = make.bar()
WRAPPED = make.wrap(Foo(2))
REBOXED = make.rebox(Box("s"))
ANNOTATED: Proxy[Foo] = make.foo()
PLAIN: Foo = make.foo()
LISTED = [make.foo(), make.foo()]
MAYBE: Optional[Proxy[Foo]] = make.foo()

use.take_proxy_foo(make.foo())
use.take_foo(make.foo())
use.take_optional_foo(make.foo())
use.take_optional_foo(None)
use.take_proxy_foo(FOO)
use.take_foo(FOO)
use.take_optional_foo(FOO)
use.take_proxy_foo(WRAPPED)
use.take_foo(WRAPPED)
use.take_proxy_foo(ANNOTATED)
use.take_proxy_foo(LISTED[0])
use.take_proxy_ints(make.ints())
use.take_ints(make.ints())
use.take_proxy_ints(INTS)
use.take_ints(INTS)
use.take_proxy_ints(make.wrap([1, 2]))
use.take_proxy_box(make.box())
use.take_box(make.box())
use.take_proxy_box(BOX)
use.take_box(BOX)
use.take_proxy_box(make.wrap(Box(1)))
use.take_path(make.path())
use.take_path(PATH)
use.take_proxy_path(PATH)
use.take_proxy_path(make.wrap(Path("/")))
use.take_point(make.point())
use.take_point(POINT)
use.take_proxy_point(POINT)
use.generic_box(make.box())
use.generic_box(REBOXED)
make.boxed(BOX)
if MAYBE is not None:
    use.take_proxy_foo(MAYBE)
    use.take_optional_foo(MAYBE)

reveal_type(FOO)
reveal_type(WRAPPED)
reveal_type(make.boxed(BOX))
reveal_type(use.generic_box(REBOXED))
reveal_type(make.unbox(REBOXED))
reveal_type(extract(INTS))
reveal_type(BAR.label())
reveal_type(POINT.x)
reveal_type(LISTED)

use.take_path(make.foo())  # the one deliberate error
