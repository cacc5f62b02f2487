"""The breadth-first work of :mod:`graph.read.traversal` on the projection's arrays.

Same answers as the pure functions (the tests compare them): :func:`ranked_ego` and
:func:`paths_to_targets` take each node's best relevance and parent from the compiled
:mod:`graph.read.kernels`; :func:`shortest_levels` meets from both ends there (the kernels'
bidirectional search), then hands :func:`graph.read.traversal.ranked_paths` only the nodes that
lie on a shortest path to the target.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from graph.read import egos, kernels
from graph.read.projection import TYPE_NAMES, Array, Projection
from graph.read.strength import type_weight
from graph.read.traversal import Levels, NodePath, RankedEgo, Step, ranked_paths

WEIGHTS = np.array([type_weight(t) for t in TYPE_NAMES], dtype=np.float64)


def type_mask(types: frozenset[str]) -> Array | None:
    """A boolean per type code (None: every type)."""
    if not types:
        return None
    return np.array([t in types for t in TYPE_NAMES], dtype=bool)


ALL_TYPES = np.ones(len(TYPE_NAMES), dtype=bool)


def _walks(p: Projection, scratch: kernels.Scratch, source: int, depth: int, wanted: Array | None,
           **masks: Any) -> tuple[Array, int]:
    """:func:`graph.read.kernels.best_walks` on the projection's arrays (``wanted`` None: every type)."""
    return kernels.best_walks(p, WEIGHTS, scratch, source, depth, ALL_TYPES if wanted is None else wanted,
                              **masks)


def ranked_ego(p: Projection, center: int, depth: int, cap: int, *, types: frozenset[str] = frozenset(),
               enter: Array | None = None) -> RankedEgo:
    """:func:`graph.read.traversal.ranked_ego` of ``levels(center, depth)``, compiled.

    ``enter`` is a boolean per node (the label filter); :func:`graph.read.egos.capped_ego` reads
    only what the cap keeps. The answer's ``hops`` and ``relevance`` hold the kept nodes only;
    ``total`` counts every node within ``depth`` (None when not counted: :data:`egos.COUNT_LIMIT`).
    """
    wanted = type_mask(types)
    with p.scratch.borrow() as scratch:
        kept, stubs, total = egos.capped_ego(p, WEIGHTS, scratch, center, depth, cap,
                                                ALL_TYPES if wanted is None else wanted,
                                                enter=kernels.NONE if enter is None else enter)
        kept_list = kept.tolist()
        return RankedEgo(dict(zip(kept_list, scratch.hop[kept].tolist(), strict=True)),
                         dict(zip(kept_list, scratch.rel[kept].tolist(), strict=True)), kept_list, stubs,
                         total=total)


def shortest_levels(p: Projection, source: int, max_hops: int, *, target: int,
                    types: frozenset[str] = frozenset(), barred: Array | None = None) -> Levels:
    """The levels of every shortest path from ``source`` to ``target`` (:func:`graph.read.kernels.meet`).

    Nodes ``barred`` are never passed through (the target may be one). The levels hold only the
    nodes on those shortest paths.
    """
    wanted = type_mask(types)
    with p.scratch.borrow() as scratch:
        on = kernels.meet(p, scratch, source, target, max_hops, ALL_TYPES if wanted is None else wanted,
                          kernels.NONE if barred is None else ~barred)
        if on is None:
            return Levels(source, {source: 0}, {})
        return _dag(p, source, on, [target], wanted, barred)


def paths_to_targets(p: Projection, source: int, max_hops: int, k: int, *, targets: Array,
                     types: frozenset[str] = frozenset(),
                     barred: Array | None = None) -> tuple[list[NodePath], bool]:
    """``ranked_paths(..., one_per_target=True)`` over every target within ``max_hops``, compiled.

    One :func:`graph.read.kernels.best_walks` pass gives each target its hop and best relevance
    (the search stops after the level at which more than ``k`` are reached: later ones rank
    after); only the ``k`` targets ranked first are walked back; truncated when more were reached.
    """
    wanted = type_mask(types)
    with p.scratch.borrow() as scratch:
        reached, _ = _walks(p, scratch, source, max_hops, wanted, targets=targets, enough=k,
                            enter=kernels.NONE if barred is None else ~barred | targets,
                            passable=kernels.NONE if barred is None else ~barred)
        ends = reached[1:][targets[reached[1:]]].astype(np.int64)
        chosen = ends[np.lexsort((ends, -scratch.rel[ends], scratch.hop[ends]))[:k]].tolist()
        found = _dag(p, source, scratch.hop, chosen, wanted, barred)
    paths, _ = ranked_paths(found, chosen, p.degree, k, one_per_target=True)
    return paths, int(ends.size) > k


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


def warm() -> None:
    """Compile the kernels for both kinds of projection arrays (built, and memory-mapped from ``.npy``).

    ``ecokg serve`` calls it before confining itself, so that no compile (nor cache write) is
    left for the confined process.
    """
    labels = {"a": "Company", "b": "Company", "c": "InnovationCenter", "d": "Region"}
    rows = [("a", "b", "合作", "1"), ("b", "c", "参与", "2"),
            ("a", "d", "位于", "3"), ("d", "c", "位于", "4")]
    built = Projection.from_rows(labels, rows)
    with tempfile.TemporaryDirectory() as directory:
        built.save(Path(directory))
        mapped = Projection.load(Path(directory))
        for p in (built, mapped):
            centres, regions = p.label_mask(["InnovationCenter"]), p.label_mask(["Region"])
            for types, barred in ((frozenset(), None), (frozenset({"合作"}), regions)):
                for depth in range(1, egos.BEST_FIRST_DEPTH + 2):
                    ranked_ego(p, 0, depth, 2, types=types, enter=None if barred is None else ~barred)
                    ranked_ego(p, 0, depth, 100, types=types, enter=None if barred is None else ~barred)
                paths_to_targets(p, 0, 4, 1, targets=centres, types=types, barred=barred)
                shortest_levels(p, 0, 4, target=2, types=types, barred=barred)
