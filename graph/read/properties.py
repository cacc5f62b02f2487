"""What an answer shows of each relationship and node, kept beside the projection: a JSON text per index.

The texts are concatenated into one byte array with int64 offsets (``.npy``, memory-mapped), so
an ego network or a path reads the qualifiers and citations of its relationships (and the
records of its nodes) by index, without asking the store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graph.read.projection import Array


class EdgeProperties:
    """JSON records by index; for relationships ``{"qualifiers": {...}, "citations": ["source:start-end"]}``,
    for nodes the record :func:`cypher.ego.node_record` makes."""

    def __init__(self, blob: Array, offsets: Array) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def from_records(cls, records: Sequence[dict[str, Any] | None]) -> EdgeProperties:
        """Pack one record per index (None is kept as JSON null)."""
        texts = [json.dumps(r, ensure_ascii=False,
                            separators=(",", ":")).encode("utf-8") for r in records]
        offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in texts], out=offsets[1:])
        return cls(np.frombuffer(b"".join(texts), dtype=np.uint8).copy(), offsets)

    def __len__(self) -> int:
        return int(self.offsets.shape[0]) - 1

    @property
    def nbytes_total(self) -> int:
        """Bytes of both arrays."""
        return int(self.blob.nbytes) + int(self.offsets.nbytes)

    def of(self, index: int) -> Any:
        """The record at ``index`` (None for a null one)."""
        start, end = int(self.offsets[index]), int(self.offsets[index + 1])
        return json.loads(bytes(self.blob[start:end]).decode("utf-8"))

    def many(self, indices: Array | Sequence[int]) -> list[Any]:
        """The records at ``indices``, in order, parsed as one JSON array (one parse, not one per record)."""
        starts, ends = self.offsets[indices].tolist(), self.offsets[np.asarray(indices) + 1].tolist()
        blob = self.blob
        texts = b",".join(blob[a:b].tobytes() for a, b in zip(starts, ends, strict=True))
        found: list[Any] = json.loads(b"[" + texts + b"]")
        return found

    def dates(self) -> Array:
        """Each relationship's ``date`` qualifier (``""`` when it has none), found in the JSON texts
        with one scan of the blob: qualifiers are flat, and a quote inside a value is escaped."""
        out = np.full(len(self), "", dtype="U10")
        blob = bytes(self.blob)
        found = [(m.start(), m.group(1).decode("utf-8")) for m in _DATE.finditer(blob)]
        if found:
            where = np.searchsorted(np.asarray(self.offsets), [at for at, _ in found], side="right") - 1
            out[where] = [date for _, date in found]
        return out

    def save(self, directory: Path, stem: str = "properties") -> None:
        """Write the two arrays (``STEM_blob.npy``, ``STEM_offsets.npy``) into ``directory``."""
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / f"{stem}_blob.npy", self.blob)
        np.save(directory / f"{stem}_offsets.npy", self.offsets)

    @classmethod
    def load(cls, directory: Path, stem: str = "properties") -> EdgeProperties:
        """Memory-map the arrays :meth:`save` wrote."""
        return cls(_mapped(directory / f"{stem}_blob.npy"), _mapped(directory / f"{stem}_offsets.npy"))


_DATE = re.compile(rb'"date":"?([0-9]{4}(?:-[0-9]{2}){0,2})[",}]')


def _mapped(path: Path) -> Array:
    try:  # a plain view of the map: slicing a np.memmap costs a Python call per slice
        return np.load(path, mmap_mode="r").view(np.ndarray)
    except ValueError:  # an empty array cannot be memory-mapped
        return np.load(path)
