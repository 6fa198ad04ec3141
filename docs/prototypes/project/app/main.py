from __future__ import annotations

from proxystore import Proxy, extract

from app import make, use
from app.models import Box, Foo

F: Proxy[Foo] = make.foo()
use.take(make.FOO)
use.take(make.sub())
use.take_list(make.FOOS)
use.take_list([make.foo(), F])
use.less(F, make.FOO)
use.plain(F)
use.get(make.box())
B: Proxy[Box[object]] = make.box()
reveal_type(make.FOO)
reveal_type(extract(make.FOO))
reveal_type(sorted([F, make.FOO]))
reveal_type(make.box().get())
