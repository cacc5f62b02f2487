"""Variable-length bounds lowered to the ``max_hops`` a request asks for.

Neither Neo4j nor LadybugDB accepts a parameter as the bound of a variable-length pattern, so a
text writes its declared maximum (``[* SHORTEST 1..8]``, ``[:合作*..3]``) and keeps
``length(p) <= $max_hops`` (or ``$depth``) as the filter. Lowering the written bound to the checked value
returns the same shortest paths, but the engine stops searching there: LadybugDB's
shortest-path search explores every hop up to its bound, which around hubs of a million-node
graph is the difference between milliseconds and tens of seconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HOPS_PARAMS = ("max_hops", "depth")
"""The integer parameters that bound path searches; a query declares at most one of them."""

_BOUND = re.compile(r"(\[[^\]]*?\*[^\]]*?\.\.)(\d+)(\])")


def hops_param(names: Iterable[str]) -> str | None:
    """The path-bounding parameter among ``names``, if any."""
    return next((n for n in HOPS_PARAMS if n in names), None)


def upper_bounds(text: str) -> list[int]:
    """The written upper bounds of the variable-length patterns of ``text``."""
    return [int(m[2]) for m in _BOUND.finditer(text)]


def lowered(text: str, hops: int, maximum: int) -> str:
    """``text`` with every variable-length upper bound equal to ``maximum`` lowered to ``hops``.

    Raises:
        ValueError: if ``hops`` is not an integer between 1 and ``maximum``, so that nothing but a
            checked integer is ever written into a query text.
    """
    if isinstance(hops, bool) or not isinstance(hops, int) or not 1 <= hops <= maximum:
        raise ValueError(f"a path bound must be an integer between 1 and {maximum}, got {hops!r}")
    return _BOUND.sub(lambda m: f"{m[1]}{hops}{m[3]}" if int(m[2]) == maximum else m[0], text)
