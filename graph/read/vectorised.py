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
SORT_BELOW = 16
"""An ego level is sorted when its relationships number under 1/SORT_BELOW of the nodes."""


def type_mask(types: frozenset[str]) -> Array | None:
    """A boolean per type code (None: every type)."""
    if not types:
        return None
    return np.array([t in types for t in TYPE_NAMES], dtype=bool)


def frontier_slots(p: Projection, frontier: Array) -> tuple[Array, Array]:
    """The CSR slots of every relationship of the frontier's nodes, and how many each node has."""
    starts = p.indptr[frontier]
    lengths = p.indptr[frontier + 1] - starts
    total = int(lengths.sum())
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total), lengths


def expand(p: Projection, frontier: Array, types: Array | None) -> tuple[Array, Array, Array]:
    """(node, other end, type code) of every relationship of the frontier's nodes, of ``types``."""
    slots, lengths = frontier_slots(p, frontier)
    if not len(slots):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
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

    ``enter`` is a boolean per node (the label filter). Per large level, each new node's best
    relevance is a scattered maximum over the relationships reaching it (ties: the smaller
    parent, a scattered minimum), with no sort (small levels are sorted); the cap's nodes are
    then picked by a partial selection. The answer's ``hops`` and ``relevance`` hold the kept
    nodes only; ``total`` counts every node within ``depth``.
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
        par, oth, codes = _new_steps(p, frontier, wanted, hop, enter)
        if oth.size == 0:
            break
        base = rel[frontier] * _hub(p, frontier, center)  # per parent, then per relationship
        candidate = base[par] * WEIGHTS[codes]
        par = frontier[par]
        if oth.size * SORT_BELOW < n:  # few: a sort is cheaper than passes over every node
            order = np.lexsort((par, -candidate, oth))  # per node: best first, then the smaller parent
            first = np.ones(order.size, dtype=bool)
            first[1:] = oth[order][1:] != oth[order][:-1]
            chosen = order[first]
            frontier = oth[chosen]
            hop[frontier], rel[frontier], parent[frontier] = h, candidate[chosen], par[chosen]
            continue
        best = np.zeros(n, dtype=np.float64)  # relevance is always > 0
        np.maximum.at(best, oth, candidate)
        top = candidate == best[oth]
        smallest = np.full(n, n, dtype=np.int64)
        np.minimum.at(smallest, oth[top], par[top])
        frontier = np.flatnonzero(best > 0)
        hop[frontier], rel[frontier], parent[frontier] = h, best[frontier], smallest[frontier]
    reached = np.flatnonzero(hop >= 0)
    kept = _top(reached, rel[reached], hop[reached], cap, n)
    is_kept = np.zeros(n, dtype=bool)
    is_kept[kept] = True
    dropped = reached[~is_kept[reached]]
    anchor = parent[dropped]
    while anchor.size and not is_kept[anchor].all():
        anchor = np.where(is_kept[anchor], anchor, parent[anchor])
    nodes, counts = np.unique(anchor, return_counts=True)
    kept_list = kept.tolist()
    return RankedEgo({v: int(hop[v]) for v in kept_list}, {v: float(rel[v]) for v in kept_list}, kept_list,
                     dict(zip(nodes.tolist(), counts.tolist(), strict=True)), total=int(reached.size))


def _new_steps(p: Projection, frontier: Array, wanted: Array | None, hop: Array,
               enter: Array | None) -> tuple[Array, Array, Array]:
    """:func:`expand`, keeping only the relationships to unvisited nodes ``enter`` admits.

    The parents come as positions in ``frontier``.
    """
    slots, lengths = frontier_slots(p, frontier)
    if not len(slots):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    oth = p.other[slots]
    keep = hop[oth] == -1  # the frontier's own nodes (self-loops among them) are visited
    if enter is not None:
        keep &= enter[oth]
    slots, oth = slots[keep], oth[keep]
    par = np.repeat(np.arange(frontier.size), lengths)[keep]  # position in the frontier
    codes = p.slot_type[slots]
    if wanted is not None:
        chosen = wanted[codes]
        par, oth, codes = par[chosen], oth[chosen], codes[chosen]
    return par, oth.astype(np.int64), codes


def _top(nodes: Array, rel: Array, hop: Array, cap: int, n: int) -> Array:
    """The ``cap`` first ``nodes`` by relevance (highest first), then hop, then node, in that order.

    A partial selection finds the cap's relevance; only the nodes at or above it are sorted.
    """
    if nodes.size > cap > 0:
        bound = np.partition(rel, nodes.size - cap)[nodes.size - cap]  # the cap-th highest
        above = rel > bound
        tied = np.flatnonzero(rel == bound)
        room = cap - int(above.sum())
        if tied.size > room:  # keep the tied nodes of fewest hops, then smallest id
            order = hop[tied] * n + nodes[tied]
            tied = tied[np.argpartition(order, room - 1)[:room]] if room > 0 else tied[:0]
        chosen = np.concatenate([np.flatnonzero(above), tied])
        nodes, rel, hop = nodes[chosen], rel[chosen], hop[chosen]
    order = np.lexsort((nodes, hop, -rel))
    return nodes[order][:cap]


def _passable(oth: Array, barred: Array | None, end: int | None) -> Array:
    """``oth`` without the barred nodes (``end`` admitted: a path's other end may be barred)."""
    if barred is None:
        return oth
    return oth[~barred[oth] | (oth == end)] if end is not None else oth[~barred[oth]]


def _next_level(p: Projection, frontier: Array, wanted: Array | None, dist: Array) -> Array:
    """The unvisited (``dist`` -1) other ends of the frontier's relationships, sorted, once each."""
    _, oth, _ = expand(p, frontier, wanted)
    return np.unique(oth[dist[oth] == -1])


def _meet(p: Projection, source: int, target: int, max_hops: int, wanted: Array | None,
          barred: Array | None) -> Array | None:
    """Bidirectional breadth-first search: a hop array holding only the nodes on a shortest path.

    Each round expands the side whose frontier has fewer relationships. When a new level
    touches the other side's visited nodes, those meeting nodes lie at distance ``a`` from the
    source and ``b`` from the target (``d = a + b``); the nodes on a shortest path are then
    walked back from them on each side. None when no path has at most ``max_hops`` hops.
    """
    n = len(p.ids)
    ds = np.full(n, -1, dtype=np.int64)
    dt = np.full(n, -1, dtype=np.int64)
    ds[source], dt[target] = 0, 0
    fs = np.array([source], dtype=np.int64)
    ft = np.array([target], dtype=np.int64)
    a = b = 0
    meet = np.zeros(0, dtype=np.int64)
    while a + b < max_hops:
        ps = fs if a == 0 or barred is None else fs[~barred[fs]]
        pt = ft if b == 0 or barred is None else ft[~barred[ft]]
        if ps.size == 0 or pt.size == 0:
            return None
        cost_s = int((p.indptr[ps + 1] - p.indptr[ps]).sum())
        cost_t = int((p.indptr[pt + 1] - p.indptr[pt]).sum())
        if cost_s <= cost_t:
            a += 1
            fs = _passable(_next_level(p, ps, wanted, ds), barred, target)
            ds[fs] = a
            meet = fs[dt[fs] >= 0]
        else:
            b += 1
            ft = _passable(_next_level(p, pt, wanted, dt), barred, source)
            dt[ft] = b
            meet = ft[ds[ft] >= 0]
        if meet.size:
            break
    if meet.size == 0:
        return None
    d = a + b
    on = np.full(n, -1, dtype=np.int64)
    on[meet] = a
    level = meet
    for i in range(a - 1, -1, -1):  # towards the source: the meeting nodes' predecessors
        _, oth, _ = expand(p, level, wanted)
        level = np.unique(oth[ds[oth] == i])
        on[level] = i
    level = meet
    for j in range(b - 1, -1, -1):  # towards the target
        _, oth, _ = expand(p, level, wanted)
        level = np.unique(oth[dt[oth] == j])
        on[level] = d - j
    return on


def shortest_levels(p: Projection, source: int, max_hops: int, *, types: frozenset[str] = frozenset(),
                    barred: Array | None = None, targets: Array | None = None, target: int | None = None,
                    enough: Callable[[int], bool] | None = None) -> tuple[Levels, list[int]]:
    """The levels of every shortest path from ``source`` to ``target`` (or to the ``targets`` mask).

    Nodes ``barred`` are never passed through (a target may be one). To one ``target`` the
    search is bidirectional (:func:`_meet`); to the ``targets`` mask it runs from the source and
    stops after the level at which ``enough(targets reached so far)`` is true. Returns the levels
    restricted to the nodes on those shortest paths, and the targets reached.
    """
    wanted = type_mask(types)
    if target is not None:
        on = _meet(p, source, target, max_hops, wanted, barred)
        if on is None:
            return Levels(source, {source: 0}, {}), []
        return _dag(p, source, on, [target], wanted, barred), [target]
    assert targets is not None
    n = len(p.ids)
    hop = np.full(n, -1, dtype=np.int64)
    hop[source] = 0
    frontier = np.array([source], dtype=np.int64)
    reached: list[int] = []
    for h in range(1, max_hops + 1):
        passing = frontier if h == 1 or barred is None else frontier[~barred[frontier]]
        if passing.size == 0:
            break
        _, oth, _ = expand(p, passing, wanted)
        oth = oth[hop[oth] == -1]
        if barred is not None:
            oth = oth[~barred[oth] | targets[oth]]
        seen = np.zeros(n, dtype=bool)
        seen[oth] = True
        frontier = np.flatnonzero(seen)
        hop[frontier] = h
        reached += frontier[targets[frontier]].tolist()
        if enough is not None and enough(len(reached)):
            break
    return _dag(p, source, hop, reached, wanted, barred), reached


def _dag(p: Projection, source: int, hop: Array, ends: list[int], wanted: Array | None,
         barred: Array | None) -> Levels:
    """Levels holding only the nodes on a shortest path to ``ends``, walking back level by level.

    A node's predecessors are its neighbours one hop nearer the source (``hop``, -1 for none),
    found per node with array operations; only those become :class:`Step` objects.
    """
    on_path = set(ends)
    preds: dict[int, dict[int, list[Step]]] = {}
    by_hop: dict[int, set[int]] = {}
    for v in ends:
        by_hop.setdefault(int(hop[v]), set()).add(v)
    for h in range(max(by_hop, default=0), 0, -1):
        for v in sorted(by_hop.get(h, ())):
            start, end = int(p.indptr[v]), int(p.indptr[v + 1])
            others = p.other[start:end]
            keep = (hop[others] == h - 1) & (others != v)
            edges = p.edge[start:end][keep]
            others = others[keep]
            codes = p.etype[edges]
            if wanted is not None:
                chosen = wanted[codes]
                edges, others, codes = edges[chosen], others[chosen], codes[chosen]
            if barred is not None:
                chosen = ~barred[others] | (others == source)
                edges, others, codes = edges[chosen], others[chosen], codes[chosen]
            forward = p.src[edges] != v  # stored u → v, seen from the nearer node u
            mine: dict[int, list[Step]] = {}
            for e, u, t, out in zip(edges.tolist(), others.tolist(), codes.tolist(), forward.tolist(),
                                    strict=True):
                mine.setdefault(u, []).append(Step(u, v, TYPE_NAMES[t], out, e))
                if u not in on_path:
                    on_path.add(u)
                    by_hop.setdefault(h - 1, set()).add(u)
            preds[v] = dict(sorted(mine.items()))
    ordered: dict[Any, int] = {source: 0}
    for v in sorted(on_path - {source}, key=lambda v: (hop[v], v)):
        ordered[v] = int(hop[v])
    return Levels(source, ordered, preds)
