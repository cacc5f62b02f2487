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
from typing import Any

import numpy as np
import numpy.typing as npt
from numba import njit

Array = npt.NDArray[Any]

NONE = np.zeros(0, dtype=np.bool_)
"""An empty mask: every node (``enter``, ``passable``) or none (``targets``)."""


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
            u = order[i]
            if h > 1 and any_pass and not passable[u]:
                continue
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
                    if any_target and targets[v]:
                        reached += 1
                elif c > rel[v] or (c == rel[v] and u < parent[v]):
                    rel[v] = c
                    parent[v] = u
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


for _kernel in (_best_walks, _stubs):
    with contextlib.suppress(RuntimeError, OSError):  # no writable cache directory: compile per process
        _kernel.enable_caching()


class Scratch:
    """Per-call work arrays for ``n`` nodes; ``hop`` is -1 and ``counts`` and ``kept`` 0 between calls."""

    def __init__(self, n: int) -> None:
        self.hop = np.full(n, -1, dtype=np.int8)
        self.rel = np.zeros(n, dtype=np.float64)
        self.parent = np.zeros(n, dtype=np.int32)
        self.order = np.zeros(max(n, 1), dtype=np.int32)
        self.counts = np.zeros(n, dtype=np.int32)
        self.kept = np.zeros(n, dtype=np.bool_)
        self.count = 0

    def reset(self) -> None:
        """Unmark what the last call reached."""
        self.hop[self.order[: self.count]] = -1
        self.count = 0


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


def best_walks(indptr: Array, other: Array, stype: Array, hub: Array, weights: Array, scratch: Scratch,
               source: int, depth: int, wanted: Array, *, enter: Array = NONE, passable: Array = NONE,
               targets: Array = NONE, enough: int = -1) -> tuple[Array, int]:
    """Breadth-first levels from ``source`` with each node's best walk, into ``scratch``.

    ``wanted`` is a boolean per type code; ``enter`` admits nodes at all, ``passable`` lets a
    reached node (not the source) be passed through; the search stops after the level at which
    more than ``enough`` (≥ 0) ``targets`` are reached. Returns the reached nodes in level order
    (a view of ``scratch.order``) and how many targets they hold.
    """
    count, reached = _best_walks(indptr, other, stype, hub, weights, source, depth, wanted, enter, passable,
                                 targets, enough, scratch.hop, scratch.rel, scratch.parent, scratch.order)
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
