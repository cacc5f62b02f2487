"""How much a relation says about a link, and how little a hub does: the one score paths and egos rank by.

A walk's *relevance* is the product of its hops' weights, divided, for every node it passes
through (not its ends), by ``log2(2 + degree)``::

    relevance = Π weight(hop) / Π log2(2 + degree(intermediate))

A hop's weight is the strongest of the relation types it merges: 1.0 for the types that state
a working link (牵头, 融资, 投资, 合作, 孵化, 创立, 任职), 0.25 for those that say two entities
share a place, a policy, an event or a list (位于, 获得, 参与, 入选), 0.6 for the rest. A walk
through 深圳 (degree 57) keeps 1/5.9 of its relevance; through a company of degree 3, 1/2.3.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

STRONG = frozenset({"牵头", "融资", "投资", "合作", "孵化", "创立", "任职"})
WEAK = frozenset({"位于", "获得", "参与", "入选"})
STRONG_WEIGHT = 1.0
WEAK_WEIGHT = 0.25
OTHER_WEIGHT = 0.6


def type_weight(relation_type: str) -> float:
    """The weight of one relation type."""
    if relation_type in STRONG:
        return STRONG_WEIGHT
    if relation_type in WEAK:
        return WEAK_WEIGHT
    return OTHER_WEIGHT


def hop_weight(types: Iterable[str]) -> float:
    """The weight of a hop: its strongest relation type (0 when it has none)."""
    return max((type_weight(t) for t in types), default=0.0)


def hub_factor(degree: int) -> float:
    """What passing through a node of ``degree`` relationships keeps of a walk's relevance."""
    return 1.0 / math.log2(2 + degree)
