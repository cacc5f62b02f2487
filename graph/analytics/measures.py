"""What ``ecokg analytics`` and ``/api/analytics`` report: rows, memoised over a read-only graph."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np

from graph.analytics.fast import DEFAULT_SEED, Betweenness, FastGraph, FloatArray, IntArray
from graph.errors import EcokgError

MEASURES = ("degree", "pagerank", "betweenness", "communities", "bridges", "bridge_edges")
"""``bridges`` are brokers between communities; ``bridge_edges`` the links whose removal disconnects."""
MEMBERS_SHOWN = 12
T = TypeVar("T")


class AnalyticsError(EcokgError):
    """A bad analytics parameter; ``param`` names it."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class MeasureResult:
    """One measure's rows with what they were computed over."""

    measure: str
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]
    nodes: int
    relationships: int
    exact: bool
    sample: int | None
    seconds: float


@dataclass
class Analytics:
    """Measures over one read-only :class:`FastGraph`, each computed once (thread-safe)."""

    graph: FastGraph
    seed: int = DEFAULT_SEED
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _once(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        with self._lock:  # one computation at a time: each is CPU-bound and may be large
            if key not in self._memo:
                self._memo[key] = compute()
            value: T = self._memo[key]
            return value

    def pagerank(self) -> FloatArray:
        """PageRank per node."""
        return self._once(("pagerank",), self.graph.pagerank)

    def membership(self) -> IntArray:
        """Community per node (0 the largest)."""
        return self._once(("communities", self.seed), lambda: self.graph.communities(self.seed))

    def betweenness(self, sample: int | None) -> Betweenness:
        """Betweenness per node, exact or from ``sample`` pivots."""
        return self._once(("betweenness", sample, self.seed),
                          lambda: self.graph.betweenness(sample, self.seed))

    def run(self, measure: str, label: str | None = None, top: int = 20,
            sample: int | None = None) -> MeasureResult:
        """The ``top`` rows of ``measure`` (entities of ``label`` only, when given).

        Raises:
            AnalyticsError: an unknown measure, a non-positive ``top`` or ``sample``.
        """
        if measure not in MEASURES:
            raise AnalyticsError("measure", f"unknown measure {measure!r}; known: {', '.join(MEASURES)}")
        if top < 1:
            raise AnalyticsError("top", f"top must be at least 1, not {top}")
        if sample is not None and sample < 1:
            raise AnalyticsError("sample", f"sample must be at least 1, not {sample}")
        started = time.perf_counter()
        g = self.graph
        mask = g.label_mask(label)
        exact, used = True, None
        if measure == "communities":
            columns, rows = self._community_rows(mask, top)
        elif measure == "bridge_edges":
            columns, rows = self._bridge_edge_rows(mask, top)
        elif measure == "bridges":
            reached, cross = g.brokers(self.membership())
            order = g.top(reached * (int(cross.max(initial=0)) + 1) + cross, mask & (reached > 0), top)
            columns = ("rank", "id", "name", "label", "communities", "cross_links")
            rows = [self._node(r, int(i)) | {"communities": int(reached[i]), "cross_links": int(cross[i])}
                    for r, i in enumerate(order, 1)]
        else:
            if measure == "degree":
                scores: np.ndarray = g.degree
            elif measure == "pagerank":
                scores = self.pagerank()
            else:
                found = self.betweenness(sample)
                scores, used = found.scores, found.sample
                exact = used is None
            columns = ("rank", "id", "name", "label", "score")
            rows = [self._node(r, int(i)) | {"score": _plain(scores[i])}
                    for r, i in enumerate(g.top(scores, mask, top), 1)]
        return MeasureResult(measure, columns, rows, g.n, g.relationships, exact, used,
                             time.perf_counter() - started)

    def _node(self, rank: int, i: int) -> dict[str, Any]:
        g = self.graph
        return {"rank": rank, "id": g.ids[i], "name": g.names[i], "label": g.label_of(i)}

    def _community_rows(self, mask: np.ndarray, top: int) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
        g = self.graph
        membership = self.membership()
        sizes = np.bincount(membership)
        rows = []
        for index in range(min(top, sizes.size)):
            inside = membership == index
            shown = g.top(g.degree, inside & mask, MEMBERS_SHOWN)
            hub = int(g.top(g.degree, inside, 1)[0])
            rows.append({"community": index, "size": int(sizes[index]), "hub_id": g.ids[hub],
                         "hub_name": g.names[hub], "members": [g.names[int(j)] for j in shown]})
        return ("community", "size", "hub_id", "hub_name", "members"), rows

    def _bridge_edge_rows(self, mask: np.ndarray, top: int) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
        """Bridges touching an entity of the label, most entities cut off first, then by ids."""
        g = self.graph
        pairs, cut = self._once(("bridge_edges",), g.bridge_edges)
        chosen = np.flatnonzero(mask[pairs[:, 0]] | mask[pairs[:, 1]]) if pairs.size else np.zeros(0, int)
        order = g.id_order()
        ranked = chosen[np.lexsort((order[pairs[chosen, 1]], order[pairs[chosen, 0]], -cut[chosen]))][:top]
        rows = []
        for rank, k in enumerate(ranked, 1):
            u, v = (int(x) for x in sorted(pairs[k], key=lambda x: order[x]))
            rows.append({"rank": rank, "source_id": g.ids[u], "source_name": g.names[u],
                         "target_id": g.ids[v], "target_name": g.names[v], "cut_off": int(cut[k])})
        return ("rank", "source_id", "source_name", "target_id", "target_name", "cut_off"), rows


def _plain(value: Any) -> int | float:
    """A numpy scalar as a JSON-ready int or float."""
    number = value.item() if hasattr(value, "item") else value
    return int(number) if isinstance(number, int | np.integer) else float(number)
