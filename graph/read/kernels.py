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


KERNELS: list[Any] = []
"""Every compiled kernel of the read layer (:func:`register`), for :func:`freeze`."""


def register(*kernels: Any) -> None:
    """Cache ``kernels``' compiled code beside their module (when writable) and let :func:`freeze` stop it."""
    for kernel in kernels:
        with contextlib.suppress(RuntimeError, OSError):  # no writable cache directory: compile per process
            kernel.enable_caching()
        KERNELS.append(kernel)


register(_relax, _best_walks, _grow, _cost, _reach, _walk_back, _meet)


def freeze() -> None:
    """Never write compiled code to the cache again: call before the process loses write access.

    numba would otherwise try to save a kernel compiled later, and fail.
    """
    for kernel in KERNELS:
        kernel._cache = NullCache()


class Scratch:
    """Per-call work arrays for ``n`` nodes; between calls ``hop``, ``far`` and ``on`` are -1, ``kept``
    False (``far``, ``order_far``: the target's side of a bidirectional search, or an ego's early
    levels; ``stamp`` holds values below ``stamped``)."""

    def __init__(self, n: int) -> None:
        self.hop = np.full(n, -1, dtype=np.int8)
        self.rel = np.zeros(n, dtype=np.float64)
        self.parent = np.zeros(n, dtype=np.int32)
        self.order = np.zeros(max(n, 1), dtype=np.int32)
        self.kept = np.zeros(n, dtype=np.bool_)
        self.far = np.full(n, -1, dtype=np.int8)
        self.on = np.full(n, -1, dtype=np.int8)
        self.order_far = np.zeros(max(n, 1), dtype=np.int32)
        self.stamp = np.zeros(n, dtype=np.int32)
        self.stamped = 0
        """The last value written in ``stamp``: each use takes new values (both reset near int32's end)."""
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
