"""One small multi-module package per kind of proxy target, and per reproducer.

Every kind is a sub-package of the generated project, independent of the
others (no kind imports another), so one mypy run checks them all and its
messages can be told apart by file. Each kind spells ``Proxy[X]`` in several
modules: where ``X`` is defined or aliased, where proxies are made, where
they are received, and where both meet (including module-level inferred
variables, whose types are written to the cache under the name of a class
synthesized in another module).

``edit`` changes the proxied class (a renamed member, a changed signature, a
dataclass option, a NamedTuple field, ...) so that a cold run of the edited
source reports something new; ``delete`` names the module deleted and
re-created. The sources are clean under ``mypy --strict`` with the plugin,
apart from ``reveal_type`` notes, which make the printed types part of what
is compared.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

# The generated project's top-level package; every kind is a sub-package.
PACKAGE = "cpkg"


@dataclass(frozen=True)
class Replace:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``module``."""

    module: str
    old: str
    new: str


@dataclass(frozen=True)
class Kind:
    """A sub-package: module name to source, the edit of its target, the module to delete."""

    name: str
    modules: dict[str, str]
    edit: tuple[Replace, ...] = ()
    edit_what: str = ""
    delete: str | None = None


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def _absolute_imports(kind: str, source: str) -> str:
    """``from . import a, b`` as ``import cpkg.kind.a as a`` and so on.

    mypy's own incremental mode (without any plugin) keeps reporting
    ``Module "pkg" has no attribute "a"`` after ``a.py`` is deleted and
    re-created when it was imported as ``from . import a``; absolute
    imports of the module recover, so the project uses them.
    """

    def spell(match: re.Match[str]) -> str:
        names = [name.strip() for name in match["names"].split(",")]
        return "\n".join(f"import {PACKAGE}.{kind}.{name} as {name}" for name in names)

    return re.sub(r"^from \. import (?P<names>[\w, ]+)$", spell, source, flags=re.MULTILINE)


_HEADER = "from __future__ import annotations\n\n"


def _kind(
    name: str,
    *,
    edit: tuple[Replace, ...] = (),
    edit_what: str = "",
    delete: str | None = None,
    **modules: str,
) -> Kind:
    return Kind(
        name=name,
        modules={
            module: _HEADER + _absolute_imports(name, _src(source))
            for module, source in modules.items()
        },
        edit=edit,
        edit_what=edit_what,
        delete=delete,
    )


BUILTINS = _kind(
    "builtins",
    delete="make",
    models="""
        Ints = list[int]
        Table = dict[str, int]
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Ints, Table


        def number() -> Proxy[int]:
            return Proxy(SimpleFactory(3))


        def text() -> Proxy[str]:
            return Proxy(SimpleFactory("abc"))


        def ints() -> Proxy[Ints]:
            return Proxy(SimpleFactory([1, 2]))


        def table() -> Proxy[Table]:
            return Proxy(SimpleFactory({"a": 1}))


        NUMBER = number()
    """,
    use="""
        from proxystore import Proxy, extract

        from .models import Ints, Table


        def total(n: Proxy[int], xs: Proxy[Ints]) -> int:
            return n + sum(xs) + len(xs)


        def shout(s: Proxy[str]) -> str:
            return s.upper() + "!"


        def lookup(t: Proxy[Table], key: str) -> int:
            return t[key] + len(t.keys())


        def all_numbers(ns: list[Proxy[int]]) -> int:
            return sum(extract(n) for n in ns)
    """,
    main="""
        from proxystore import Proxy

        from . import make, use

        N: Proxy[int] = make.number()
        XS = make.ints()
        NS: list[Proxy[int]] = [make.number(), make.NUMBER]
        TOTAL = use.total(N, XS)
        use.shout(make.text())
        use.lookup(make.table(), "a")
        use.all_numbers(NS)
        reveal_type(XS[0])
        reveal_type(N + 1)
        reveal_type(make.text().split())
    """,
)

STDLIB = _kind(
    "stdlib",
    delete="make",
    make="""
        import datetime
        from decimal import Decimal
        from fractions import Fraction
        from pathlib import Path

        from proxystore import Proxy, SimpleFactory


        def path() -> Proxy[Path]:
            return Proxy(SimpleFactory(Path("/tmp")))


        def when() -> Proxy[datetime.datetime]:
            return Proxy(SimpleFactory(datetime.datetime(2020, 1, 1)))


        def amount() -> Proxy[Decimal]:
            return Proxy(SimpleFactory(Decimal("1.5")))


        def ratio() -> Proxy[Fraction]:
            return Proxy(SimpleFactory(Fraction(1, 3)))


        HOME = path()
    """,
    use="""
        import datetime
        from decimal import Decimal
        from fractions import Fraction
        from pathlib import Path

        from proxystore import Proxy

        try:
            from fractions import Fraction as Number
        except ImportError:
            # A class whose name an import takes: mypy's cache cannot name it.
            class Number:  # type: ignore[no-redef]
                pass


        def child(p: Proxy[Path]) -> Path:
            return p / "child"


        def later(w: Proxy[datetime.datetime]) -> datetime.timedelta:
            return w - datetime.datetime(2019, 1, 1)


        def digits(d: Proxy[Decimal]) -> int:
            return len(d.as_tuple().digits)


        def half(r: Proxy[Fraction]) -> Fraction:
            return r / 2


        def names(ps: list[Proxy[Path]]) -> list[str]:
            return [p.name for p in ps]
    """,
    main="""
        from pathlib import Path

        from proxystore import Proxy

        from . import make, use

        P: Proxy[Path] = make.path()
        PATHS = [make.HOME, P]
        use.child(P)
        use.names([make.HOME, P])
        use.later(make.when())
        use.digits(make.amount())
        use.half(make.ratio())
        reveal_type(use.child(make.HOME))
        reveal_type(make.amount().as_tuple())
        reveal_type(P.parent)
    """,
)

DATACLASS = _kind(
    "dataclass",
    edit=(Replace("models", "def label(self)", "def title(self)"),),
    edit_what="rename a method",
    delete="make",
    models="""
        from dataclasses import dataclass


        @dataclass
        class Foo:
            name: str
            size: int = 0

            def label(self) -> str:
                return self.name.upper()
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Foo


        def foo(name: str) -> Proxy[Foo]:
            return Proxy(SimpleFactory(Foo(name)))


        DEFAULT = foo("default")
        FOOS: list[Proxy[Foo]] = [foo("a"), DEFAULT]
    """,
    use="""
        from proxystore import Proxy

        from .models import Foo


        def label(p: Proxy[Foo]) -> str:
            return p.label() + p.name


        def count(xs: list[Proxy[Foo]]) -> int:
            return sum(x.size for x in xs)


        def plain(f: Foo) -> int:
            return f.size
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Foo

        F: Proxy[Foo] = make.foo("x")
        use.label(F)
        use.label(make.DEFAULT)
        use.count(make.FOOS)
        use.count([F, make.DEFAULT])
        use.plain(F)
        reveal_type(F.label())
        reveal_type(make.DEFAULT.size)
        reveal_type(F.__dataclass_fields__)
    """,
)

DATACLASS_ORDER = _kind(
    "dataclass_order",
    edit=(Replace("models", "@dataclass(order=True, frozen=True)", "@dataclass(frozen=True)"),),
    edit_what="remove a dataclass option (order=True)",
    delete="use",
    models="""
        from dataclasses import dataclass


        @dataclass(order=True, frozen=True)
        class Version:
            major: int
            minor: int = 0
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Version


        def version(major: int) -> Proxy[Version]:
            return Proxy(SimpleFactory(Version(major)))


        CURRENT = version(3)
    """,
    use="""
        from proxystore import Proxy

        from .models import Version


        def newer(a: Proxy[Version], b: Proxy[Version]) -> bool:
            return a > b


        def newest(vs: list[Proxy[Version]]) -> Proxy[Version]:
            return max(vs)
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Version

        V: Proxy[Version] = make.version(2)
        use.newer(V, make.CURRENT)
        LATEST = use.newest([V, make.CURRENT])
        reveal_type(LATEST.major)
        reveal_type(V < make.CURRENT)
        reveal_type(sorted([V, make.CURRENT]))
    """,
)

GENERIC_DATACLASS = _kind(
    "generic_dataclass",
    edit=(Replace("models", "    first: T\n", "    head: T\n"),),
    edit_what="rename a dataclass field",
    delete="make",
    models="""
        from dataclasses import dataclass
        from typing import Generic, TypeVar

        T = TypeVar("T")


        @dataclass
        class Pair(Generic[T]):
            first: T
            second: T

            def swap(self) -> Pair[T]:
                return Pair(self.second, self.first)
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Pair


        def pair() -> Proxy[Pair[int]]:
            return Proxy(SimpleFactory(Pair(1, 2)))


        PAIR = pair()
    """,
    use="""
        from typing import TypeVar

        from proxystore import Proxy

        from .models import Pair

        T = TypeVar("T")


        def first(p: Proxy[Pair[T]]) -> T:
            return p.first


        def total(p: Proxy[Pair[int]]) -> int:
            return p.first + p.swap().second
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Pair

        P: Proxy[Pair[int]] = make.pair()
        use.total(P)
        use.total(make.PAIR)
        reveal_type(use.first(make.PAIR))
        reveal_type(P.swap())
        reveal_type(P.__match_args__)
    """,
)

TOTAL_ORDERING = _kind(
    "total_ordering",
    edit=(Replace("models", "self.score = score", "self.score = str(score)"),),
    edit_what="change an attribute's type",
    delete="make",
    models="""
        import functools


        @functools.total_ordering
        class Grade:
            def __init__(self, score: int) -> None:
                self.score = score

            def __eq__(self, other: object) -> bool:
                return isinstance(other, Grade) and other.score == self.score

            def __hash__(self) -> int:
                return self.score

            def __lt__(self, other: Grade) -> bool:
                return self.score < other.score
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Grade


        def grade(score: int) -> Proxy[Grade]:
            return Proxy(SimpleFactory(Grade(score)))


        PASS = grade(50)
    """,
    use="""
        from proxystore import Proxy

        from .models import Grade


        def passed(g: Proxy[Grade], bar: Proxy[Grade]) -> bool:
            return g >= bar


        def best(gs: list[Proxy[Grade]]) -> int:
            return max(g.score for g in gs)
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Grade

        G: Proxy[Grade] = make.grade(70)
        use.passed(G, make.PASS)
        use.best([G, make.PASS])
        reveal_type(G <= make.PASS)
        reveal_type(G.score)
    """,
)

NAMEDTUPLE = _kind(
    "namedtuple",
    edit=(Replace("models", "    right: str\n", "    right: str\n    weight: float\n"),),
    edit_what="add a NamedTuple field",
    delete="make",
    models="""
        from typing import NamedTuple


        class Pair(NamedTuple):
            left: int
            right: str
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Pair


        def pair() -> Proxy[Pair]:
            return Proxy(SimpleFactory(Pair(1, "a")))


        PAIR = pair()
    """,
    use="""
        from proxystore import Proxy

        from .models import Pair


        def both(p: Proxy[Pair]) -> str:
            left, right = p
            return str(left) + right + str(p._asdict())


        def lefts(ps: list[Proxy[Pair]]) -> int:
            return sum(p.left for p in ps)
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Pair

        P: Proxy[Pair] = make.pair()
        use.both(P)
        use.both(make.PAIR)
        use.lefts([P, make.PAIR])
        reveal_type(P.left)
        reveal_type(make.PAIR._replace(left=2))
        reveal_type(P[1])
    """,
)

TYPEDDICT = _kind(
    "typeddict",
    edit=(Replace("models", "    year: int\n", "    released: int\n"),),
    edit_what="rename a TypedDict key",
    delete="make",
    models="""
        from typing_extensions import TypedDict


        class Movie(TypedDict):
            title: str
            year: int
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Movie


        def movie() -> Proxy[Movie]:
            return Proxy(SimpleFactory(Movie(title="M", year=1999)))


        MOVIE = movie()
    """,
    use="""
        from proxystore import Proxy

        from .models import Movie


        def age(m: Proxy[Movie]) -> int:
            return 2024 - m["year"]


        def titles(ms: list[Proxy[Movie]]) -> list[str]:
            return [m["title"] for m in ms]
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Movie

        M: Proxy[Movie] = make.movie()
        use.age(M)
        use.titles([M, make.MOVIE])
        reveal_type(M["title"])
        reveal_type(make.MOVIE.get("year"))
    """,
)

ENUM = _kind(
    "enum",
    edit=(Replace("models", "    GREEN = 2\n    BLUE = 3\n", "    GREEN = 2\n"),),
    edit_what="remove an Enum member",
    delete="make",
    models="""
        import enum


        class Color(enum.Enum):
            RED = 1
            GREEN = 2
            BLUE = 3
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Color


        def color() -> Proxy[Color]:
            return Proxy(SimpleFactory(Color.RED))


        RED = color()
    """,
    # Exhaustiveness (`assert_never` after `is` checks) is left to
    # repro3_generic_and_enum, whose edit does not change the members: mypy's
    # daemon, without any plugin, does not re-check such a function when a
    # member is added or removed (docs/consistency.md). A member read
    # through the proxy shows the edit instead.
    use="""
        from proxystore import Proxy, extract

        from .models import Color


        def name(c: Proxy[Color]) -> str:
            x = extract(c)
            if x is Color.RED:
                return "red"
            return "green"


        def blue(c: Proxy[Color]) -> object:
            return c.BLUE


        def values(cs: list[Proxy[Color]]) -> list[int]:
            return [c.value for c in cs]
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Color

        C: Proxy[Color] = make.color()
        use.name(C)
        use.values([C, make.RED])
        reveal_type(C.value == 1)
        reveal_type(make.RED.name)
    """,
)

LITERAL = _kind(
    "literal",
    edit=(Replace("models", 'Mode = Literal["r", "w"]', 'Mode = Literal["r", "w", "a"]'),),
    edit_what="widen a Literal alias",
    delete="make",
    models="""
        from typing_extensions import Literal

        Mode = Literal["r", "w"]
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Mode


        def mode() -> Proxy[Mode]:
            value: Mode = "r"
            return Proxy(SimpleFactory(value))


        READ = mode()
    """,
    use="""
        from proxystore import Proxy, extract

        from .models import Mode


        def upper(m: Proxy[Mode]) -> str:
            return m.upper()


        def plain(m: Proxy[Mode]) -> Mode:
            return extract(m)
    """,
    main="""
        from typing_extensions import Literal

        from proxystore import Proxy, extract

        from . import make, use
        from .models import Mode

        M: Proxy[Mode] = make.mode()
        use.upper(M)
        use.upper(make.READ)
        RW: Literal["r", "w"] = extract(M)
        reveal_type(use.plain(M))
    """,
)

TUPLE = _kind(
    "tuple",
    edit=(Replace("models", "Coord = tuple[int, float]", "Coord = tuple[int, float, str]"),),
    edit_what="add a tuple item",
    delete="make",
    models="""
        Coord = tuple[int, float]
        Numbers = tuple[int, ...]
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Coord, Numbers


        def coord() -> Proxy[Coord]:
            value: Coord = (1, 2.0)
            return Proxy(SimpleFactory(value))


        def numbers() -> Proxy[Numbers]:
            return Proxy(SimpleFactory((1, 2, 3)))


        ORIGIN = coord()
    """,
    use="""
        from proxystore import Proxy

        from .models import Coord, Numbers


        def x(c: Proxy[Coord]) -> int:
            first, second = c
            return first + int(second)


        def size(n: Proxy[Numbers]) -> int:
            return len(n) + n[0]
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Coord

        C: Proxy[Coord] = make.coord()
        use.x(C)
        use.x(make.ORIGIN)
        use.size(make.numbers())
        reveal_type(C[1])
        reveal_type(make.ORIGIN[0])
    """,
)

CALLABLE = _kind(
    "callable",
    edit=(
        Replace("models", "Handler = Callable[[int], str]", "Handler = Callable[[int, int], str]"),
    ),
    edit_what="change a callable's signature",
    delete="make",
    models="""
        from typing import Callable

        Handler = Callable[[int], str]
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Handler


        def handler() -> Proxy[Handler]:
            h: Handler = str
            return Proxy(SimpleFactory(h))


        HANDLER = handler()
    """,
    use="""
        from proxystore import Proxy

        from .models import Handler


        def call(h: Proxy[Handler]) -> str:
            return h(1).upper()
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Handler

        H: Proxy[Handler] = make.handler()
        use.call(H)
        use.call(make.HANDLER)
        reveal_type(H(2))
    """,
)

UNION = _kind(
    "union",
    edit=(
        Replace(
            "models",
            'def kind(self) -> str:\n        return "leaf"',
            "def kind(self) -> int:\n        return 1",
        ),
    ),
    edit_what="change a method's return type",
    delete="make",
    models="""
        class Leaf:
            def kind(self) -> str:
                return "leaf"


        class Node:
            def kind(self) -> str:
                return "node"
    """,
    make="""
        from typing import Optional, Union

        from proxystore import Proxy, SimpleFactory

        from .models import Leaf, Node


        def tree() -> Proxy[Union[Leaf, Node]]:
            return Proxy(SimpleFactory(Leaf()))


        def maybe() -> Proxy[Optional[int]]:
            return Proxy(SimpleFactory(None))


        TREE = tree()
    """,
    use="""
        from typing import Optional, Union

        from proxystore import Proxy

        from .models import Leaf, Node


        def kind(t: Proxy[Union[Leaf, Node]]) -> str:
            return t.kind()


        def number(m: Proxy[Optional[int]]) -> int:
            if isinstance(m, int):
                return m + 1
            return 0
    """,
    main="""
        from typing import Union

        from proxystore import Proxy

        from . import make, use
        from .models import Leaf, Node

        T: Proxy[Union[Leaf, Node]] = make.tree()
        use.kind(T)
        use.kind(make.TREE)
        use.number(make.maybe())
        reveal_type(T.kind())
    """,
)

GENERIC = _kind(
    "generic",
    edit=(Replace("models", "def get(self) -> T:", "def get(self) -> list[T]:"),),
    edit_what="change a method's signature",
    delete="make",
    models="""
        from typing import Generic, TypeVar

        T = TypeVar("T")


        class Box(Generic[T]):
            def __init__(self, item: T) -> None:
                self.item = item

            def get(self) -> T:
                return self.item
    """,
    make="""
        from typing import TypeVar

        from proxystore import Proxy, SimpleFactory

        from .models import Box

        T = TypeVar("T")


        def box() -> Proxy[Box[int]]:
            return Proxy(SimpleFactory(Box(3)))


        def wrap(b: Box[T]) -> Proxy[Box[T]]:
            return Proxy(SimpleFactory(b))


        BOX = box()
    """,
    use="""
        from typing import TypeVar

        from proxystore import Proxy

        from .models import Box

        T = TypeVar("T")


        def get(b: Proxy[Box[T]]) -> T:
            return b.get()


        def plus(b: Proxy[Box[int]]) -> int:
            return b.get() + 1
    """,
    main="""
        from proxystore import Proxy

        from . import make, use
        from .models import Box

        B: Proxy[Box[int]] = make.box()
        use.plus(B)
        use.plus(make.BOX)
        S = make.wrap(Box("s"))
        reveal_type(use.get(S))
        reveal_type(use.get(make.BOX))
        reveal_type(B.item)
    """,
)

LOCAL = _kind(
    "local",
    edit=(Replace("models", "def size(self) -> int:", "def length(self) -> int:"),),
    edit_what="rename a method of a local class",
    delete="main",
    models="""
        from typing import Generic, TypeVar

        from proxystore import Proxy, SimpleFactory

        T = TypeVar("T")


        def local_size() -> int:
            class Local:
                def size(self) -> int:
                    return 5

            p: Proxy[Local] = Proxy(SimpleFactory(Local()))
            return p.size()


        def local_generic() -> int:
            class LocalG(Generic[T]):
                def __init__(self, item: T) -> None:
                    self.item = item

                def get(self) -> T:
                    return self.item

            g: Proxy[LocalG[int]] = Proxy(SimpleFactory(LocalG(1)))
            return g.get() + 1
    """,
    main="""
        from . import models

        reveal_type(models.local_size())
        reveal_type(models.local_generic())
    """,
)

NUMPY = _kind(
    "numpy",
    edit=(
        Replace(
            "arrays", "FloatArray = npt.NDArray[np.float64]", "FloatArray = npt.NDArray[np.float32]"
        ),
    ),
    edit_what="change an array alias's dtype",
    delete="store",
    arrays="""
        import numpy as np
        import numpy.typing as npt

        FloatArray = npt.NDArray[np.float64]


        def random_matrix(r: int, c: int) -> FloatArray:
            return np.zeros((r, c), dtype=np.float64)
    """,
    store="""
        from proxystore import LambdaFactory, Proxy

        from .arrays import FloatArray, random_matrix


        def array_proxy(r: int, c: int) -> Proxy[FloatArray]:
            return Proxy(LambdaFactory(random_matrix, r, c))


        IDENTITY = array_proxy(2, 2)
    """,
    use="""
        import numpy as np

        from proxystore import Proxy

        from .arrays import FloatArray


        def total(a: Proxy[FloatArray]) -> float:
            return float(a.sum())


        def rows(a: Proxy[FloatArray]) -> int:
            return int(a.shape[0])
    """,
    runner="""
        from proxystore import Proxy, extract

        from . import store, use
        from .arrays import FloatArray

        X: Proxy[FloatArray] = store.array_proxy(4, 4)
        use.total(X)
        use.rows(store.IDENTITY)
        reveal_type(X.shape)
        reveal_type(extract(X).dtype)
    """,
)

# The reproducers of issue 7, with the module names.

REPRO1 = _kind(
    "repro1_decimaltuple",
    delete="maker",
    maker="""
        from decimal import DecimalTuple

        from proxystore import Proxy


        def make() -> Proxy[DecimalTuple]:
            raise NotImplementedError
    """,
    main="""
        from decimal import DecimalTuple

        from proxystore import Proxy

        from .maker import make

        v: Proxy[DecimalTuple] = make()
        reveal_type(v.exponent)
    """,
)

REPRO2 = _kind(
    "repro2_list_of_proxies",
    edit=(Replace("models", "    name: str\n", "    name: str\n    size: int\n"),),
    edit_what="add a dataclass field",
    delete="consumer",
    models="""
        from dataclasses import dataclass


        @dataclass
        class Foo:
            name: str
    """,
    consumer="""
        from proxystore import Proxy

        from .models import Foo


        def take(xs: list[Proxy[Foo]]) -> int:
            return len(xs)
    """,
    producer="""
        from proxystore import Proxy, SimpleFactory

        from .consumer import take
        from .models import Foo

        xs: list[Proxy[Foo]] = [Proxy(SimpleFactory(Foo("a")))]
        take(xs)
        reveal_type(xs[0].name)
    """,
)

REPRO3 = _kind(
    "repro3_generic_and_enum",
    edit=(Replace("a", "    B = 2\n", "    B = 2\n    C = 3\n"),),
    edit_what="add an Enum member",
    delete="b",
    a="""
        import enum
        from typing import Generic, TypeVar

        from typing_extensions import assert_never

        from proxystore import Proxy, extract

        T = TypeVar("T")


        class Box(Generic[T]):
            def __init__(self, item: T) -> None:
                self.item = item

            def get(self) -> T:
                return self.item


        def f(p: Proxy[Box[int]]) -> int:
            return p.get()


        class Color(enum.Enum):
            R = 1
            B = 2


        def g(c: Proxy[Color]) -> int:
            x = extract(c)
            if x is Color.R:
                return 1
            if x is Color.B:
                return 2
            assert_never(x)
    """,
    b="""
        from . import a

        reveal_type(a.f)
    """,
)

REPRO4 = _kind(
    "repro4_order_option",
    edit=(Replace("models", "@dataclass(order=True)", "@dataclass"),),
    edit_what="remove order=True",
    delete="user",
    models="""
        from dataclasses import dataclass


        @dataclass(order=True)
        class DC:
            x: int
    """,
    api="""
        from proxystore import Proxy

        from .models import DC


        def use(p: Proxy[DC]) -> bool:
            return p < p
    """,
    user="""
        from proxystore import Proxy, SimpleFactory

        from .api import use
        from .models import DC

        q: Proxy[DC] = Proxy(SimpleFactory(DC(1)))
        reveal_type(use(q))
    """,
)

REPRO5 = _kind(
    "repro5_local_generic",
    edit=(Replace("a", "def get(self) -> T:", "def get(self) -> list[T]:"),),
    edit_what="change a method's signature in a local generic class",
    delete="other",
    a="""
        from typing import Generic, TypeVar

        from proxystore import Proxy, SimpleFactory

        T = TypeVar("T")


        def run() -> int:
            class LocalG(Generic[T]):
                def __init__(self, item: T) -> None:
                    self.item = item

                def get(self) -> T:
                    return self.item

            g: Proxy[LocalG[int]] = Proxy(SimpleFactory(LocalG(1)))
            return g.get()
    """,
    other="""
        from . import a

        reveal_type(a.run())
    """,
)

REPRO5_COLD = _kind(
    "repro5_hundred_local_classes",
    delete="main",
    many="\n\n".join(
        textwrap.dedent(
            f"""
            def f{index}() -> int:
                class Foo:
                    def n(self) -> int:
                        return {index}

                p: Proxy[Foo] = Proxy(SimpleFactory(Foo()))
                return p.n()
            """
        )
        for index in range(100)
    ).join(["from proxystore import Proxy, SimpleFactory\n\n", "\n"]),
    main="""
        from . import many

        reveal_type(many.f0())
        reveal_type(many.f99())
    """,
)

REPRO6 = _kind(
    "repro6_numpy_daemon",
    edit=(
        Replace(
            "arrays", "FloatArray = npt.NDArray[np.float64]", "FloatArray = npt.NDArray[np.float32]"
        ),
    ),
    edit_what="change an array alias's dtype",
    delete="runner",
    arrays="""
        import numpy as np
        import numpy.typing as npt

        FloatArray = npt.NDArray[np.float64]


        def random_matrix(r: int, c: int) -> FloatArray:
            return np.random.default_rng().random((r, c))
    """,
    store="""
        from proxystore import LambdaFactory, Proxy

        from .arrays import FloatArray, random_matrix


        def array_proxy(r: int, c: int) -> Proxy[FloatArray]:
            return Proxy(LambdaFactory(random_matrix, r, c))
    """,
    runner="""
        from proxystore import Proxy

        from .arrays import FloatArray
        from .store import array_proxy

        x: Proxy[FloatArray] = array_proxy(4, 4)
        reveal_type(x.ndim)
    """,
)

# A class of the user's that is a buffer: its companion hides `__buffer__`
# and declares the proxy's own `__int__`/`__float__`, which depend on the
# class's members, so the edit removes the buffer protocol.
BUFFER = _kind(
    "buffer",
    edit=(Replace("models", "def __buffer__(self", "def as_buffer(self"),),
    edit_what="remove a buffer's __buffer__ (int() of its proxy then fails)",
    delete="use",
    models="""
        class Blob:
            def __buffer__(self, flags: int, /) -> memoryview:
                return memoryview(b"12")
    """,
    make="""
        from proxystore import Proxy, SimpleFactory

        from .models import Blob


        def blob() -> Proxy[Blob]:
            return Proxy(SimpleFactory(Blob()))


        BLOB = blob()
        RAW: Proxy[bytes] = Proxy(SimpleFactory(b"7"))
    """,
    use="""
        from typing import SupportsInt

        from proxystore import Proxy

        from .models import Blob


        def number(p: Proxy[Blob]) -> float:
            return float(p)


        def convertible(x: SupportsInt) -> int:
            return int(x)
    """,
    main="""
        from . import make, use

        # int() itself is overloaded: mypy 1.4 prints its variants
        # differently cold and warm, so the kind reaches __int__ through
        # SupportsInt.
        use.number(make.BLOB)
        use.convertible(make.BLOB)
        use.convertible(make.RAW)
        reveal_type(float(make.BLOB))
    """,
)


KINDS: tuple[Kind, ...] = (
    BUILTINS,
    STDLIB,
    DATACLASS,
    DATACLASS_ORDER,
    GENERIC_DATACLASS,
    TOTAL_ORDERING,
    NAMEDTUPLE,
    TYPEDDICT,
    ENUM,
    LITERAL,
    TUPLE,
    CALLABLE,
    UNION,
    GENERIC,
    LOCAL,
    NUMPY,
    BUFFER,
    REPRO1,
    REPRO2,
    REPRO3,
    REPRO4,
    REPRO5,
    REPRO5_COLD,
    REPRO6,
)
