"""The graph's adjacency in memory as CSR arrays (numpy): per node its typed, directed neighbours.

Node ``i`` is the ``i``-th id in sorted order. Relationship ``e`` is stored once (``src[e] →
dst[e]``, type code ``etype[e]``, key ``keys[e]``); each node's slots ``indptr[i]:indptr[i+1]``
list the relationships it is either end of (``edge``) and the node at the other end
(``other``), strongest relation type first, then by the other end (:func:`ranked_slots`). At 5M
relationships that is 5M × (4 + 4 + 1 + 16) bytes for the relationships and 10M × 8 for the
slots: about 205 MB, besides the ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from graph.ontology import LABELS, RELATION_TYPES
from graph.read.kernels import ScratchPool
from graph.read.strength import type_weight
from graph.read.traversal import Step

TYPE_NAMES: tuple[str, ...] = tuple(rt.name for rt in RELATION_TYPES)
LABEL_NAMES: tuple[str, ...] = tuple(lb.name for lb in LABELS)
KEY_BYTES = 16
"""A relationship key: 8 bytes of blake2b in hex (:meth:`graph.model.Relationship.key`)."""
_TYPE_CODE = {name: i for i, name in enumerate(TYPE_NAMES)}
_LABEL_CODE = {name: i for i, name in enumerate(LABEL_NAMES)}
FORMAT = "ranked-slots-1"
"""What :meth:`Projection.save` writes (a cache written by another format is rebuilt)."""
_ARRAYS = ("label", "src", "dst", "etype", "keys", "indptr", "edge", "other")

Array = npt.NDArray[Any]


class Projection:
    """CSR adjacency of a read-only graph; :meth:`neighbours` is traversal's ``neighbours``."""

    def __init__(self, ids: list[str], arrays: dict[str, Array], index: dict[str, int] | None = None) -> None:
        self.ids = ids
        self.index = index if index is not None else {node_id: i for i, node_id in enumerate(ids)}
        self.label: Array = arrays["label"]
        self.src: Array = arrays["src"]
        self.dst: Array = arrays["dst"]
        self.etype: Array = arrays["etype"]
        self.keys: Array = arrays["keys"]
        self.indptr: Array = arrays["indptr"]
        self.edge: Array = arrays["edge"]
        self.other: Array = arrays["other"]
        self.degrees: Array = np.diff(self.indptr)
        self._slot_type: Array | None = None
        self._hub: Array | None = None
        self._pool: ScratchPool | None = None

    @property
    def slot_type(self) -> Array:
        """The type code of each slot's relationship (``etype[edge]``), computed on first use."""
        if self._slot_type is None:
            self._slot_type = np.asarray(self.etype)[np.asarray(self.edge)]
        return self._slot_type

    @property
    def hub(self) -> Array:
        """Per node, what passing through it keeps of a walk's relevance (``1 / log2(2 + degree)``)."""
        if self._hub is None:
            self._hub = 1.0 / np.log2(2.0 + self.degrees)
        return self._hub

    @property
    def scratch(self) -> ScratchPool:
        """The work arrays of :mod:`graph.read.kernels`, reused across calls."""
        if self._pool is None:
            self._pool = ScratchPool(len(self.ids))
        return self._pool

    def without(self, dropped: Array) -> Projection:
        """The same nodes and relationship indices with the relationships ``dropped`` (a boolean per
        relationship) left out of the adjacency: degrees, hub factors and every traversal see the
        graph without them (the names, and the kernels' work arrays, are shared)."""
        keep = ~np.asarray(dropped)[np.asarray(self.edge)]
        kept = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
        arrays = {"label": self.label, "src": self.src, "dst": self.dst, "etype": self.etype,
                  "keys": self.keys, "indptr": kept[np.asarray(self.indptr)],
                  "edge": np.asarray(self.edge)[keep], "other": np.asarray(self.other)[keep]}
        view = Projection(self.ids, arrays, self.index)
        view._pool = self.scratch  # the work arrays are per node: shared
        return view

    @classmethod
    def from_rows(cls, labels: dict[str, str], edges: Iterable[Sequence[Any]]) -> Projection:
        """Build from id → label and ``(source id, target id, type, key)`` rows.

        Relationships whose ends ``labels`` does not know, or of a type the ontology lacks, are
        left out.
        """
        ids = sorted(labels)
        index = {node_id: i for i, node_id in enumerate(ids)}
        src: list[int] = []
        dst: list[int] = []
        etype: list[int] = []
        keys: list[str] = []
        for source, target, rel_type, key in edges:
            a, b, t = index.get(source), index.get(target), _TYPE_CODE.get(rel_type)
            if a is None or b is None or t is None:
                continue
            src.append(a)
            dst.append(b)
            etype.append(t)
            keys.append(key or "")
        label = np.array([_LABEL_CODE.get(labels[i], -1) for i in ids], dtype=np.int8)
        return cls(ids, _csr(len(ids), label, np.array(src, dtype=np.int32), np.array(dst, dtype=np.int32),
                             np.array(etype, dtype=np.int8), np.array(keys, dtype=f"S{KEY_BYTES}")))

    @property
    def relationships(self) -> int:
        """How many relationships the projection holds."""
        return int(self.src.shape[0])

    @property
    def nbytes(self) -> int:
        """Bytes of its arrays (the ids and their index not counted)."""
        return sum(int(getattr(self, name).nbytes) for name in _ARRAYS) + int(self.degrees.nbytes)

    def degree(self, node: int) -> int:
        """Relationships of one node (either direction, every type)."""
        return int(self.degrees[node])

    def label_of(self, node: int) -> str:
        """The label of a node."""
        return LABEL_NAMES[int(self.label[node])]

    def key_of(self, edge: int) -> str:
        """The stored key of a relationship."""
        return bytes(self.keys[edge]).decode("ascii")

    def label_mask(self, labels: Iterable[str]) -> Array:
        """A boolean per node: is its label one of ``labels``?"""
        codes = [_LABEL_CODE[name] for name in labels if name in _LABEL_CODE]
        return np.isin(self.label, np.array(codes, dtype=np.int8))

    def neighbours(self, nodes: Sequence[int], types: frozenset[str]) -> Iterator[Step]:
        """Every relationship of each node, of ``types`` (all when empty), as traversal steps."""
        wanted = None
        if types:
            wanted = np.zeros(len(TYPE_NAMES), dtype=bool)
            wanted[[_TYPE_CODE[t] for t in types if t in _TYPE_CODE]] = True
        for u in nodes:
            start, end = self.indptr[u], self.indptr[u + 1]
            edges, others = self.edge[start:end], self.other[start:end]
            codes = self.etype[edges]
            if wanted is not None:
                chosen = wanted[codes]
                edges, others, codes = edges[chosen], others[chosen], codes[chosen]
            outgoing = self.src[edges] == u
            for e, v, t, out in zip(edges.tolist(), others.tolist(), codes.tolist(), outgoing.tolist(),
                                    strict=True):
                yield Step(u, v, TYPE_NAMES[t], out, e)

    def save(self, directory: Path) -> None:
        """Write the arrays (``.npy``) and the ids (one a line) into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            np.save(directory / f"{name}.npy", getattr(self, name))
        (directory / "ids.txt").write_text("\n".join(self.ids), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> Projection:
        """Memory-map the arrays :meth:`save` wrote."""
        ids = (directory / "ids.txt").read_text(encoding="utf-8").split("\n")
        # Plain views of the maps: slicing a np.memmap costs a Python call per slice.
        arrays = {name: np.load(directory / f"{name}.npy", mmap_mode="r").view(np.ndarray)
                  for name in _ARRAYS}
        return cls(ids if ids != [""] else [], arrays)


def _csr(n: int, label: Array, src: Array, dst: Array, etype: Array, keys: Array) -> dict[str, Array]:
    m = src.shape[0]
    ends = np.concatenate([src, dst])
    order = np.argsort(ends, kind="stable")
    edge = np.concatenate([np.arange(m, dtype=np.int32)] * 2)[order]
    other = np.concatenate([dst, src])[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(ends, minlength=n), out=indptr[1:])
    edge, other = ranked_slots(indptr, edge, other, etype)
    return {"label": label, "src": src, "dst": dst, "etype": etype, "keys": keys, "indptr": indptr,
            "edge": edge.astype(np.int32), "other": other.astype(np.int32)}


_WEIGHT_CLASS = np.unique([-type_weight(t) for t in TYPE_NAMES], return_inverse=True)[1].astype(np.int64)
"""Per type code, its weight's rank among the types' weights (0: the strongest)."""


def ranked_slots(indptr: Array, edge: Array, other: Array, etype: Array) -> tuple[Array, Array]:
    """Each node's slots ordered by relation strength (strongest first), then by the node at the other
    end: the order :mod:`graph.read.egos` reads them in, best first."""
    n = indptr.size - 1
    owner = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    key = (owner * (int(_WEIGHT_CLASS.max()) + 1) + _WEIGHT_CLASS[etype[edge]]) * max(n, 1) + other
    order = np.argsort(key, kind="stable")
    return edge[order], other[order]
