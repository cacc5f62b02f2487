"""Graph analytics with igraph over plain edge arrays: degree, PageRank, betweenness, communities, brokers."""

from __future__ import annotations

import random
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import igraph as ig
import numpy as np
import numpy.typing as npt

from graph.model import KnowledgeGraph

DEFAULT_SEED = 42
DAMPING = 0.85
EXACT_BETWEENNESS_MAX_NODES = 5_000
"""Up to this many nodes betweenness is exact unless a sample is asked for."""
LEIDEN_UNTIL_STABLE_MAX_NODES = 10_000
"""Up to this many nodes Leiden iterates until stable; larger graphs get two iterations (seconds at 1M)."""
DEFAULT_SAMPLE = 32
"""Pivots of the betweenness estimate on larger graphs (about 1 s each at 1M nodes / 5M links)."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

_RNG_LOCK = threading.Lock()  # igraph draws from one process-wide generator


@dataclass(frozen=True)
class Betweenness:
    """Normalised betweenness per node; ``sample`` pivots when estimated, None when exact."""

    scores: FloatArray
    sample: int | None


class FastGraph:
    """The undirected simple graph under a knowledge graph, in igraph, with per-node ids and labels.

    Relation directions in the ontology are grammatical (who raises, who invests), not
    endorsements, so every measure but degree runs on the undirected graph with parallel
    relations merged and self-loops dropped, as :mod:`graph.analytics.reference` does. Degree
    counts each relationship, as the ``most_connected`` query does.
    """

    def __init__(self, n: int, src: npt.ArrayLike, dst: npt.ArrayLike, ids: Sequence[str],
                 names: Sequence[str] | None = None, labels: Sequence[str] | None = None) -> None:
        """Build from ``n`` nodes and relationship endpoint arrays (node indices ``0 … n-1``).

        Args:
            n: node count.
            src: source index of each relationship.
            dst: target index of each relationship.
            ids: node ids by index; ``names`` and ``labels`` likewise (default: the ids, no label).
        """
        s = np.asarray(src, dtype=np.int64)
        d = np.asarray(dst, dtype=np.int64)
        if s.shape != d.shape or len(ids) != n:
            raise ValueError("src and dst must have one length and ids one entry per node")
        if s.size and (min(s.min(), d.min()) < 0 or max(s.max(), d.max()) >= n):
            raise ValueError("edge endpoints must be node indices 0 … n-1")
        self.n = n
        self.relationships = int(s.size)
        self.ids = list(ids)
        self.names = list(names) if names is not None else self.ids
        code_of: dict[str, int] = {}
        given = labels if labels is not None else [""] * n
        codes = [code_of.setdefault(label, len(code_of)) for label in given]
        self.label_names = np.array(list(code_of) or [""], dtype=str)
        self.label_codes = np.asarray(codes, dtype=np.int32)
        self.degree = (np.bincount(s, minlength=n) + np.bincount(d, minlength=n)).astype(np.int64)
        lo, hi = np.minimum(s, d), np.maximum(s, d)
        keep = lo != hi
        pairs = _distinct(lo[keep] * n + hi[keep])
        self.edges = np.column_stack((pairs // n, pairs % n))
        self.g = ig.Graph(n=n, directed=False)
        self.g.add_edges(self.edges)
        self._id_order: IntArray | None = None

    @classmethod
    def from_arrays(cls, n: int, src: npt.ArrayLike, dst: npt.ArrayLike, ids: Sequence[str],
                    names: Sequence[str] | None = None, labels: Sequence[str] | None = None) -> FastGraph:
        """The graph of ``n`` nodes and endpoint arrays (e.g. a CSR projection's COO form)."""
        return cls(n, src, dst, ids, names, labels)

    @classmethod
    def from_csr(cls, indptr: npt.ArrayLike, indices: npt.ArrayLike, ids: Sequence[str],
                 names: Sequence[str] | None = None, labels: Sequence[str] | None = None) -> FastGraph:
        """The graph of a CSR adjacency: node ``i`` links to ``indices[indptr[i]:indptr[i+1]]``.

        Give each relationship once (out-neighbours only), or degree counts it twice.
        """
        starts = np.asarray(indptr, dtype=np.int64)
        n = starts.size - 1
        src = np.repeat(np.arange(n, dtype=np.int64), np.diff(starts))
        return cls(n, src, np.asarray(indices, dtype=np.int64), ids, names, labels)

    @classmethod
    def from_knowledge_graph(cls, kg: KnowledgeGraph) -> FastGraph:
        """The graph of the curated (or synthetic) knowledge graph."""
        ids = list(kg.nodes)
        index = {node_id: i for i, node_id in enumerate(ids)}
        src = np.fromiter((index[r.source] for r in kg.relationships), np.int64, len(kg.relationships))
        dst = np.fromiter((index[r.target] for r in kg.relationships), np.int64, len(kg.relationships))
        nodes = list(kg.nodes.values())
        return cls(len(ids), src, dst, ids, [n.name for n in nodes], [n.label for n in nodes])

    @property
    def links(self) -> int:
        """Edges of the undirected simple graph."""
        return int(self.edges.shape[0])

    def label_of(self, i: int) -> str:
        """The label of node ``i``."""
        return str(self.label_names[self.label_codes[i]])

    def label_mask(self, label: str | None) -> npt.NDArray[np.bool_]:
        """Which nodes carry ``label`` (all when None)."""
        if label is None:
            return np.ones(self.n, dtype=bool)
        found = np.flatnonzero(self.label_names == label)
        return self.label_codes == found[0] if found.size else np.zeros(self.n, dtype=bool)

    def id_order(self) -> IntArray:
        """Each node's position in id order (ties in rankings go to the smaller id)."""
        if self._id_order is None:
            order = np.argsort(np.asarray(self.ids, dtype=str), kind="stable")
            ranks = np.empty(self.n, dtype=np.int64)
            ranks[order] = np.arange(self.n)
            self._id_order = ranks
        return self._id_order

    def top(self, scores: npt.ArrayLike, mask: npt.NDArray[np.bool_] | None = None,
            k: int | None = None) -> IntArray:
        """Indices of the ``k`` best nodes (all when None) by score, ties by id."""
        values = np.asarray(scores, dtype=np.float64)
        idx = np.flatnonzero(mask) if mask is not None else np.arange(self.n)
        if k is not None and idx.size > k:
            kth = np.partition(values[idx], idx.size - k)[idx.size - k]
            idx = idx[values[idx] >= kth]
        order = np.lexsort((self.id_order()[idx], -values[idx]))
        chosen = idx[order]
        return chosen if k is None else chosen[:k]

    def pagerank(self, damping: float = DAMPING) -> FloatArray:
        """PageRank (PRPACK) of the undirected graph; sums to 1, isolated nodes included."""
        return np.asarray(self.g.pagerank(directed=False, damping=damping), dtype=np.float64)

    def betweenness(self, sample: int | None = None, seed: int = DEFAULT_SEED) -> Betweenness:
        """Normalised betweenness, as networkx's ``betweenness_centrality(normalized=True)``.

        Exact (Brandes) when ``sample`` is None and the graph has at most
        :data:`EXACT_BETWEENNESS_MAX_NODES` nodes; otherwise estimated from ``sample`` random
        pivots (default :data:`DEFAULT_SAMPLE`; Brandes & Pich 2007): igraph's subset
        betweenness from the pivots to every node, scaled by ``n / sample``. The estimate is
        unbiased; its error shrinks as ``1/sqrt(sample)`` and it ranks hubs first reliably.
        """
        n = self.n
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
        if sample is None and n <= EXACT_BETWEENNESS_MAX_NODES:
            raw = np.asarray(self.g.betweenness(directed=False), dtype=np.float64)
            return Betweenness(raw * scale, None)
        k = min(sample or DEFAULT_SAMPLE, n)
        if k >= n:
            raw = np.asarray(self.g.betweenness(directed=False), dtype=np.float64)
            return Betweenness(raw * scale, None)
        pivots = np.random.default_rng(seed).choice(n, size=k, replace=False)
        raw = np.asarray(self.g.betweenness(directed=False, sources=pivots.tolist()), dtype=np.float64)
        return Betweenness(raw * (n / k) * scale, k)

    def communities(self, seed: int = DEFAULT_SEED) -> IntArray:
        """Leiden (modularity) community of each node, numbered largest first, ties by smallest id.

        Deterministic for a seed: igraph's generator is seeded under a lock and restored.
        Iterates until no node moves on graphs up to :data:`LEIDEN_UNTIL_STABLE_MAX_NODES`
        nodes, twice on larger ones (the further passes gain little modularity for much time).
        """
        iterations = -1 if self.n <= LEIDEN_UNTIL_STABLE_MAX_NODES else 2
        with _RNG_LOCK:
            ig.set_random_number_generator(random.Random(seed))
            try:
                found = self.g.community_leiden(objective_function="modularity", n_iterations=iterations)
            finally:
                ig.set_random_number_generator(random)
        raw = np.asarray(found.membership, dtype=np.int64)
        count = int(raw.max()) + 1 if raw.size else 0
        sizes = np.bincount(raw, minlength=count)
        first = np.full(count, self.n, dtype=np.int64)
        np.minimum.at(first, raw, self.id_order())
        order = np.lexsort((first, -sizes))
        renumber = np.empty(count, dtype=np.int64)
        renumber[order] = np.arange(count)
        return renumber[raw]

    def modularity(self, membership: npt.ArrayLike) -> float:
        """Newman modularity of a partition of the undirected simple graph."""
        return float(self.g.modularity(np.asarray(membership).tolist()))

    def brokers(self, membership: IntArray) -> tuple[IntArray, IntArray]:
        """Per node: communities its links reach (its own included when it reaches another) and cross links.

        The same quantities as :func:`graph.analytics.reference.bridges`; nodes that reach no
        other community get 0 and 0.
        """
        u, v = self.edges[:, 0], self.edges[:, 1]
        cross = membership[u] != membership[v]
        a = np.concatenate((u[cross], v[cross]))
        b = np.concatenate((membership[v[cross]], membership[u[cross]]))
        cross_links = np.bincount(a, minlength=self.n).astype(np.int64)
        count = int(membership.max()) + 1 if membership.size else 1
        distinct = _distinct(a * count + b) // count
        reached = np.bincount(distinct, minlength=self.n).astype(np.int64)
        return np.where(reached > 0, reached + 1, 0), cross_links

    def bridge_edges(self) -> tuple[IntArray, IntArray]:
        """Links whose removal disconnects the graph, as ``(k, 2)`` node pairs, and the entities each cuts.

        The count is that of the smaller side, found on the forest of 2-edge-connected pieces
        the bridges join, so a relation tying one entity to the rest counts 1.
        """
        found = np.asarray(self.g.bridges(), dtype=np.int64)
        if found.size == 0:
            return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
        kept = np.ones(self.links, dtype=bool)
        kept[found] = False
        pieces = ig.Graph(n=self.n, directed=False)
        pieces.add_edges(self.edges[kept])
        piece = np.asarray(pieces.connected_components().membership, dtype=np.int64)
        weight = np.bincount(piece).astype(np.int64)
        a, b = piece[self.edges[found, 0]], piece[self.edges[found, 1]]
        forest = ig.Graph(n=weight.size + 1, directed=False)  # the last vertex roots every tree
        tree = np.asarray(ig.Graph(n=weight.size, edges=np.column_stack((a, b)).tolist())
                          .connected_components().membership, dtype=np.int64)
        roots = np.unique(tree, return_index=True)[1]
        forest.add_edges(np.column_stack((a, b)))
        forest.add_edges(np.column_stack((np.full(roots.size, weight.size), roots)))
        order, layers, parents = forest.bfs(weight.size)
        parent = np.asarray(parents, dtype=np.int64)
        below = np.concatenate((weight, [0]))
        for start, end in reversed(list(zip(layers[1:-1], layers[2:], strict=True))):
            level = np.asarray(order[start:end], dtype=np.int64)
            np.add.at(below, parent[level], below[level])
        total = below[roots][tree]  # each piece's whole tree
        child = np.where(parent[b] == a, b, a)
        cut = np.minimum(below[child], total[child] - below[child])
        return self.edges[found], cut


def _distinct(keys: IntArray) -> IntArray:
    """The distinct values, sorted (``np.unique`` is many times slower on millions of int64)."""
    ordered = np.sort(keys)
    if ordered.size == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]
