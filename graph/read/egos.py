"""Capped ego networks on the projection, best first: the ``cap`` most relevant nodes without the rest.

Relevance (:mod:`graph.read.strength`) only falls along a walk, so the nodes can be produced
in their final order — highest relevance, then fewest hops, then smallest node — by a
best-first search, as Dijkstra's algorithm produces distances: a heap holds one cursor per
node already kept, at its next relationship (each node's relationships are stored strongest
type first, then by neighbour: :func:`graph.read.projection.ranked_slots`), and the best
cursor gives the next node. A node is kept at its breadth-first hop only: a cursor's
neighbour that lies nearer the centre (a neighbour of the centre, or of one, when the cursor
is at hop 2) is passed over. After ``cap`` nodes the search stops, without walking the millions
of relationships that lie within two hops of a hub.

A kept node short of the depth has a *stub*: how many of its neighbours are not shown, which
is what expanding it (its own depth-1 ego network) adds. The total within the depth is
counted when that takes at most :data:`COUNT_LIMIT` relationships.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit

from graph.read.kernels import NONE, Array, Arrays, Scratch, _check_levels, best_walks, register, top_nodes

BEST_FIRST_DEPTH = 3
"""Deepest ego ranked best first; deeper ones rank every node within the depth (:func:`full_ego`)."""
COUNT_LIMIT = 200_000
"""Most relationships read to count the nodes within an ego's depth (``total`` is None above it)."""


@njit(nogil=True, inline="always")
def _before(value: float, hop: int, node: int, value2: float, hop2: int, node2: int) -> bool:
    """Whether key (``value``, ``hop``, ``node``) comes first: higher relevance, fewer hops, smaller node."""
    if value != value2:
        return value > value2
    if hop != hop2:
        return hop < hop2
    return node < node2


@njit(nogil=True)
def _near(indptr: Any, other: Any, stype: Any, wanted: Any, x: int, far: Any, order_far: Any,
          nfar: int) -> int:  # pragma: no cover - compiled
    """Mark ``far[x]``: 2 when ``x`` has a followed relationship to a neighbour of the centre, else 3."""
    far[x] = 3
    for s in range(indptr[x], indptr[x + 1]):
        if far[other[s]] == 1 and wanted[stype[s]]:
            far[x] = 2
            break
    order_far[nfar] = x
    return nfar + 1


@njit(nogil=True)
def _advance(indptr: Any, other: Any, stype: Any, weights: Any, wanted: Any, any_enter: bool, enter: Any,
             hop: Any, far: Any, order_far: Any, nfar: int, c: int, cnode: Any, cpos: Any, cend: Any,
             chop: Any, cbase: Any, cvalue: Any) -> tuple[bool, int]:  # pragma: no cover - compiled
    """Move cursor ``c`` to its next relationship to a node it may reach (followed type, admitted, not
    kept yet, at the cursor's hop); its key's value into ``cvalue``. Returns (found, nfar)."""
    u, h, pos, end = cnode[c], chop[c], cpos[c], cend[c]
    while pos < end:
        x = other[pos]
        if x != u and hop[x] == -1 and wanted[stype[pos]] and (not any_enter or enter[x]):
            mark = far[x]
            if h == 3 and mark == -1:
                nfar = _near(indptr, other, stype, wanted, x, far, order_far, nfar)
                mark = far[x]
            if h == 1 or (h == 2 and mark != 0 and mark != 1) or (h == 3 and mark == 3):
                cpos[c] = pos
                cvalue[c] = cbase[c] * weights[stype[pos]]
                return True, nfar
        pos += 1
    cpos[c] = pos
    return False, nfar


@njit(nogil=True, inline="always")
def _first(a: int, b: int, cvalue: Any, chop: Any, cpos: Any, other: Any) -> bool:
    """Whether cursor ``a``'s key comes before cursor ``b``'s."""
    return _before(cvalue[a], chop[a], other[cpos[a]], cvalue[b], chop[b], other[cpos[b]])


@njit(nogil=True)
def _sift_down(heap: Any, size: int, i: int, cvalue: Any, chop: Any, cpos: Any,
               other: Any) -> None:  # pragma: no cover - compiled
    c = heap[i]
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and _first(heap[child + 1], heap[child], cvalue, chop, cpos, other):
            child += 1
        if not _first(heap[child], c, cvalue, chop, cpos, other):
            break
        heap[i] = heap[child]
        i = child
    heap[i] = c


@njit(nogil=True)
def _sift_up(heap: Any, i: int, cvalue: Any, chop: Any, cpos: Any, other: Any) -> None:  # pragma: no cover
    c = heap[i]
    while i > 0:
        up = (i - 1) // 2
        if not _first(c, heap[up], cvalue, chop, cpos, other):
            break
        heap[i] = heap[up]
        i = up
    heap[i] = c


@njit(nogil=True)
def _best_first(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, depth: int,
                cap: int, wanted: Any, enter: Any, hop: Any, rel: Any, order: Any, far: Any,
                order_far: Any) -> tuple[int, int]:  # pragma: no cover - compiled
    """The ``cap`` first nodes within ``depth`` (≤ 3) in ``order``, their ``hop`` and ``rel``; ``far``
    marks the centre 0, its neighbours 1, and nodes found at hop 2 (2) or not (3). Returns both counts."""
    any_enter = enter.size > 0
    hop[source] = 0
    rel[source] = 1.0
    order[0] = source
    count, nfar = 1, 0
    if depth >= 2:
        far[source] = 0
        order_far[0] = source
        nfar = 1
        for s in range(indptr[source], indptr[source + 1]):
            x = other[s]
            if far[x] == -1 and wanted[stype[s]] and (not any_enter or enter[x]):
                far[x] = 1
                order_far[nfar] = x
                nfar += 1
    if depth == 0 or cap <= 1:
        return count, nfar
    room = min(cap, indptr.size)  # a cursor per node kept but the last
    cnode = np.empty(room, dtype=np.int64)
    cpos = np.empty(room, dtype=np.int64)
    cend = np.empty(room, dtype=np.int64)
    chop = np.empty(room, dtype=np.int64)
    cbase = np.empty(room, dtype=np.float64)
    cvalue = np.empty(room, dtype=np.float64)
    heap = np.empty(room, dtype=np.int64)
    cnode[0], cpos[0], cend[0], chop[0], cbase[0] = source, indptr[source], indptr[source + 1], 1, 1.0
    cursors, size = 1, 0
    found, nfar = _advance(indptr, other, stype, weights, wanted, any_enter, enter, hop, far, order_far, nfar,
                           0, cnode, cpos, cend, chop, cbase, cvalue)
    if found:
        heap[0] = 0
        size = 1
    while size > 0 and count < cap:
        c = heap[0]
        x = other[cpos[c]]
        if hop[x] == -1:  # else kept since the cursor moved here: move on
            value = cvalue[c]
            hop[x] = chop[c]
            rel[x] = value
            order[count] = x
            count += 1
            if chop[c] < depth and count < cap:
                d = cursors
                cursors += 1
                cnode[d], cpos[d], cend[d] = x, indptr[x], indptr[x + 1]
                chop[d], cbase[d] = chop[c] + 1, value * hub[x]
                found, nfar = _advance(indptr, other, stype, weights, wanted, any_enter, enter, hop, far,
                                       order_far, nfar, d, cnode, cpos, cend, chop, cbase, cvalue)
                if found:
                    heap[size] = d
                    size += 1
                    _sift_up(heap, size - 1, cvalue, chop, cpos, other)
        found, nfar = _advance(indptr, other, stype, weights, wanted, any_enter, enter, hop, far, order_far,
                               nfar, c, cnode, cpos, cend, chop, cbase, cvalue)
        # c is still on top: a new cursor's values are below x's (hub factors are below 1)
        if not found:
            size -= 1
            heap[0] = heap[size]
        if size > 0:
            _sift_down(heap, size, 0, cvalue, chop, cpos, other)
    return count, nfar


@njit(nogil=True)
def _hidden(indptr: Any, other: Any, stype: Any, wanted: Any, enter: Any, nodes: Any, hops: Any, depth: int,
            is_kept: Any, stamp: Any, stamped: int, out: Any) -> int:  # pragma: no cover - compiled
    """Per node of ``nodes`` short of ``depth``, its neighbours not kept, counted once each, into ``out``;
    returns the last ``stamp`` value written."""
    any_enter = enter.size > 0
    for i in range(nodes.size):
        k = nodes[i]
        if hops[i] >= depth:
            continue
        stamped += 1
        n = 0
        for s in range(indptr[k], indptr[k + 1]):
            x = other[s]
            if x != k and not is_kept[x] and stamp[x] != stamped and wanted[stype[s]] and \
                    (not any_enter or enter[x]):
                stamp[x] = stamped
                n += 1
        out[i] = n
    return stamped


@njit(nogil=True)
def _count_within(indptr: Any, other: Any, stype: Any, source: int, depth: int, wanted: Any, enter: Any,
                  limit: int, marks: Any, order: Any) -> int:  # pragma: no cover - compiled
    """Nodes within ``depth`` of ``source`` (-1 when that needs more than ``limit`` relationships);
    ``marks`` is left as found (-1)."""
    any_enter = enter.size > 0
    marks[source] = 0
    order[0] = source
    lo, hi, count, read = 0, 1, 1, 0
    for h in range(1, depth + 1):
        for i in range(lo, hi):
            u = order[i]
            read += indptr[u + 1] - indptr[u]
            if read > limit:
                break
            for s in range(indptr[u], indptr[u + 1]):
                v = other[s]
                if marks[v] == -1 and wanted[stype[s]] and (not any_enter or enter[v]):
                    marks[v] = h
                    order[count] = v
                    count += 1
        if read > limit:
            break
        lo, hi = hi, count
        if lo == hi:
            break
    for i in range(count):
        marks[order[i]] = -1
    return -1 if read > limit else count


register(_near, _advance, _sift_down, _sift_up, _best_first, _hidden, _count_within)


def _check_cap(cap: int) -> None:
    if cap < 1:
        raise ValueError(f"an ego network of at most {cap} nodes: it keeps at least its centre")


def stubs(g: Arrays, scratch: Scratch, kept: Array, hops: Array, depth: int, wanted: Array,
          enter: Array = NONE) -> dict[int, int]:
    """Per kept node short of ``depth``, how many of its neighbours (of ``wanted`` types, ``enter``
    admitted) are not kept, when any are."""
    kept = kept.astype(np.int64)
    if scratch.stamped > np.iinfo(np.int32).max - kept.size - 1:
        scratch.stamp.fill(0)
        scratch.stamped = 0
    out = np.zeros(kept.size, dtype=np.int64)
    scratch.kept[kept] = True
    try:
        scratch.stamped = _hidden(g.indptr, g.other, g.slot_type, wanted, enter, kept, hops, depth,
                                  scratch.kept, scratch.stamp, scratch.stamped, out)
    finally:
        scratch.kept[kept] = False
    return {int(v): int(c) for v, c in zip(kept.tolist(), out.tolist(), strict=True) if c}


def total_within(g: Arrays, scratch: Scratch, source: int, depth: int, wanted: Array, enter: Array = NONE,
                 limit: int | None = None) -> int | None:
    """How many nodes lie within ``depth`` of ``source`` (None when counting reads over ``limit``,
    default :data:`COUNT_LIMIT`, relationships). Uses ``scratch.on`` and ``scratch.order_far`` and
    leaves them clean."""
    found = _count_within(g.indptr, g.other, g.slot_type, source, depth, wanted, enter,
                          COUNT_LIMIT if limit is None else limit, scratch.on, scratch.order_far)
    return None if found < 0 else int(found)


def capped_ego(g: Arrays, weights: Array, scratch: Scratch, source: int, depth: int, cap: int, wanted: Array,
               *, enter: Array = NONE, limit: int | None = None) -> tuple[Array, dict[int, int], int | None]:
    """The ``cap`` most relevant nodes within ``depth`` of ``source`` (as
    :func:`graph.read.traversal.ranked_ego` orders them), their stubs and the total within the depth
    (None when not counted). ``g``'s relationships must be in :func:`graph.read.projection.ranked_slots`
    order; the kept nodes' hop and relevance are left in ``scratch``."""
    _check_levels(depth)
    _check_cap(cap)
    if depth > BEST_FIRST_DEPTH:
        return full_ego(g, weights, scratch, source, depth, cap, wanted, enter=enter)
    total = total_within(g, scratch, source, depth, wanted, enter, limit)
    scratch.count, scratch.count_far = _best_first(g.indptr, g.other, g.slot_type, g.hub, weights, source,
                                                   depth, cap, wanted, enter, scratch.hop, scratch.rel,
                                                   scratch.order, scratch.far, scratch.order_far)
    kept = scratch.order[:scratch.count].astype(np.int64)
    return kept, stubs(g, scratch, kept, scratch.hop[kept], depth, wanted, enter), total


def full_ego(g: Arrays, weights: Array, scratch: Scratch, source: int, depth: int, cap: int, wanted: Array,
             *, enter: Array = NONE) -> tuple[Array, dict[int, int], int]:
    """:func:`capped_ego` by ranking every node within ``depth`` (any slot order; ``scratch`` clean)."""
    _check_cap(cap)
    reached, _ = best_walks(g, weights, scratch, source, depth, wanted, enter=enter)
    reached = reached.astype(np.int64)
    kept = top_nodes(reached, scratch.rel[reached], scratch.hop[reached], cap, len(scratch.hop))
    return kept, stubs(g, scratch, kept, scratch.hop[kept], depth, wanted, enter), int(reached.size)
