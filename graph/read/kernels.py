"""Compiled breadth-first kernels (numba) over the projection's CSR arrays: one pass per level.

:func:`best_walks` finds, level by level, every node's hop and its best walk from the source
by :mod:`graph.read.strength` (relevance and parent; ties: the smaller parent), exactly as the
array passes of :mod:`graph.read.vectorised` did, but touching each relationship once and
allocating nothing: it writes into a :class:`Scratch` the caller borrows from a pool and that
is reset from the reached list afterwards. The kernels release the GIL.

Compiled on first use (about a second each); cached beside this file when it is writable.
"""

from __future__ import annotations

import contextlib
import math
import threading
from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.core.caching import NullCache
from numba.extending import intrinsic

Array = npt.NDArray[Any]

MAX_LEVELS = 120
"""Hops are int8 marks: deeper searches are refused (the service allows 3 for egos, 6 for paths)."""
NONE = np.zeros(0, dtype=np.bool_)
"""An empty mask: every node (``enter``, ``passable``) or none (``targets``)."""
AHEAD = 16
"""How many frontier nodes ahead a level pass asks the CPU to fetch adjacency (memory latency bound)."""


def _prefetch_typed(typingctx: Any, array: Any, index: Any) -> Any:  # pragma: no cover - compiled
    """Ask the CPU to bring ``array[index]`` into its caches (LLVM's prefetch: read, high locality)."""

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        array_type = signature.args[0]
        view = context.make_array(array_type)(context, builder, args[0])
        pointer = cgutils.get_item_pointer(context, builder, array_type, view, [args[1]])
        byte = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        fetch = cgutils.get_or_insert_function(builder.module,
                                               ir.FunctionType(ir.VoidType(), [byte, i32, i32, i32]),
                                               "llvm.prefetch.p0")
        builder.call(fetch, [builder.bitcast(pointer, byte), i32(0), i32(3), i32(1)])
        return context.get_dummy_value()

    return types.void(array, index), codegen


_prefetch: Any = intrinsic(_prefetch_typed)


@njit(nogil=True, inline="always")
def _fetch_ahead(indptr: Any, other: Any, order: Any, i: int, hi: int) -> None:  # pragma: no cover - compiled
    """Prefetch the CSR offsets of ``order[i + 2·AHEAD]`` and the relationships of ``order[i + AHEAD]``."""
    if i + 2 * AHEAD < hi:
        _prefetch(indptr, order[i + 2 * AHEAD])
    if i + AHEAD < hi:
        ahead = order[i + AHEAD]
        _prefetch(other, indptr[ahead])


@njit(nogil=True, inline="always")
def _relax(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, u: int, h: int,
           wanted: Any, any_enter: bool, enter: Any, hop: Any, rel: Any, parent: Any, order: Any,
           count: int) -> int:  # pragma: no cover - compiled
    """``u``'s relationships at level ``h``: new nodes listed with ``u`` as parent, nodes already at ``h``
    given ``u`` when its walk is better (ties: the smaller parent); returns the count."""
    base = rel[u] if u == source else rel[u] * hub[u]
    for s in range(indptr[u], indptr[u + 1]):
        v = other[s]
        seen = hop[v]
        if seen != -1 and seen != h:
            continue
        t = stype[s]
        if not wanted[t] or (any_enter and not enter[v]):
            continue
        c = base * weights[t]
        if seen == -1:
            hop[v] = h
            rel[v] = c
            parent[v] = u
            order[count] = v
            count += 1
        elif c > rel[v] or (c == rel[v] and u < parent[v]):
            rel[v] = c
            parent[v] = u
    return count


@njit(nogil=True)
def _best_walks(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, depth: int,
                wanted: Any, enter: Any, passable: Any, targets: Any, enough: int, hop: Any, rel: Any,
                parent: Any, order: Any) -> tuple[int, int]:  # pragma: no cover - compiled
    hop[source] = 0
    rel[source] = 1.0
    parent[source] = -1
    order[0] = source
    lo, hi, count, reached = 0, 1, 1, 0
    any_enter, any_pass, any_target = enter.size > 0, passable.size > 0, targets.size > 0
    for h in range(1, depth + 1):
        for i in range(lo, hi):
            _fetch_ahead(indptr, other, order, i, hi)
            u = order[i]
            if h > 1 and any_pass and not passable[u]:
                continue
            first = count
            count = _relax(indptr, other, stype, hub, weights, source, u, h, wanted, any_enter, enter, hop,
                           rel, parent, order, count)
            if any_target:
                for j in range(first, count):
                    reached += targets[order[j]]
        lo, hi = hi, count
        if lo == hi or (enough >= 0 and reached > enough):
            break
    return count, reached


@njit(nogil=True)
def _stubs(order: Any, count: int, kept: Any, parent: Any, counts: Any) -> None:  # pragma: no cover
    for i in range(count):
        v = order[i]
        if kept[v]:
            continue
        a = parent[v]
        while not kept[a]:
            a = parent[a]
        counts[a] += 1


@njit(nogil=True)
def _grow(indptr: Any, other: Any, stype: Any, lo: int, hi: int, level: int, wanted: Any, passable: Any,
          end: int, dist: Any, order: Any, count: int, far: Any) -> tuple[int, int]:  # pragma: no cover
    """One side's next level: the unvisited ends of ``order[lo:hi]``'s relationships (``end`` admitted
    though barred); returns the new count and how many of them the other side (``far``) reached."""
    any_pass = passable.size > 0
    met = 0
    for i in range(lo, hi):
        u = order[i]
        if level > 1 and any_pass and not passable[u]:
            continue
        for s in range(indptr[u], indptr[u + 1]):
            v = other[s]
            if dist[v] != -1 or not wanted[stype[s]] or (any_pass and not passable[v] and v != end):
                continue
            dist[v] = level
            order[count] = v
            count += 1
            if far[v] >= 0:
                met += 1
    return count, met


@njit(nogil=True)
def _cost(indptr: Any, lo: int, hi: int, order: Any, level: int, passable: Any) -> int:  # pragma: no cover
    """Relationships of the side's frontier that may be passed through (-1: none may)."""
    any_pass = passable.size > 0
    total, passing = 0, 0
    for i in range(lo, hi):
        u = order[i]
        if level > 0 and any_pass and not passable[u]:
            continue
        passing += 1
        total += indptr[u + 1] - indptr[u]
    return total if passing else -1


@njit(nogil=True)
def _walk_back(indptr: Any, other: Any, stype: Any, start: Any, levels: int, wanted: Any, dist: Any, on: Any,
               top: int, sign: int) -> None:  # pragma: no cover - compiled
    """From ``start`` towards one side's end: mark ``on`` each node one hop nearer, level by level.

    A node at ``dist`` i from that end gets ``top + sign * i``: its hop from the source.
    """
    level = start
    for i in range(levels - 1, -1, -1):
        found = np.empty(_reach(indptr, level), dtype=np.int64)
        n = 0
        for u in level:
            for s in range(indptr[u], indptr[u + 1]):
                w = other[s]
                if dist[w] == i and on[w] == -1 and wanted[stype[s]]:
                    on[w] = top + sign * i
                    found[n] = w
                    n += 1
        level = found[:n]


@njit(nogil=True)
def _reach(indptr: Any, nodes: Any) -> int:  # pragma: no cover - compiled
    total = 0
    for u in nodes:
        total += indptr[u + 1] - indptr[u]
    return total


@njit(nogil=True)
def _meet(indptr: Any, other: Any, stype: Any, source: int, target: int, max_hops: int, wanted: Any,
          passable: Any, ds: Any, dt: Any, order_s: Any, order_t: Any, on: Any) -> tuple[int, int, int]:
    """Bidirectional breadth-first search; marks ``on`` (hop from the source) the nodes on a shortest path.

    Returns the path length (-1: none within ``max_hops``) and how many nodes each side visited.
    """
    ds[source] = 0
    dt[target] = 0
    order_s[0], order_t[0] = source, target
    lo_s, hi_s, cnt_s, lo_t, hi_t, cnt_t = 0, 1, 1, 0, 1, 1
    a, b, met = 0, 0, 0
    while a + b < max_hops:
        cost_s = _cost(indptr, lo_s, hi_s, order_s, a, passable)
        cost_t = _cost(indptr, lo_t, hi_t, order_t, b, passable)
        if cost_s < 0 or cost_t < 0:
            return -1, cnt_s, cnt_t
        if cost_s <= cost_t:
            a += 1
            cnt_s, met = _grow(indptr, other, stype, lo_s, hi_s, a, wanted, passable, target, ds, order_s,
                               cnt_s, dt)
            lo_s, hi_s = hi_s, cnt_s
        else:
            b += 1
            cnt_t, met = _grow(indptr, other, stype, lo_t, hi_t, b, wanted, passable, source, dt, order_t,
                               cnt_t, ds)
            lo_t, hi_t = hi_t, cnt_t
        if met:
            break
    if not met:
        return -1, cnt_s, cnt_t
    d = a + b
    meet = np.empty(met, dtype=np.int64)
    side, lo, hi = (order_s, lo_s, hi_s) if cost_s <= cost_t else (order_t, lo_t, hi_t)
    k = 0
    for i in range(lo, hi):
        v = side[i]
        if ds[v] >= 0 and dt[v] >= 0:
            meet[k] = v
            on[v] = a
            k += 1
    _walk_back(indptr, other, stype, meet, a, wanted, ds, on, 0, 1)
    _walk_back(indptr, other, stype, meet, b, wanted, dt, on, d, -1)
    return d, cnt_s, cnt_t


NEAREST = 1.0 / math.log2(3.0) * (1 + 1e-9)
"""The largest hub factor of a node passed through (degree ≥ 1, with a margin for rounding): a bound on any
walk's next hop."""
MARK = 127
PULL = 60_000
"""Up to this many relationships from the parents of other anchors, their neighbours' best parents are
read from their own relationships (:func:`_pulled_stubs`); above it they are tracked (measured at 1M)."""
"""The hop mark of a last-level node reached but not tracked (no relevance kept) by :func:`capped_ego`."""


@njit(nogil=True)
def _push(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, nodes: Any, h: int,
          wanted: Any, enter: Any, hop: Any, rel: Any, parent: Any, order: Any,
          count: int) -> int:  # pragma: no cover - compiled
    """Level ``h`` of the best walks, from ``nodes`` only (a part of level ``h - 1``); returns the count."""
    any_enter = enter.size > 0
    for u in nodes:
        count = _relax(indptr, other, stype, hub, weights, source, u, h, wanted, any_enter, enter, hop, rel,
                       parent, order, count)
    return count


@njit(nogil=True, inline="always")
def _settle(u: int, v: int, t: int, settle: int, base: float, source: int, hub: Any, weights: Any,
            wanted: Any, hop: Any, rel: Any, parent: Any, anchor: Any,
            heaviest: int) -> tuple[int, float]:  # pragma: no cover - compiled
    """A tracked ``v`` reached from ``u`` by type ``t``: marked when ``u``, of the ``heaviest`` anchor, beats
    its walk so far. ``settle`` (-1 unknown, 0 no, 1 yes) and ``base`` are ``u``'s, read once."""
    if not wanted[t]:
        return settle, base
    if settle == -1:
        settle = 1 if anchor[u] == heaviest else 0
        base = rel[u] if u == source else rel[u] * hub[u]
    if settle == 1:
        c = base * weights[t]
        if c > rel[v] or (c == rel[v] and u < parent[v]):
            hop[v] = MARK
    return settle, base


@njit(nogil=True)
def _mark_rest(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, lo: int, hi: int,
               h: int, wanted: Any, enter: Any, hop: Any, rel: Any, parent: Any, anchor: Any, heaviest: int,
               order: Any, count: int) -> int:  # pragma: no cover - compiled
    """The rest of level ``h`` from all of ``order[lo:hi]``, every type and node admitted (else
    :func:`_mark_rest_filtered`): new nodes are only marked (:data:`MARK`) and listed. A tracked node
    (at ``h``) that a parent of the ``heaviest`` anchor reaches better than its walk so far is marked
    too: its best parent has that anchor. Returns the count.

    The pass is bound by mispredicted branches, so it has none per relationship: a node not
    tracked reads the parent's own relevance instead of its own, and the comparison is discarded.
    """
    for i in range(lo, hi):
        if i + 2 * AHEAD < hi:
            _prefetch(indptr, order[i + 2 * AHEAD])
        if i + AHEAD < hi:
            ahead = order[i + AHEAD]
            _prefetch(other, indptr[ahead])
            _prefetch(anchor, ahead)
            _prefetch(rel, ahead)
            _prefetch(hub, ahead)
        u = order[i]
        if anchor[u] != heaviest:
            for s in range(indptr[u], indptr[u + 1]):
                v = other[s]
                seen = hop[v]
                fresh = seen == -1
                order[count] = v
                count += fresh
                hop[v] = MARK if fresh else seen
            continue
        base = rel[u] if u == source else rel[u] * hub[u]
        for s in range(indptr[u], indptr[u + 1]):
            v = other[s]
            seen = hop[v]
            fresh = seen == -1
            order[count] = v
            count += fresh
            tracked = seen == h
            at = v if tracked else u
            c = base * weights[stype[s]]
            r = rel[at]
            beats = tracked & ((c > r) | ((c == r) & (u < parent[at])))
            hop[v] = MARK if fresh | beats else seen
    return count


@njit(nogil=True)
def _mark_rest_sparse(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, lo: int,
                      hi: int, h: int, wanted: Any, enter: Any, hop: Any, rel: Any, parent: Any, anchor: Any,
                      heaviest: int, order: Any, count: int) -> int:  # pragma: no cover - compiled
    """:func:`_mark_rest` when few nodes are tracked: a branch per relationship decides whether to compare,
    mispredicted too rarely to cost more than the comparisons it saves."""
    for i in range(lo, hi):
        if i + 2 * AHEAD < hi:
            _prefetch(indptr, order[i + 2 * AHEAD])
        if i + AHEAD < hi:
            ahead = order[i + AHEAD]
            _prefetch(other, indptr[ahead])
            _prefetch(anchor, ahead)
            _prefetch(rel, ahead)
            _prefetch(hub, ahead)
        u = order[i]
        settle, base = -1, 0.0  # read on the first tracked node only: most parents reach none
        for s in range(indptr[u], indptr[u + 1]):
            v = other[s]
            seen = hop[v]
            fresh = seen == -1
            order[count] = v
            count += fresh
            hop[v] = MARK if fresh else seen
            if seen == h and settle != 0:
                settle, base = _settle(u, v, stype[s], settle, base, source, hub, weights, wanted, hop, rel,
                                       parent, anchor, heaviest)
    return count


@njit(nogil=True)
def _mark_rest_filtered(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, lo: int,
                        hi: int, h: int, wanted: Any, enter: Any, hop: Any, rel: Any, parent: Any,
                        anchor: Any, heaviest: int, order: Any,
                        count: int) -> int:  # pragma: no cover - compiled
    """:func:`_mark_rest` for the ``wanted`` types and the ``enter`` nodes (empty: every node) only."""
    any_enter = enter.size > 0
    for i in range(lo, hi):
        _fetch_ahead(indptr, other, order, i, hi)
        u = order[i]
        settle, base = -1, 0.0
        for s in range(indptr[u], indptr[u + 1]):
            v = other[s]
            seen = hop[v]
            fresh = seen == -1 and wanted[stype[s]] and (not any_enter or enter[v])
            order[count] = v
            count += fresh
            hop[v] = MARK if fresh else seen
            if seen == h and settle != 0:
                settle, base = _settle(u, v, stype[s], settle, base, source, hub, weights, wanted, hop, rel,
                                       parent, anchor, heaviest)
    return count


@njit(nogil=True)
def _anchors(order: Any, count: int, kept: Any, is_kept: Any, parent: Any, anchor: Any,
             stubs: Any) -> None:  # pragma: no cover - compiled
    """Per node of ``order[:count]`` (level order), the position in ``kept`` of its first kept ancestor
    (itself when kept); each node not kept counts one stub there."""
    for i in range(kept.size):
        anchor[kept[i]] = i
    for i in range(count):
        v = order[i]
        if not is_kept[v]:
            a = anchor[parent[v]]
            anchor[v] = a
            stubs[a] += 1


@njit(nogil=True)
def _heaviest_anchor(indptr: Any, order: Any, lo: int, hi: int, anchor: Any,
                     slots: int) -> int:  # pragma: no cover
    """The anchor whose nodes in ``order[lo:hi]`` hold the most relationships."""
    weight = np.zeros(slots, dtype=np.int64)
    for i in range(lo, hi):
        u = order[i]
        weight[anchor[u]] += indptr[u + 1] - indptr[u]
    return int(np.argmax(weight))


@njit(nogil=True)
def _last_stubs(order: Any, lo: int, hi: int, h: int, hop: Any, parent: Any, anchor: Any, heaviest: int,
                is_kept: Any, stubs: Any) -> int:  # pragma: no cover - compiled
    """One stub on its best parent's anchor for each node of ``order[lo:hi]`` still tracked at level ``h``,
    not kept, whose anchor is not the ``heaviest``; returns how many."""
    moved = 0
    for i in range(lo, hi):
        v = order[i]
        if hop[v] == h and not is_kept[v]:
            a = anchor[parent[v]]
            if a != heaviest:
                stubs[a] += 1
                moved += 1
    return moved


@njit(nogil=True)
def _best_parent(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, v: int, h: int,
                 wanted: Any, hop: Any, rel: Any, rival: int,
                 ceiling: float) -> int:  # pragma: no cover - compiled
    """The best parent of ``v`` (at level ``h``) among its level ``h - 1`` neighbours, or -1 as soon as one
    other than ``rival`` is known to beat ``ceiling``, the most ``rival`` could give."""
    best, best_c = -1, -1.0
    for s in range(indptr[v], indptr[v + 1]):
        w = other[s]
        if hop[w] != h - 1 or not wanted[stype[s]]:
            continue
        c = (rel[w] if w == source else rel[w] * hub[w]) * weights[stype[s]]
        if c > best_c or (c == best_c and w < best):
            best, best_c = w, c
            if w != rival and (c > ceiling or (c == ceiling and w < rival)):
                return -1
    return best


@njit(nogil=True)
def _pulled_stubs(indptr: Any, other: Any, stype: Any, hub: Any, weights: Any, source: int, nodes: Any,
                  h: int, wanted: Any, strongest: float, hop: Any, rel: Any, anchor: Any, heaviest: int,
                  is_kept: Any, done: Any, listed: Any,
                  stubs: Any) -> tuple[int, int]:  # pragma: no cover - compiled
    """:func:`_last_stubs` without tracking: each level-``h`` node next to ``nodes`` (the parents whose anchor
    is not the ``heaviest``), not kept, gets its best parent from its own relationships, given up as
    soon as another parent is known to beat the most the one it was reached from could give (its
    best parent then lies elsewhere: found from there, or not among ``nodes``). ``done`` marks and
    ``listed`` lists the nodes settled. Returns how many stubs moved off the heaviest anchor and how
    many nodes were settled."""
    moved, settled = 0, 0
    for u in nodes:
        ceiling = (rel[u] if u == source else rel[u] * hub[u]) * strongest
        for s in range(indptr[u], indptr[u + 1]):
            v = other[s]
            seen = hop[v]
            if (seen != h and seen != MARK) or done[v] != -1 or is_kept[v] or not wanted[stype[s]]:
                continue
            best = _best_parent(indptr, other, stype, hub, weights, source, v, h, wanted, hop, rel, u,
                                ceiling)
            if best < 0:
                continue
            done[v] = 1
            listed[settled] = v
            settled += 1
            a = anchor[best]
            if a != heaviest:
                stubs[a] += 1
                moved += 1
    return moved, settled


KERNELS: tuple[Any, ...] = (_relax, _best_walks, _stubs, _grow, _cost, _reach, _walk_back, _meet, _push,
                            _settle, _mark_rest, _mark_rest_sparse, _mark_rest_filtered, _anchors,
                            _heaviest_anchor, _last_stubs, _best_parent, _pulled_stubs)
for _kernel in KERNELS:
    with contextlib.suppress(RuntimeError, OSError):  # no writable cache directory: compile per process
        _kernel.enable_caching()


def freeze() -> None:
    """Never write compiled code to the cache again: call before the process loses write access.

    numba would otherwise try to save a kernel compiled later, and fail.
    """
    for kernel in KERNELS:
        kernel._cache = NullCache()


class Scratch:
    """Per-call work arrays for ``n`` nodes; between calls ``hop``, ``far`` and ``on`` are -1, ``counts`` and
    ``kept`` 0 (``far``, ``order_far``: the target's side of a bidirectional search; ``anchor`` is
    written before it is read)."""

    def __init__(self, n: int) -> None:
        self.hop = np.full(n, -1, dtype=np.int8)
        self.rel = np.zeros(n, dtype=np.float64)
        self.parent = np.zeros(n, dtype=np.int32)
        self.order = np.zeros(max(n, 1), dtype=np.int32)
        self.counts = np.zeros(n, dtype=np.int32)
        self.kept = np.zeros(n, dtype=np.bool_)
        self.far = np.full(n, -1, dtype=np.int8)
        self.on = np.full(n, -1, dtype=np.int8)
        self.order_far = np.zeros(max(n, 1), dtype=np.int32)
        self.anchor = np.zeros(n, dtype=np.int32)
        self.count = self.count_far = 0

    def reset(self) -> None:
        """Unmark what the last call reached (every node at once when it reached many)."""
        for count, order, marks in ((self.count, self.order, self.hop),
                                    (self.count_far, self.order_far, self.far)):
            if count > marks.size // 16:
                marks.fill(-1)
                self.on.fill(-1)
            else:
                reached = order[:count]
                marks[reached] = self.on[reached] = -1
        self.count = self.count_far = 0


class ScratchPool:
    """Scratch arrays reused across calls, one set per concurrent call (grown on demand)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._free: list[Scratch] = []
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def borrow(self) -> Iterator[Scratch]:
        """A clean :class:`Scratch`, given back (reset) afterwards."""
        with self._lock:
            scratch = self._free.pop() if self._free else Scratch(self.n)
        try:
            yield scratch
        finally:
            scratch.reset()
            with self._lock:
                self._free.append(scratch)


def _check_levels(depth: int) -> None:
    if not 0 <= depth <= MAX_LEVELS:
        raise ValueError(f"a breadth-first search of {depth} levels: at most {MAX_LEVELS}")


class Arrays(Protocol):
    """What the kernels read of a :class:`graph.read.projection.Projection`."""

    indptr: Array
    other: Array

    @property
    def slot_type(self) -> Array: ...

    @property
    def hub(self) -> Array: ...


def best_walks(g: Arrays, weights: Array, scratch: Scratch, source: int, depth: int, wanted: Array, *,
               enter: Array = NONE, passable: Array = NONE, targets: Array = NONE,
               enough: int = -1) -> tuple[Array, int]:
    """Breadth-first levels from ``source`` with each node's best walk, into ``scratch``.

    ``wanted`` is a boolean per type code; ``enter`` admits nodes at all, ``passable`` lets a
    reached node (not the source) be passed through; the search stops after the level at which
    more than ``enough`` (≥ 0) ``targets`` are reached. Returns the reached nodes in level order
    (a view of ``scratch.order``) and how many targets they hold.
    """
    _check_levels(depth)
    count, reached = _best_walks(g.indptr, g.other, g.slot_type, g.hub, weights, source, depth, wanted,
                                 enter, passable, targets, enough, scratch.hop, scratch.rel, scratch.parent,
                                 scratch.order)
    scratch.count = count
    return scratch.order[:count], reached


def stub_counts(scratch: Scratch, kept: Array) -> dict[int, int]:
    """Per kept node, how many reached nodes not kept hang from it on their best walk."""
    scratch.kept[kept] = True
    try:
        _stubs(scratch.order, scratch.count, scratch.kept, scratch.parent, scratch.counts)
        found = scratch.counts[kept]
        out = {int(v): int(c) for v, c in zip(kept.tolist(), found.tolist(), strict=True) if c}
    finally:
        scratch.counts[kept] = 0
        scratch.kept[kept] = False
    return out


def meet(g: Arrays, scratch: Scratch, source: int, target: int, max_hops: int, wanted: Array,
         passable: Array = NONE) -> Array | None:
    """Bidirectional breadth-first search: ``scratch.on`` (hop from the source) marks the nodes on a
    shortest path from ``source`` to ``target``; None when there is no path of at most ``max_hops``.

    Each round expands the side whose frontier has fewer relationships (nodes not ``passable``
    are not passed through, the other end excepted); the first level touching the other side's
    nodes gives the meeting nodes, from which the path's nodes are walked back on each side.
    """
    _check_levels(max_hops)
    d, scratch.count, scratch.count_far = _meet(g.indptr, g.other, g.slot_type, source, target, max_hops,
                                                wanted, passable, scratch.hop, scratch.far, scratch.order,
                                                scratch.order_far, scratch.on)
    return None if d < 0 else scratch.on


def top_nodes(nodes: Array, rel: Array, hop: Array, cap: int, n: int) -> Array:
    """The ``cap`` first ``nodes`` by relevance (highest first), then hop, then node, in that order.

    A partial selection finds the cap's relevance; only the nodes at or above it are sorted.
    """
    if nodes.size > cap > 0:
        bound = np.partition(rel, nodes.size - cap)[nodes.size - cap]  # the cap-th highest
        above = rel > bound
        tied = np.flatnonzero(rel == bound)
        room = cap - int(above.sum())
        if tied.size > room:  # keep the tied nodes of fewest hops, then smallest id
            order = hop[tied].astype(np.int64) * n + nodes[tied]
            tied = tied[np.argpartition(order, room - 1)[:room]] if room > 0 else tied[:0]
        chosen = np.concatenate([np.flatnonzero(above), tied])
        nodes, rel, hop = nodes[chosen], rel[chosen], hop[chosen]
    order = np.lexsort((nodes, hop, -rel))
    return nodes[order][:cap]


def full_ego(g: Arrays, weights: Array, scratch: Scratch, source: int, depth: int, cap: int, wanted: Array,
             *, enter: Array = NONE) -> tuple[Array, dict[int, int], int]:
    """:func:`capped_ego` by ranking every node within ``depth``: the cap's nodes picked by a partial
    selection, the others counted on their kept ancestor (``scratch`` must be clean)."""
    _check_cap(cap)
    reached, _ = best_walks(g, weights, scratch, source, depth, wanted, enter=enter)
    reached = reached.astype(np.int64)
    kept = top_nodes(reached, scratch.rel[reached], scratch.hop[reached], cap, len(scratch.hop))
    return kept, stub_counts(scratch, kept), int(reached.size)


def _check_cap(cap: int) -> None:
    if cap < 1:
        raise ValueError(f"an ego network of at most {cap} nodes: it keeps at least its centre")


def capped_ego(g: Arrays, weights: Array, scratch: Scratch, source: int, depth: int, cap: int, wanted: Array,
               *, enter: Array = NONE, pull: int | None = None) -> tuple[Array, dict[int, int], int]:
    """The ``cap`` most relevant nodes within ``depth`` of ``source``, the stubs and the total, as
    :func:`graph.read.traversal.ranked_ego` gives them, touching the last level's relationships once
    (by :func:`full_ego` when fewer than ``cap`` nodes lie before the last level: every one is
    needed then).

    The levels before the last get their best walks (:func:`best_walks`); their ``cap``-th
    relevance bounds the last level's: a node there is kept only above it, so only through a
    parent whose relevance times the strongest type weight exceeds it, and those parents alone are
    followed first. The kept nodes fix each earlier node's anchor (its first kept ancestor). A
    last-level node that is dropped hangs from its best parent's anchor: the one whose nodes hold
    the most relationships unless its best parent has another, which is settled from the node's
    own relationships, next to those few parents. The rest of the level is only marked and
    counted, in one pass.
    """
    _check_levels(depth)
    _check_cap(cap)
    if depth < 1:
        return full_ego(g, weights, scratch, source, depth, cap, wanted, enter=enter)
    early, _ = best_walks(g, weights, scratch, source, depth - 1, wanted, enter=enter)
    count_e = early.size
    if count_e < cap:
        scratch.reset()
        return full_ego(g, weights, scratch, source, depth, cap, wanted, enter=enter)
    indptr, other, stype, hub = g.indptr, g.other, g.slot_type, g.hub
    hop, rel, order = scratch.hop, scratch.rel, scratch.order
    lo = int(np.searchsorted(hop[early], depth - 1))
    level = order[lo:count_e]
    kept = top_nodes(early, rel[early], hop[early], cap, len(hop))
    bound = rel[kept[-1]]  # the cap-th relevance before the last level
    strongest = float(weights[wanted].max()) if wanted.any() else 0.0
    count = count_e
    if depth == 1 or bound < strongest * NEAREST:  # else no parent can lift a node above the bound
        base = rel[level] * np.where(level == source, 1.0, hub[level])
        count = _push(indptr, other, stype, hub, weights, source, level[base * strongest > bound], depth,
                      wanted, enter, hop, rel, scratch.parent, order, count_e)
        scratch.count = count
        tracked = order[count_e:count]
        candidates = tracked[rel[tracked] > bound]
        if candidates.size:
            nodes = np.concatenate([kept, candidates])
            kept = top_nodes(nodes, rel[nodes], hop[nodes], cap, len(hop))
    stubs = np.zeros(kept.size, dtype=np.int64)
    scratch.kept[kept] = True
    try:
        _anchors(order, count_e, kept, scratch.kept, scratch.parent, scratch.anchor, stubs)
        heaviest = _heaviest_anchor(indptr, order, lo, count_e, scratch.anchor, kept.size)
        others = level[scratch.anchor[level] != heaviest]
        filtered = not wanted.all() or enter.size > 0
        if int(g.indptr[others + 1].sum() - g.indptr[others].sum()) <= (PULL if pull is None else pull):
            # few relationships leave the other anchors: settle their neighbours from their own
            mark = _mark_rest_filtered if filtered else _mark_rest_sparse
            count = mark(indptr, other, stype, hub, weights, source, lo, count_e, depth, wanted, enter, hop,
                         rel, scratch.parent, scratch.anchor, -1, order, count)
            scratch.count = count
            moved, scratch.count_far = _pulled_stubs(indptr, other, stype, hub, weights, source, others,
                                                     depth, wanted, strongest, hop, rel, scratch.anchor,
                                                     heaviest, scratch.kept, scratch.far, scratch.order_far,
                                                     stubs)
        else:  # track their neighbours' best walks, and let the heaviest anchor's parents beat them
            count = _push(indptr, other, stype, hub, weights, source, others, depth, wanted, enter, hop, rel,
                          scratch.parent, order, count)
            scratch.count = tracked_end = count
            if filtered:
                mark = _mark_rest_filtered
            else:  # many tracked nodes: compare without branching (see _mark_rest)
                mark = _mark_rest_sparse if tracked_end - count_e < count_e - lo else _mark_rest
            count = mark(indptr, other, stype, hub, weights, source, lo, count_e, depth, wanted, enter, hop,
                         rel, scratch.parent, scratch.anchor, heaviest, order, count)
            scratch.count = count
            moved = _last_stubs(order, count_e, tracked_end, depth, hop, scratch.parent, scratch.anchor,
                                heaviest, scratch.kept, stubs)
    finally:
        scratch.kept[kept] = False
    kept_last = int(np.count_nonzero(hop[kept] == depth))
    stubs[heaviest] += count - count_e - kept_last - moved
    return kept, {int(v): int(c) for v, c in zip(kept.tolist(), stubs.tolist(), strict=True) if c}, count


def warm_marks(g: Arrays, weights: Array, scratch: Scratch) -> None:
    """Compile the last-level passes for ``g``'s kind of arrays, whichever :func:`capped_ego` would pick."""
    every_type, every_node = np.ones(weights.size, dtype=np.bool_), np.ones(g.indptr.size - 1, dtype=np.bool_)
    for pull in (-1, 1 << 62):  # track always, pull always
        for enter in (NONE, every_node):
            capped_ego(g, weights, scratch, 0, 2, 1, every_type, enter=enter, pull=pull)
            scratch.reset()
    for mark in (_mark_rest, _mark_rest_sparse, _mark_rest_filtered):  # an empty range: compiled only
        mark(g.indptr, g.other, g.slot_type, g.hub, weights, 0, 0, 0, 1, every_type, NONE, scratch.hop,
             scratch.rel, scratch.parent, scratch.anchor, 0, scratch.order, 0)
