"""Breadth-first traversal as pure functions over a ``neighbours(ids, types)`` callable.

Nothing here reads a store: :class:`graph.read.projection.Projection` supplies ``neighbours``
in the service, a dict of edges in the tests. Ego networks and paths both start from
:func:`levels`, the hop of every node reached and, per node, the relations that reach it from
the hop before; :func:`ranked_paths` and :func:`ranked_ego` rank by :mod:`graph.read.strength`.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from graph.read.strength import hop_weight, hub_factor


class Step(NamedTuple):
    """One stored relation seen from ``node``: the other end, its type, its stored direction."""

    node: Any
    other: Any
    type: str
    outgoing: bool
    """True when the relation is stored ``node → other``."""
    key: Any
    """What identifies the relation (its key, or its index in a projection)."""


Neighbours = Callable[[Sequence[Any], frozenset[str]], Iterable[Step]]
"""``neighbours(ids, types)``: every relation of each id, of ``types`` (all when empty)."""


def _everyone(_: Any) -> bool:
    return True


@dataclass
class Levels:
    """Nodes reached from ``source``: hop per node (in hop order) and the relations reaching each."""

    source: Any
    hops: dict[Any, int]
    preds: dict[Any, dict[Any, list[Step]]] = field(default_factory=dict)
    """node → {a node one hop nearer the source → the relations between them, seen from it}."""


def levels(neighbours: Neighbours, source: Hashable, max_hops: int, *, types: frozenset[str] = frozenset(),
           enter: Callable[[Any], bool] = _everyone, expand: Callable[[Any], bool] = _everyone,
           stop: Callable[[list[Any]], bool] | None = None) -> Levels:
    """Breadth-first levels from ``source``, direction ignored, at most ``max_hops`` deep.

    Args:
        types: relation types followed (all when empty).
        enter: whether a node may be reached at all (an ego's label filter).
        expand: whether a reached node is passed through (paths' excluded labels); the source
            always is.
        stop: given each new level's nodes, ends the search after it when true (a target found).
    """
    found = Levels(source, {source: 0})
    frontier: list[Any] = [source]
    for hop in range(1, max_hops + 1):
        passing = [u for u in frontier if u == source or expand(u)]
        if not passing:
            break
        reached: dict[Any, None] = {}
        for step in neighbours(passing, types):
            v = step.other
            if v == step.node:
                continue
            at = found.hops.get(v)
            if at is None:
                if not enter(v):
                    continue
                found.hops[v] = at = hop
                reached[v] = None
            if at == hop:
                found.preds.setdefault(v, {}).setdefault(step.node, []).append(step)
        frontier = list(reached)
        if stop is not None and stop(frontier):
            break
    return found


def _types(steps: Sequence[Step]) -> list[str]:
    return [s.type for s in steps]


def best_relevance(found: Levels, degree: Callable[[Any], int]) -> dict[Any, float]:
    """The relevance (:mod:`graph.read.strength`) of the best walk from the source to each node."""
    best = {found.source: 1.0}
    for v in found.hops:
        if v == found.source:
            continue
        best[v] = max(best[u] * (1.0 if u == found.source else hub_factor(degree(u))) *
                      hop_weight(_types(steps)) for u, steps in found.preds[v].items())
    return best


@dataclass(frozen=True)
class NodePath:
    """A distinct node path; ``hops[i]`` holds every relation between ``nodes[i]`` and ``nodes[i+1]``."""

    nodes: tuple[Any, ...]
    hops: tuple[tuple[Step, ...], ...]
    score: float


def ranked_paths(found: Levels, targets: Iterable[Any], degree: Callable[[Any], int], k: int, *,
                 one_per_target: bool = False) -> tuple[list[NodePath], bool]:
    """The ``k`` best shortest paths to ``targets``, fewer hops first, then by relevance; truncated?

    Every shortest path to a target is a walk back along ``found.preds``; a best-first search
    from the targets, whose priority is the exact relevance of the best completion
    (:func:`best_relevance`), yields them best first without listing the rest. Parallel
    relations between two nodes are one hop, so each node path comes once. With
    ``one_per_target``, the ``k`` targets whose best paths rank first (fewer hops, higher
    relevance, then the smaller target) each give that best path.
    """
    best = best_relevance(found, degree)
    ends = list(dict.fromkeys(t for t in targets if t in found.hops and t != found.source))
    if not one_per_target:
        return _best_first(found, ends, best, degree, k)
    ends.sort(key=lambda t: (found.hops[t], -best[t], t))
    return [_best_first(found, [t], best, degree, 1)[0][0] for t in ends[:k]], len(ends) > k


def _best_first(found: Levels, ends: list[Any], best: dict[Any, float], degree: Callable[[Any], int],
                k: int) -> tuple[list[NodePath], bool]:
    source = found.source

    def through(node: Any, end: Any) -> float:
        return 1.0 if node in (source, end) else hub_factor(degree(node))

    heap: list[tuple[int, float, tuple[Any, ...], Any, float]] = [
        (found.hops[t], -best[t], (t,), t, 1.0) for t in ends]
    heapq.heapify(heap)
    out: list[NodePath] = []
    while heap:
        hops, priority, suffix, end, factor = heapq.heappop(heap)
        x = suffix[0]
        if x == source:
            if len(out) == k:
                return out, True
            merged = tuple(tuple(found.preds[suffix[i + 1]][suffix[i]]) for i in range(len(suffix) - 1))
            out.append(NodePath(suffix, merged, -priority))
            continue
        for u, steps in found.preds[x].items():
            f = factor * hop_weight(_types(steps)) * through(x, end)
            heapq.heappush(heap, (hops, -(best[u] * through(u, end) * f), (u, *suffix), end, f))
    return out, False


@dataclass
class RankedEgo:
    """An ego network cut to a node cap by relevance, with each kept node's hidden neighbours counted."""

    hops: dict[Any, int]
    relevance: dict[Any, float]
    kept: list[Any]
    stubs: dict[Any, int]
    """kept node short of the depth → how many of its neighbours are not kept (when any are)."""
    total: int | None = 0
    """Nodes within the depth, before the cap (None: not counted)."""

    @property
    def truncated(self) -> bool:
        """Whether the cap dropped any node (every dropped node's walk leaves a kept node's stub)."""
        return bool(self.stubs)


def ranked_ego(found: Levels, degree: Callable[[Any], int], cap: int, neighbours: Neighbours, depth: int, *,
               types: frozenset[str] = frozenset()) -> RankedEgo:
    """Keep the ``cap`` most relevant nodes of ``found``; count each kept node's neighbours left out.

    Relevance falls along every walk (each hop keeps at most its weight, each node passed at
    most a third), so a node's best parent always ranks before it: the kept nodes stay
    connected to the centre. A kept node short of ``depth`` (the search's) gets a stub counting its
    neighbours (by ``neighbours`` over ``types``, among ``found``) that are not kept: what expanding
    it adds.
    """
    relevance = best_relevance(found, degree)
    order = sorted(found.hops, key=lambda v: (-relevance[v], found.hops[v], v))
    kept = order[:cap]
    kept_set = set(kept)
    stubs: dict[Any, int] = {}
    for k in kept:
        if found.hops[k] < depth:
            hidden = {s.other for s in neighbours([k], types)
                      if s.other != k and s.other in found.hops and s.other not in kept_set}
            if hidden:
                stubs[k] = len(hidden)
    return RankedEgo(dict(found.hops), relevance, kept, stubs, total=len(found.hops))
