"""The breadth-first work of :mod:`graph.read.traversal` on the projection's arrays, level by level in numpy.

Same answers as the pure functions (the tests compare them): :func:`ranked_ego` computes each
node's best relevance and parent per level with array operations; :func:`shortest_levels`
finds the distances from the source with arrays, then hands :func:`graph.read.traversal.ranked_paths`
only the nodes that lie on a shortest path to a target.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from graph.read.projection import TYPE_NAMES, Array, Projection
from graph.read.strength import type_weight
from graph.read.traversal import Levels, RankedEgo, Step

WEIGHTS = np.array([type_weight(t) for t in TYPE_NAMES], dtype=np.float64)


def type_mask(types: frozenset[str]) -> Array | None:
    """A boolean per type code (None: every type)."""
    if not types:
        return None
    return np.array([t in types for t in TYPE_NAMES], dtype=bool)


def expand(p: Projection, frontier: Array, types: Array | None) -> tuple[Array, Array, Array]:
    """(node, other end, type code) of every relationship of the frontier's nodes, of ``types``."""
    starts = p.indptr[frontier]
    lengths = p.indptr[frontier + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    slots = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
    parents = np.repeat(frontier, lengths)
    others = p.other[slots].astype(np.int64)
    codes = p.etype[p.edge[slots]].astype(np.int64)
    keep = others != parents
    if types is not None:
        keep &= types[codes]
    return parents[keep], others[keep], codes[keep]


def _hub(p: Projection, nodes: Array, center: int) -> Array:
    return np.where(nodes == center, 1.0, 1.0 / np.log2(2.0 + p.degrees[nodes]))


def ranked_ego(p: Projection, center: int, depth: int, cap: int, *, types: frozenset[str] = frozenset(),
               enter: Array | None = None) -> RankedEgo:
    """:func:`graph.read.traversal.ranked_ego` of ``levels(center, depth)``, on arrays.

    ``enter`` is a boolean per node (the label filter). The answer's ``hops`` and ``relevance``
    hold the kept nodes only; ``total`` counts every node within ``depth``.
    """
    n = len(p.ids)
    hop = np.full(n, -1, dtype=np.int64)
    rel = np.zeros(n, dtype=np.float64)
    parent = np.full(n, -1, dtype=np.int64)
    hop[center], rel[center] = 0, 1.0
    frontier = np.array([center], dtype=np.int64)
    wanted = type_mask(types)
    for h in range(1, depth + 1):
        if frontier.size == 0:
            break
        par, oth, codes = expand(p, frontier, wanted)
        new = hop[oth] == -1
        if enter is not None:
            new &= enter[oth]
        par, oth, codes = par[new], oth[new], codes[new]
        candidate = rel[par] * _hub(p, par, center) * WEIGHTS[codes]
        order = np.lexsort((par, -candidate, oth))  # per node: best first, then the smaller parent
        first = np.ones(order.size, dtype=bool)
        first[1:] = oth[order][1:] != oth[order][:-1]
        chosen = order[first]
        frontier = oth[chosen]
        hop[frontier], rel[frontier], parent[frontier] = h, candidate[chosen], par[chosen]
    reached = np.flatnonzero(hop >= 0)
    order = reached[np.lexsort((reached, hop[reached], -rel[reached]))]
    kept, dropped = order[:cap], order[cap:]
    is_kept = np.zeros(n, dtype=bool)
    is_kept[kept] = True
    anchor = parent[dropped]
    while anchor.size and not is_kept[anchor].all():
        anchor = np.where(is_kept[anchor], anchor, parent[anchor])
    nodes, counts = np.unique(anchor, return_counts=True)
    kept_list = kept.tolist()
    return RankedEgo({v: int(hop[v]) for v in kept_list}, {v: float(rel[v]) for v in kept_list}, kept_list,
                     dict(zip(nodes.tolist(), counts.tolist(), strict=True)), total=int(reached.size))


def shortest_levels(p: Projection, source: int, max_hops: int, *, types: frozenset[str] = frozenset(),
                    barred: Array | None = None, targets: Array | None = None, target: int | None = None,
                    enough: Callable[[int], bool] | None = None) -> tuple[Levels, list[int]]:
    """The levels of every shortest path from ``source`` to ``target`` (or to the ``targets`` mask).

    Nodes ``barred`` are never passed through (a target may be one). The search stops at the level
    that reaches ``target``, or once ``enough(targets reached so far)`` is true. Returns the levels
    restricted to the nodes on those shortest paths, and the targets reached.
    """
    n = len(p.ids)
    hop = np.full(n, -1, dtype=np.int64)
    hop[source] = 0
    wanted = type_mask(types)
    frontier = np.array([source], dtype=np.int64)
    reached: list[int] = []
    for h in range(1, max_hops + 1):
        passing = frontier if h == 1 or barred is None else frontier[~barred[frontier]]
        if passing.size == 0:
            break
        _, oth, _ = expand(p, passing, wanted)
        oth = oth[hop[oth] == -1]
        if barred is not None:
            is_end = (oth == target) if target is not None else targets[oth] if targets is not None else False
            oth = oth[~barred[oth] | is_end]
        frontier = np.unique(oth)
        hop[frontier] = h
        if target is not None:
            if hop[target] == h:
                reached = [target]
                break
        else:
            assert targets is not None
            reached += frontier[targets[frontier]].tolist()
            if enough is not None and enough(len(reached)):
                break
    return _dag(p, source, hop, reached, types, barred), reached


def _dag(p: Projection, source: int, hop: Array, ends: list[int], types: frozenset[str],
         barred: Array | None) -> Levels:
    """Levels holding only the nodes on a shortest path to ``ends``, walking back level by level."""
    on_path = set(ends)
    preds: dict[int, dict[int, list[Step]]] = {}
    todo = sorted(on_path, key=lambda v: -hop[v])
    by_hop: dict[int, set[int]] = {}
    for v in todo:
        by_hop.setdefault(int(hop[v]), set()).add(v)
    for h in range(max(by_hop, default=0), 0, -1):
        for v in sorted(by_hop.get(h, ())):
            mine: dict[int, list[Step]] = {}
            for step in p.neighbours([v], types):
                u = step.other
                if hop[u] != h - 1 or u == v:
                    continue
                if u != source and barred is not None and barred[u]:
                    continue
                mine.setdefault(u, []).append(Step(u, v, step.type, not step.outgoing, step.key))
                if u not in on_path:
                    on_path.add(u)
                    by_hop.setdefault(h - 1, set()).add(u)
            preds[v] = dict(sorted(mine.items()))
    ordered: dict[Any, int] = {source: 0}
    for v in sorted(on_path - {source}, key=lambda v: (hop[v], v)):
        ordered[v] = int(hop[v])
    return Levels(source, ordered, preds)
